"""drop-block: remove from a line matching `start` through the next line matching `end`.

Without `end` the block runs to the end of the page. With an `end` that never comes after a
start, nothing is removed: an unclosed block must not swallow the article.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.kinds.base import PATTERN, Key, no_problems

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

NAME = "drop-block"
TARGET = "text"
SUMMARY = "from a `start` line through the next `end` line (or to the end of the page)"
DETAIL = "from a line matching `start` through the next line matching `end` (or to the end of the page)"
KEYS = {"start": PATTERN, "end": Key("pattern")}
TRIGGER = "start"
EDITS_INSIDE_LINES = False
ONE_LINE_AT_A_TIME = False  # a block spans lines
validate = no_problems


def apply(page: Page, rule: Rule) -> None:
    """Drop every start…end block of live lines."""
    start_p, end_p = rule.params["start"], rule.params.get("end")
    after = -1
    while True:
        first = page.first_line(start_p, rule, after)
        if first is None:
            return
        if end_p is None:  # to the end of the page: no later start can matter
            page.drop_many(range(first, len(page.lines)), rule)
            return
        last = page.first_line(end_p, rule, first)
        if last is None:
            return
        page.drop_many(range(first, last + 1), rule)
        after = last
