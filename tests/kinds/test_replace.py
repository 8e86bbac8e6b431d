"""replace: matches rewritten inside lines, groups taken from the original text."""
from __future__ import annotations

from kind_pages import errors_of, run

from cleaner.kinds import replace


def test_replace_uses_original_characters():
    body = "  - {id: r, kind: replace, description: d, pattern: '\\((\\d+)\\)', with: '[\\1]'}\n"
    r = run(body, "注释（１２）在此\n")
    assert r.text == "注释[１２]在此\n"
    assert r.removals[0].replacement == "[１２]"


def test_expand_numbers_names_and_escapes():
    groups, names = ["<ab>", "ab"], {"tag": 1}
    assert replace.expand(r"\1|\g<tag>|\g<1>|\g<0>|\\|\x|\g", groups, names) == r"ab|ab|ab|<ab>|\|x|g"
    assert replace.expand("end\\", groups, names) == "end\\"


def test_with_may_not_name_a_group_the_pattern_lacks():
    body = "  - {id: r, kind: replace, description: d, pattern: '\\((\\d+)\\)', with: '[\\2]'}\n"
    assert errors_of(body) == ['t.yaml:5: "with" in rule "r" refers to group 2, but "pattern" has 1 group']
    body = "  - {id: r, kind: replace, description: d, pattern: 'x', with: '\\1'}\n"
    assert errors_of(body) == ['t.yaml:5: "with" in rule "r" refers to group 1, but "pattern" has no groups']
    body = "  - {id: r, kind: replace, description: d, pattern: '<(?P<n>\\w+)>', with: '\\g<name>'}\n"
    assert errors_of(body) == ['t.yaml:5: "with" in rule "r" refers to group "name", which "pattern" does not name']


def test_with_may_name_every_group_the_pattern_has():
    body = "  - {id: r, kind: replace, description: d, pattern: '<(?P<n>\\w+)>(\\d)', with: '\\0\\1\\2\\g<n>\\g<2>'}\n"
    assert errors_of(body) == []
