"""drop-line: remove every line the pattern matches, or every line equal to one of `lines`.

`lines` is a list of literal lines, one YAML entry each, matched whole after folding (full-width
forms, Unicode spaces) with runs of spaces matching any run: what a learned file lists for a
site's repeated lines, so a reviewer reads lines and a re-learn diffs line by line. It compiles
to one RE2 pattern, so the prefilter scans it like any other.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.kinds.base import Key, no_problems

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

NAME = "drop-line"
TARGET = "text"
SUMMARY = "every line its pattern matches, or every line equal to one it lists"
DETAIL = ("every line the pattern matches (search; anchor with `^…$`), or, with `lines` instead, every "
          "line equal to one of the listed lines (after folding)")
KEYS = {"pattern": Key("pattern"), "lines": Key("lines")}
TRIGGER = ("pattern", "lines")  # a rule gives one of them
EDITS_INSIDE_LINES = False
ONE_LINE_AT_A_TIME = True
validate = no_problems


def apply(page: Page, rule: Rule) -> None:
    """Drop each live line the rule's pattern matches, or that equals a listed line."""
    if rule.params["lines"] is not None:
        for idx in page.equal_lines(rule.params["lines"], rule):
            page.drop(idx, rule)
        return
    for idx, _m, _start in list(page.matches(rule.params["pattern"], rule)):
        page.drop(idx, rule)
