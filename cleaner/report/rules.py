"""What the report says about a rule: its description, file and line, and its colour."""
from __future__ import annotations

import zlib
from dataclasses import dataclass

from cleaner.ruleset.ruleset import RuleSet

# Rule ids the engine credits removals to without a rule file defining them.
BUILTIN = {
    "text/main-content": ("main-content", "Outside the article's run of prose: menus, link lists, teasers, footers."),
    "html/boilerplate": ("drop-element", "HTML furniture left out by tag, role or class and id words (nav, footer, share bars, hidden elements)."),
    "html/nesting-limit": ("drop-element", "Block tags nested deeper than 512 levels, unwrapped (their text kept)."),
    "html/main-content": ("drop-element", "HTML blocks outside the page's main content."),
}


@dataclass(frozen=True)
class RuleInfo:
    """A rule as the report shows it."""

    id: str
    kind: str
    description: str
    path: str = ""  # the rule file ("" for the engine's own ids)
    line: int = 0

    @property
    def where(self) -> str:
        """`path:line`, or `built in`."""
        return f"{self.path}:{self.line}" if self.path else "built in"

    @property
    def hue(self) -> int:
        """A colour of its own, the same in every page and every run."""
        return zlib.crc32(self.id.encode("utf-8")) % 360


def rule_table(rules: RuleSet) -> dict[str, RuleInfo]:
    """Every rule in force by id, with the engine's own ids."""
    table = {rid: RuleInfo(rid, kind, text) for rid, (kind, text) in BUILTIN.items()}
    for rule in rules.rules():
        table[rule.id] = RuleInfo(rule.id, rule.kind, rule.description, rule.path, rule.line)
    return table


def info(table: dict[str, RuleInfo], rule_id: str) -> RuleInfo:
    """The rule's info; an id the table lacks still gets a colour and says so."""
    return table.get(rule_id) or RuleInfo(rule_id, "?", "(not in the rules loaded for this report)")
