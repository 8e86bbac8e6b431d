"""capture: a line the pattern matches whole gives its named groups as metadata.

The line goes unless `keep: true`. Values are the original characters (not the folded view),
with runs of spaces collapsed; a breadcrumb's separators are unified to ' › '.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from cleaner.kinds.base import Key, Problem

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

NAME = "capture"
TARGET = "text"
SUMMARY = "a line its pattern matches whole; named groups become metadata (`date`, `source`, `editor`, …)"
DETAIL = ("a line the pattern matches whole: its named groups become metadata, "
          "and the line goes unless `keep: true`")
KEYS = {"pattern": Key("line-pattern", required=True), "keep": Key("bool", default=False)}
TRIGGER = "pattern"
EDITS_INSIDE_LINES = False
ONE_LINE_AT_A_TIME = True

FIELDS = ("title", "date", "source", "author", "editor", "chief_editor", "breadcrumb", "site_name", "url", "language")
_CRUMB_SEP = re.compile(r"\s*(?:>>|»|›|>|→|/|\\)\s*")


def validate(params: dict[str, Any], where: str) -> list[Problem]:
    """Every group must be named after a metadata field (or x_…): a capture without one captures nothing."""
    pattern = params.get("pattern")
    if pattern is None:
        return []
    names = list(pattern.group_names)
    problems = [] if names else [("pattern", f'"pattern" {where} has no named group; name one (?P<editor>...) per field')]
    problems += [("pattern", f'group "{name}" {where} is no metadata field; expected one of: {", ".join(FIELDS)} or a name starting with x_')
                 for name in names if name not in FIELDS and not name.startswith("x_")]
    return problems


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
