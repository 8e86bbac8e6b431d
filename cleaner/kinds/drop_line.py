"""drop-line: remove every line the pattern matches."""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.kinds.base import PATTERN

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

KEYS = {"pattern": PATTERN}


def apply(page: Page, rule: Rule) -> None:
    """Drop each live line the rule's pattern matches."""
    for idx, _m, _start in list(page.matches(rule.params["pattern"], rule)):
        page.drop(idx, rule)
