"""What a rule kind module declares: its keys (validated on load) and its phase."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Key:
    """One key a rule kind accepts."""

    type: str  # "pattern", "line-pattern", "text", "bool", "choice", "selector"
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    allow_empty: bool = False  # only for "text": e.g. `with: ''` in a replace rule


PATTERN = Key("pattern", required=True)

# Kinds run in this order on every page, whatever the order in the rule file: metadata is read
# before anything is cut, whole-line removals before edits inside lines.
PHASES = ("drop-element", "capture", "cut", "drop-block", "drop-line", "strip-span", "replace")
