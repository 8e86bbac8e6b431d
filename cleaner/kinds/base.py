"""What a rule kind module declares, and the key types its rules are validated against.

Each kind is one module (as yamllint keeps a rule in its own module) with:

- `NAME`: the kind as written in rule files;
- `TARGET`: "text" (lines of scraped or extracted text) or "html" (elements of the parsed page);
- `SUMMARY` and `DETAIL`: what it removes, for the README's and docs/rules.md's kinds tables;
- `KEYS`: the `Key` table its rules are validated against on load;
- `TRIGGER`: the key whose match lets a rule act at all (the prefilter scans for it), or a tuple
  of keys of which a rule gives exactly one (drop-line: `pattern` or `lines`);
- `EDITS_INSIDE_LINES`: it rewrites lines instead of dropping them (later rules may match anew);
- `ONE_LINE_AT_A_TIME`: it judges each line alone (edited lines meet it again, and only they);
- `validate(params, where)`: problems beyond the keys' types, as (key, message) pairs;
- `apply(page, rule)`: what it does to a page.

Its phase, the place in the order kinds run, is its place in the registry (kinds/__init__.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TARGETS = ("text", "html")

# A problem a kind's own validation finds: the key it concerns and the whole message.
Problem = tuple[str, str]


@dataclass(frozen=True)
class Key:
    """One key a rule kind accepts."""

    type: str  # "pattern", "line-pattern", "lines", "text", "bool", "choice", "selector"
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    allow_empty: bool = False  # only for "text": e.g. `with: ''` in a replace rule


PATTERN = Key("pattern", required=True)


def no_problems(params: dict[str, Any], where: str) -> list[Problem]:
    """The validation of a kind whose keys' types say it all."""
    return []
