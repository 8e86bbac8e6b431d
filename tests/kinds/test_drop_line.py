"""drop-line: every line its pattern matches goes."""
from __future__ import annotations

from kind_pages import run

from cleaner.kinds import drop_line


def test_drop_line_records_rule_and_line():
    r = run("  - {id: ad, kind: drop-line, description: d, pattern: '^广告'}\n", "标题\n广告：买一送一\n正文第一段。\n")
    assert r.text == "标题\n\n正文第一段。\n"
    assert [(x.rule, x.line, x.text) for x in r.removals] == [("t.example/ad", 2, "广告：买一送一")]


def test_drop_line_searches_the_line_unless_anchored():
    r = run("  - {id: ad, kind: drop-line, description: d, pattern: '广告'}\n", "标题\n本页广告位\n正文第一段。\n")
    assert r.text == "标题\n\n正文第一段。\n"


def test_drop_line_describes_itself():
    assert (drop_line.NAME, drop_line.TARGET, drop_line.TRIGGER) == ("drop-line", "text", ("pattern", "lines"))
    assert drop_line.ONE_LINE_AT_A_TIME and not drop_line.EDITS_INSIDE_LINES


LINES_RULE = """\
  - id: header-nav
    kind: drop-line
    description: d
    lines:
      - '首页 新闻 体育'
      - 'Copyright (c) 2024 Example'
"""


def test_drop_line_lines_match_whole_lines_after_folding():
    page = "首页　新闻  体育\n标题\n首页新闻体育\n正文第一段，写着首页 新闻 体育。\nＣｏｐｙｒｉｇｈｔ (c) 2024 Example\n"
    r = run(LINES_RULE, page)
    assert [(x.line, x.text) for x in r.removals] == [(1, "首页　新闻  体育"), (5, "Ｃｏｐｙｒｉｇｈｔ (c) 2024 Example")]
    assert "首页新闻体育" in r.text and "正文第一段" in r.text  # not the same line: kept


def test_drop_line_lines_are_literal_text_not_patterns():
    r = run("  - {id: x, kind: drop-line, description: d, lines: ['a.c (x)', '[0-9]+']}\n", "abc (x)\n[0-9]+\n123\n")
    assert [x.text for x in r.removals] == ["[0-9]+"]


def test_drop_line_lines_are_looked_up_not_searched():
    from cleaner.core.plan import Plan
    from cleaner.ruleset.loader import parse_rule_file
    from cleaner.ruleset.ruleset import RuleSet

    head = "site: t.example\ndescription: t\nmatch: {hosts: [t.example]}\nrules:\n"
    rules = RuleSet([parse_rule_file(head + LINES_RULE, "t.example.yaml")])
    plan = Plan(rules.scope_for("x", "http://t.example/"))
    assert plan._always == [0] and not plan.prefilter.sources  # a set lookup on every page, no set scan


# Lines that differ from a listed line by spaces, tabs, full-width forms, NBSP, ideographic or
# zero-width spaces, or a character: the lookup must agree with the listed lines' regex on each.
LISTED = ["首页 新闻 体育", "Copyright (c) 2024 Example", "a\tb", "x  y z", "只有一行"]
VARIANTS = ["首页 新闻 体育", "首页\t新闻 \t 体育", "首页　新闻\u00a0体育", "首页\u200b新闻 体育", " 首页 新闻 体育\t",
            "首页新闻体育", "首页 新闻 体育。", "首页 新闻\v体育", "Ｃｏｐｙｒｉｇｈｔ (c) 2024 Example", "copyright (c) 2024 Example",
            "a b", "a\f\fb", "ab", "x y z", "x\ty\tz", "x y  z ", "只有一行", "只有一行只有一行", "\u3000只有一行\u3000", ""]


def test_drop_line_lines_lookup_agrees_with_the_regex():
    from cleaner.core.page import Page
    from cleaner.matching.fold import fold
    from cleaner.matching.patterns import compile_lines
    from cleaner.matching.re2_adapter import byte_matches
    from cleaner.ruleset.model import Rule

    pattern = compile_lines(LISTED)
    rule = Rule("t/x", "drop-line", "d", {"pattern": None, "lines": pattern})
    text = "\n".join(VARIANTS)
    page = Page(text, fold(text))
    data = page.folded_bytes()
    by_regex = sorted({data.count(b"\n", 0, spans[0][0]) for spans in byte_matches(pattern.regex, data)})
    assert page.equal_lines(pattern, rule) == by_regex
    assert len(by_regex) == 13  # any run of spaces for any run; not \\v, case or a character more
    page.only = set(range(len(VARIANTS)))  # edited lines are looked up one by one
    assert page.equal_lines(pattern, rule) == by_regex
