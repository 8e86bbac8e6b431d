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
    assert (drop_line.NAME, drop_line.TARGET, drop_line.TRIGGER) == ("drop-line", "text", "pattern")
    assert drop_line.ONE_LINE_AT_A_TIME and not drop_line.EDITS_INSIDE_LINES
