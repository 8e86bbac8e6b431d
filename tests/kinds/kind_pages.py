"""Constructed pages and one-file rule sets for the kind tests."""
from __future__ import annotations

from cleaner import RuleSet, clean_text
from cleaner.result import Result
from cleaner.ruleset.loader import parse_rule_file
from cleaner.ruleset.model import RuleFileErrors

HEAD = "site: t.example\ndescription: test\nmatch: {hosts: [t.example]}\n"


def rules_of(body: str, extra: str = "") -> RuleSet:
    """A rule set of one site file, t.example, with the given rules (which must load cleanly)."""
    rs = RuleSet([parse_rule_file(HEAD + extra + "rules:\n" + body, "t.yaml")])
    assert not rs.errors, [str(e) for e in rs.errors]
    return rs


def run(body: str, page: str, extra: str = "") -> Result:
    """Clean page as a page of t.example with the given rules."""
    return clean_text(page, rules_of(body, extra), url="http://t.example/a")


def errors_of(body: str) -> list[str]:
    """The errors, `t.yaml:LINE: message`, that loading a t.example file with the given rules reports."""
    try:
        parse_rule_file(HEAD + "rules:\n" + body, "t.yaml")
    except RuleFileErrors as exc:
        return [str(e) for e in exc.errors]
    return []
