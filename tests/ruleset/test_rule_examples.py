"""Meta-tests: every bundled rule file loads, every rule carries examples, and they all pass."""
from __future__ import annotations

import pytest

from cleaner import RuleSet
from cleaner.core.examples import check_examples

ALL = RuleSet.load().rules()


def test_bundled_rules_load(bundled):
    assert bundled.files, "no bundled rule files found"


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_rule_examples_pass(rule):
    assert check_examples(rule) == []


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_rule_has_remove_and_keep_examples(rule):
    ex = rule.examples
    assert ex.remove or ex.rewrite or ex.capture, f"{rule.id} shows nothing it removes"
    assert ex.keep, f"{rule.id} shows nothing it must keep"
