"""drop-line: remove every line the pattern matches."""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.kinds.base import PATTERN, no_problems

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

NAME = "drop-line"
TARGET = "text"
SUMMARY = "every line its pattern matches"
DETAIL = "every line the pattern matches (search; anchor with `^…$`)"
KEYS = {"pattern": PATTERN}
TRIGGER = "pattern"
EDITS_INSIDE_LINES = False
ONE_LINE_AT_A_TIME = True
validate = no_problems


def apply(page: Page, rule: Rule) -> None:
    """Drop each live line the rule's pattern matches."""
    for idx, _m, _start in list(page.matches(rule.params["pattern"], rule)):
        page.drop(idx, rule)
