"""Patterns come from rule files, so none may hang the cleaner; folding must map one to one."""
from __future__ import annotations

import pytest
import re2

from cleaner import RuleSet, clean_text
from cleaner.matching.fold import fold, fold_pattern, strip_line
from cleaner.matching.patterns import PatternError, compile_pattern
from cleaner.ruleset.loader import parse_rule_file


@pytest.mark.parametrize("evil", [r"(a+)+$", r"(a|aa)+$", r"(a*)*b", r"(x+x+)+y", r"^(\w+\s?)+$"])
def test_catastrophic_patterns_run_in_linear_time(evil):
    rules = RuleSet([parse_rule_file(
        f"site: t.example\ndescription: d\nmatch: {{hosts: [t.example]}}\nrules:\n  - {{id: evil, kind: drop-line, description: d, pattern: '{evil}'}}\n",
        "t.yaml")])
    # Python's re needs hours for these on the page below. Linear time is RE2's by construction:
    # every rule pattern is an RE2 automaton (no backtracking engine behind it) of a size fixed
    # by the pattern, whatever the page. Timings: bench/time_bounds.py.
    pattern = rules.files["t.example"].rules[0].params["pattern"]
    assert isinstance(pattern.regex, re2._Regexp) and isinstance(pattern.regex._regexp, re2._re2.RE2)
    assert pattern.regex.programsize < 100
    page = "a" * 100_000 + "!"
    assert clean_text(page, rules, url="http://t.example/").text == page + "\n"


def test_fold_is_length_preserving_and_maps_spaces_and_fullwidth():
    text = "2018\u00a0来源：新华社\u3000\u2003１２ＡＢ（）\u200b"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "2018 来源:新华社  12AB() "


def test_fold_pattern_escapes_folded_metacharacters():
    assert fold_pattern("（图）") == r"\(图\)"
    assert fold_pattern(r"\（") == r"\("
    assert fold_pattern("来源：") == "来源:"


def test_strip_line_strips_cjk_spaces():
    assert strip_line("\u3000\u2003\u00a0 正文\u00a0\u200b ") == "正文"


def test_errors_are_pattern_errors():
    for bad in ["(", "a{2,1}", "(?<=a)b", r"(a)\1"]:
        with pytest.raises(PatternError):
            compile_pattern(bad)


def test_match_never_crosses_a_line():
    p = compile_pattern(r"a[^x]*b")
    assert [m.start() for m in p.finditer("a\nb\nab")] == [4]
