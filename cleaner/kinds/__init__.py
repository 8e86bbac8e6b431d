"""Rule kinds: one module each, registered in one table. Adding a kind: a module and a row."""
from __future__ import annotations

from types import ModuleType

from cleaner.kinds import capture, cut, drop_block, drop_element, drop_line, replace, strip_span
from cleaner.kinds.base import PHASES, Key

# kind name (as written in rule files) -> module with KEYS and apply(page, rule)
KINDS: dict[str, ModuleType] = {
    "drop-element": drop_element,
    "capture": capture,
    "cut": cut,
    "drop-block": drop_block,
    "drop-line": drop_line,
    "strip-span": strip_span,
    "replace": replace,
}

# Text kinds run on lines; HTML kinds run on the parsed document before text extraction.
HTML_KINDS = frozenset({"drop-element"})

assert tuple(KINDS) == PHASES, "every kind has a phase and every phase a kind"

__all__ = ["KINDS", "HTML_KINDS", "PHASES", "Key"]
