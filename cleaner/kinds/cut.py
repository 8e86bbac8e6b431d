"""cut: remove everything before (or after) the first line matching `marker`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.kinds.base import PATTERN, Key, no_problems

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

KEYS = {
    "marker": PATTERN,
    "side": Key("choice", required=True, choices=("before", "after")),
    "keep_marker": Key("bool", default=False),
}
NAME = "cut"
TARGET = "text"
SUMMARY = "everything before or after the first `marker` line"
DETAIL = "everything before (or after) the first line matching `marker`"
TRIGGER = "marker"
EDITS_INSIDE_LINES = False
ONE_LINE_AT_A_TIME = False  # where the first marker is depends on the whole page
validate = no_problems


def apply(page: Page, rule: Rule) -> None:
    """Drop the lines on the rule's side of the first marker line (and the marker unless kept)."""
    marker = page.first_line(rule.params["marker"], rule)
    if marker is None:
        return
    keep = rule.params["keep_marker"]
    if rule.params["side"] == "before":
        span = range(0, marker if keep else marker + 1)
    else:
        span = range(marker + 1 if keep else marker, len(page.lines))
    page.drop_many(span, rule)
