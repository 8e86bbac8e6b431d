"""strip-span: cut the matched spans out of a line; the line goes when nothing real is left."""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.kinds.base import PATTERN, no_problems

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

NAME = "strip-span"
TARGET = "text"
SUMMARY = "the matched spans inside a line; the line goes when nothing real is left"
DETAIL = "the matched spans inside a line; the line goes when nothing but spaces and punctuation is left"
KEYS = {"pattern": PATTERN}
TRIGGER = "pattern"
EDITS_INSIDE_LINES = True
ONE_LINE_AT_A_TIME = True
validate = no_problems


def apply(page: Page, rule: Rule) -> None:
    """Cut every match of the rule's pattern from the live lines."""
    for idx, spans in _spans_by_line(page, rule).items():
        page.edit(idx, spans, rule)


def _spans_by_line(page: Page, rule: Rule) -> dict[int, list[tuple[int, int]]]:
    found: dict[int, list[tuple[int, int]]] = {}
    for idx, m, start in page.matches(rule.params["pattern"], rule):
        if m.end() > m.start():
            found.setdefault(idx, []).append((m.start() - start, m.end() - start))
    return found
