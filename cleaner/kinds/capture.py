"""capture: a line the pattern matches whole gives its named groups as metadata.

The line goes unless `keep: true`. Values are the original characters (not the folded view),
with runs of spaces collapsed; a breadcrumb's separators are unified to ' › '.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cleaner.kinds.base import Key

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

KEYS = {"pattern": Key("line-pattern", required=True), "keep": Key("bool", default=False)}

FIELDS = ("title", "date", "source", "author", "editor", "chief_editor", "breadcrumb", "site_name", "url", "language")
_CRUMB_SEP = re.compile(r"\s*(?:>>|»|›|>|→|/|\\)\s*")


def apply(page: Page, rule: Rule) -> None:
    """Capture the named groups of each whole-line match, then drop the line unless kept."""
    pattern = rule.params["pattern"]
    for idx, m, start in list(page.matches(pattern, rule)):
        line = page.lines[idx]
        fields = {}
        for name, group in pattern.group_names.items():
            s, e = m.span(group)
            if s >= 0:
                value = clean_value(name, line[s - start : e - start])
                if value:
                    fields[name] = value
        if not fields:
            continue
        page.capture(fields)
        if not rule.params["keep"]:
            page.drop(idx, rule, captured=fields)


def clean_value(name: str, value: str) -> str:
    """Normalise a captured value: collapse spaces; join breadcrumb parts with ' › '."""
    value = " ".join(value.split())
    if name == "breadcrumb":
        value = " › ".join(part for part in _CRUMB_SEP.split(value) if part)
    return value
