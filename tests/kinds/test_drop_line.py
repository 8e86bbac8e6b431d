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


def test_drop_line_lines_go_through_the_prefilter():
    from cleaner.core.plan import Plan
    from cleaner.ruleset.loader import parse_rule_file
    from cleaner.ruleset.ruleset import RuleSet

    head = "site: t.example\ndescription: t\nmatch: {hosts: [t.example]}\nrules:\n"
    rules = RuleSet([parse_rule_file(head + LINES_RULE, "t.example.yaml")])
    plan = Plan(rules.scope_for("x", "http://t.example/"))
    assert not plan._always  # scanned by the RE2 set, not tried on every page
    assert plan.candidates("正文\n首页 新闻 体育\n") and not plan.candidates("正文\n首页 新闻\n")
