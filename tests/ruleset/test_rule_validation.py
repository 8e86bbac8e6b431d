"""Rule files are input: every malformed one is refused with `path:line: message`."""
from __future__ import annotations

import textwrap

import pytest

from cleaner.ruleset.loader import parse_rule_file
from cleaner.ruleset.model import RuleFileErrors

GOOD_HEAD = """\
site: example.com
description: Example pages.
match:
  hosts: [example.com]
rules:
"""


def errors_of(text: str) -> list[str]:
    with pytest.raises(RuleFileErrors) as info:
        parse_rule_file(textwrap.dedent(text), "rules/example.com.yaml")
    return [str(e) for e in info.value.errors]


def test_good_file_loads():
    f = parse_rule_file(GOOD_HEAD + "  - {id: ad, kind: drop-line, description: Ads., pattern: '^AD$'}\n", "x.yaml")
    assert [r.id for r in f.rules] == ["example.com/ad"]


def test_unknown_rule_key_names_key_rule_and_allowed_keys():
    errs = errors_of(GOOD_HEAD + """\
  - id: fororder-tags
    kind: strip-span
    description: Tags.
    stirp: 'x'
    pattern: 'x'
""")
    assert errs == [
        'rules/example.com.yaml:9: unknown key "stirp" in rule "fororder-tags"; '
        "expected one of: id, kind, description, examples, within, pattern"
    ]


def test_unknown_top_level_key():
    errs = errors_of("titl: x\n" + GOOD_HEAD)
    assert errs[0].startswith('rules/example.com.yaml:1: unknown key "titl" at the top of the file; expected one of: site, pack')


def test_unknown_kind_lists_kinds():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: drop-lines, description: d, pattern: x}\n")
    assert errs == [
        'rules/example.com.yaml:6: unknown kind "drop-lines" in rule "a"; expected one of: '
        "drop-element, capture, cut, drop-block, drop-line, strip-span, replace"
    ]


def test_wrong_type():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: drop-line, description: d, pattern: [x]}\n")
    assert errs == ['rules/example.com.yaml:6: "pattern" in rule "a" must be a string, not a list']


def test_empty_pattern():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: drop-line, description: d, pattern: ''}\n")
    assert errs == ['rules/example.com.yaml:6: "pattern" in rule "a" must not be empty']


def test_pattern_matching_empty_string_is_refused():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: drop-line, description: d, pattern: 'x*'}\n")
    assert "matches the empty string" in errs[0]


def test_lookaround_is_refused_with_reason():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: drop-line, description: d, pattern: 'a(?=b)'}\n")
    assert errs[0].startswith("rules/example.com.yaml:6: \"pattern\" in rule \"a\": invalid pattern 'a(?=b)'")
    assert "look-arounds are not available" in errs[0]


def test_duplicate_ids():
    errs = errors_of(GOOD_HEAD + """\
  - {id: a, kind: drop-line, description: d, pattern: x}
  - {id: a, kind: drop-line, description: d, pattern: y}
""")
    assert errs == ['rules/example.com.yaml:7: duplicate rule id "a" (first at line 6)']


def test_duplicate_yaml_keys():
    errs = errors_of(GOOD_HEAD + """\
  - id: a
    kind: drop-line
    description: d
    pattern: x
    pattern: y
""")
    assert errs == ['rules/example.com.yaml:10: duplicate key "pattern" (first at line 9)']


def test_missing_required_keys():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: cut, description: d, marker: x}\n")
    assert errs == ['rules/example.com.yaml:6: missing key "side" in rule "a"']


def test_bad_choice():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: cut, description: d, marker: x, side: above}\n")
    assert errs == ['rules/example.com.yaml:6: "side" in rule "a" must be one of: before, after; got "above"']


def test_capture_needs_known_fields():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: capture, description: d, pattern: '(?P<edtor>x)'}\n")
    assert 'group "edtor" in rule "a" is no metadata field' in errs[0]


def test_bad_host_and_missing_match():
    errs = errors_of("site: a.com\ndescription: d\nmatch:\n  hosts: ['http://a.com/']\n")
    assert errs == ['rules/example.com.yaml:4: host "http://a.com/" is not a host name; write "example.com" or "*.example.com"']
    assert errors_of("site: a.com\ndescription: d\n") == [
        'rules/example.com.yaml:1: a site file needs a "match" section (hosts, urls or fingerprints)'
    ]


def test_yaml_syntax_error_has_line():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: drop-line\n")
    assert errs[0].startswith("rules/example.com.yaml:7: invalid YAML")


def test_within_validation():
    errs = errors_of(GOOD_HEAD + "  - {id: a, kind: drop-line, description: d, pattern: x, within: {first: 0}}\n")
    assert errs == ['rules/example.com.yaml:6: "within.first" in rule "a" must be a whole number of at least 1']


def test_all_errors_reported_at_once():
    errs = errors_of(GOOD_HEAD + """\
  - {id: a, kind: drop-line, description: d, pattern: '('}
  - {id: B!, kind: drop-line, description: d, pattern: x}
""")
    assert len(errs) == 2 and ":6:" in errs[0] and ":7:" in errs[1]


def test_huge_alias_expansion_is_bounded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, n in zip("abcdefgh", "bcdefghi")
    )
    errs = errors_of(bomb)
    assert "more than" in errs[0]


def test_deep_nesting_is_refused_not_a_crash():
    # PyYAML recurses per level; 5,000 levels used to end the run with a RecursionError.
    errs = errors_of("site: deep.example\nmatch: " + "[" * 5000 + "]" * 5000 + "\n")
    assert errs == ["rules/example.com.yaml:1: invalid YAML: nested too deeply"]


def test_extends_and_disable_checked_across_files():
    from cleaner import RuleSet

    site = parse_rule_file("site: a.com\ndescription: d\nextends: [nope]\nmatch: {hosts: [a.com]}\n", "rules/a.com.yaml")
    rs = RuleSet([site])
    assert [str(e) for e in rs.errors] == ['rules/a.com.yaml:3: extends unknown pack "nope"']
    pack = parse_rule_file("pack: p\ndescription: d\nrules:\n  - {id: x, kind: drop-line, description: d, pattern: x}\n", "p.yaml")
    site = parse_rule_file("site: a.com\ndescription: d\nextends: [p]\ndisable: [p/y]\nmatch: {hosts: [a.com]}\n", "rules/a.com.yaml")
    rs = RuleSet([pack, site])
    assert [str(e) for e in rs.errors] == ['rules/a.com.yaml:4: disable names no inherited rule "p/y"']


SITE = "site: w.com\ndescription: d\nmatch: {hosts: [w.com]}\n"
RULE = SITE + "rules:\n  - {id: a, kind: %s, description: d, %s}\n"


@pytest.mark.parametrize("text,expected", [
    # a string where a list is wanted
    ("site: w.com\ndescription: d\nmatch:\n  hosts: w.com\n", ['4: "hosts" in "match" must be a list of strings, not a string']),
    ("site: w.com\ndescription: d\nextends: zh-news\nmatch: {hosts: [w.com]}\n", ['3: "extends" at the top must be a list of strings, not a string']),
    (RULE % ("drop-line", "pattern: x, examples: {remove: x}"), ['5: "remove" in "examples" in rule "a" must be a list of strings, not a string']),
    # a number where a string is wanted
    (SITE + "rules:\n  - {id: 7, kind: drop-line, description: d, pattern: x}\n", ['5: "id" in rule must be a string, not a number']),
    (RULE % ("drop-line", "pattern: 12"), ['5: "pattern" in rule "a" must be a string, not a number']),
    (RULE % ("drop-line", "pattern: 1.5"), ['5: "pattern" in rule "a" must be a string, not a number']),
    (RULE % ("replace", "pattern: x, with: 5"), ['5: "with" in rule "a" must be a string, not a number']),
    (RULE % ("drop-element", "selector: 5"), ['5: "selector" in rule "a" must be a string, not a number']),
    ("site: w.com\ndescription: 2024\nmatch: {hosts: [w.com]}\n", ['2: "description" at the top must be a string, not a number']),
    ("site: 163\ndescription: d\nmatch: {hosts: [w.com]}\n", ['1: "site" at the top must be a string, not a number']),
    (SITE + "html: {body: 5}\n", ['4: "body" in "html" must be a string, not a number']),
    ("site: w.com\ndescription: d\nmatch: {fingerprints: [1]}\n", ['3: "fingerprints" in "match" must hold non-empty strings, not a number']),
    (RULE % ("capture", "pattern: '(?P<date>\\d+)', examples: {capture: [{text: '12', metadata: {date: 12}}]}"),
     ['5: "date" in the "metadata" of a capture example in rule "a" must be a string, not a number']),
    (RULE % ("capture", "pattern: '(?P<date>.+)', examples: {capture: [{text: '2018-09-10', metadata: {date: 2018-09-10}}]}"),
     ['5: "date" in the "metadata" of a capture example in rule "a" must be a string, not a date']),
    (RULE % ("replace", "pattern: x, with: y, examples: {rewrite: [{text: x, result: 5}]}"),
     ['5: "result" in rule "a" must be a string, not a number']),
    # a bool or a number where a list is wanted
    ("site: w.com\ndescription: d\nextends: true\nmatch: {hosts: [w.com]}\n", ['3: "extends" at the top must be a list of strings, not a boolean']),
    (RULE % ("replace", "pattern: x, with: y, examples: {rewrite: 5}"),
     ['5: "examples.rewrite" in rule "a" must be a list of mappings, not a number']),
    # a list where a mapping is wanted
    ("site: w.com\ndescription: d\nmatch: [w.com]\n", ['3: "match" at the top must be a mapping, not a list']),
    (SITE + "text: [main-content]\n", ['4: "text" at the top must be a mapping, not a list']),
    (RULE % ("drop-line", "pattern: x, within: [first, 3]"), ['5: "within" in rule "a" must be a mapping, not a list']),
    (RULE % ("drop-line", "pattern: x, examples: [x]"),
     ['5: "examples" in rule "a" must be a mapping (keys: remove, keep, rewrite, capture), not a list']),
    (RULE % ("replace", "pattern: x, with: y, examples: {rewrite: {text: x, result: y}}"),
     ['5: "examples.rewrite" in rule "a" must be a list of mappings, not a mapping']),
    (SITE + "rules: {id: a}\n", ['4: "rules" must be a list of rules, not a mapping']),
    # a list or a string where a scalar is wanted
    (RULE % ("drop-line", "pattern: [x]"), ['5: "pattern" in rule "a" must be a string, not a list']),
    (SITE + "metadata: {title: [a]}\n", ['4: "title" in "metadata" must be a string, not a list']),
    (RULE % ("capture", "pattern: '(?P<date>.+)', keep: 'yes'"), ['5: "keep" in rule "a" must be true or false, not a string']),
    ("site: w.com\ndescription: d\nmatch: {fingerprints: [a, b], min_fingerprints: '2'}\n",
     ['3: "min_fingerprints" must be a whole number of at least 1, not a string']),
    (RULE % ("drop-line", "pattern: x, within: {first: '3'}"),
     ['5: "within.first" in rule "a" must be a whole number of at least 1, not a string']),
])
def test_wrong_types_are_errors_with_their_line(text, expected):
    with pytest.raises(RuleFileErrors) as info:
        parse_rule_file(text, "w.yaml")
    assert [str(e) for e in info.value.errors] == ["w.yaml:" + e for e in expected]


def test_empty_or_rule_less_folder_is_a_warning_not_an_error(tmp_path):
    from cleaner import RuleSet

    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "README.md").write_text("no rules here\n", encoding="utf-8")
    rules = RuleSet.load([tmp_path / "empty", tmp_path / "notes"], bundled=False)
    assert rules.errors == []
    assert rules.warnings == [f"{tmp_path / 'empty'}: warning: no rule files (*.yaml) found",
                              f"{tmp_path / 'notes'}: warning: no rule files (*.yaml) found"]
    assert RuleSet.load().warnings == []


def test_two_files_for_one_site_in_a_folder_is_an_error_across_folders_an_override(tmp_path):
    from cleaner import RuleSet

    for folder, name, description in (("a", "one.yaml", "first"), ("a", "two.yaml", "second"), ("b", "w.yaml", "third")):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(f"site: w.com\ndescription: {description}\nmatch: {{hosts: [w.com]}}\n", encoding="utf-8")
    rules = RuleSet.load([tmp_path / "a"], bundled=False)
    assert [str(e) for e in rules.errors] == [
        f'{tmp_path / "a" / "two.yaml"}: site "w.com" is already defined in {tmp_path / "a" / "one.yaml"}; one file per site in a folder']
    assert rules.files["w.com"].description == "first"
    rules = RuleSet.load([tmp_path / "a" / "one.yaml", tmp_path / "b"], bundled=False)
    assert rules.errors == [] and rules.files["w.com"].description == "third"
