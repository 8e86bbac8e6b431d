"""A learned site as a rule file, loaded as the cleaner loads every rule file."""
from __future__ import annotations

from cleaner.learn.model import LearnedSite
from cleaner.learn.writer import render_rule_file
from cleaner.ruleset.loader import parse_rule_file
from cleaner.ruleset.model import RuleFile
from cleaner.ruleset.ruleset import RuleSet


def learned_rule_file(learned: LearnedSite, *, examples: bool = True) -> RuleFile:
    """The learned site as a loaded rule file (raises RuleFileErrors if it does not validate)."""
    return parse_rule_file(render_rule_file(learned, examples=examples), f"{learned.site}.yaml")


def ruleset_with(base: RuleSet, rule_file: RuleFile) -> RuleSet:
    """The base rule files plus one more (replacing a base file for the same site)."""
    return RuleSet([f for f in base.files.values() if f.name != rule_file.name] + [rule_file])
