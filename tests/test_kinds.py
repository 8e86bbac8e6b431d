"""Each rule kind on small constructed pages."""
from __future__ import annotations

from cleaner import RuleSet, clean_text
from cleaner.ruleset.loader import parse_rule_file


def rules_of(body: str, extra: str = "") -> RuleSet:
    text = "site: t.example\ndescription: test\nmatch: {hosts: [t.example]}\n" + extra + "rules:\n" + body
    rs = RuleSet([parse_rule_file(text, "t.yaml")])
    assert not rs.errors
    return rs


def run(body: str, page: str, extra: str = ""):
    return clean_text(page, rules_of(body, extra), url="http://t.example/a")


def test_drop_line_records_rule_and_line():
    r = run("  - {id: ad, kind: drop-line, description: d, pattern: '^广告'}\n", "标题\n广告：买一送一\n正文第一段。\n")
    assert r.text == "标题\n\n正文第一段。\n"
    assert [(x.rule, x.line, x.text) for x in r.removals] == [("t.example/ad", 2, "广告：买一送一")]


def test_strip_span_keeps_rest_and_drops_emptied_line():
    body = "  - {id: img, kind: strip-span, description: d, pattern: '\\S+\\.jpg'}\n"
    r = run(body, "a.jpg b.jpg\n正文 c.jpg 继续\n")
    assert r.text == "正文  继续\n"
    assert [(x.line, x.column, x.text) for x in r.removals] == [(1, 1, "a.jpg"), (1, 7, "b.jpg"), (2, 4, "c.jpg")]


def test_strip_span_drops_line_left_with_punctuation_only():
    r = run("  - {id: s, kind: strip-span, description: d, pattern: '分享到\\S+'}\n", "【分享到微博】\n正文。\n")
    assert r.text == "正文。\n"


def test_drop_block_with_end_and_to_end_of_page():
    body = "  - {id: b, kind: drop-block, description: d, start: '^相关新闻', end: '^更多'}\n"
    r = run(body, "正文。\n相关新闻\n新闻一\n更多\n结尾。\n")
    assert r.text == "正文。\n\n结尾。\n"
    body = "  - {id: b, kind: drop-block, description: d, start: '^版权声明'}\n"
    assert run(body, "正文。\n版权声明\n一\n二\n").text == "正文。\n"


def test_drop_block_without_its_end_removes_nothing():
    body = "  - {id: b, kind: drop-block, description: d, start: '^相关新闻', end: '^更多'}\n"
    r = run(body, "正文。\n相关新闻\n新闻一\n")
    assert r.text == "正文。\n\n相关新闻\n\n新闻一\n" and not r.removals


def test_cut_before_and_after():
    before = "  - {id: c, kind: cut, description: d, marker: '^正文开始', side: before}\n"
    assert run(before, "导航\n菜单\n正文开始\n第一段。\n").text == "第一段。\n"
    keep = "  - {id: c, kind: cut, description: d, marker: '^第一段', side: before, keep_marker: true}\n"
    assert run(keep, "导航\n第一段。\n第二段。\n").text == "第一段。\n\n第二段。\n"
    after = "  - {id: c, kind: cut, description: d, marker: '^相关阅读', side: after}\n"
    assert run(after, "第一段。\n相关阅读\n链接一\n").text == "第一段。\n"


def test_replace_uses_original_characters():
    body = "  - {id: r, kind: replace, description: d, pattern: '\\((\\d+)\\)', with: '[\\1]'}\n"
    r = run(body, "注释（１２）在此\n")
    assert r.text == "注释[１２]在此\n"
    assert r.removals[0].replacement == "[１２]"


def test_capture_whole_line_only_and_keep():
    body = "  - {id: e, kind: capture, description: d, pattern: '编辑:(?P<editor>\\S+)'}\n"
    r = run(body, "正文。\n编辑：张三\n凡注明编辑:李四的稿件\n")
    assert r.metadata["editor"] == "张三"
    assert r.text == "正文。\n\n凡注明编辑:李四的稿件\n"
    body = "  - {id: t, kind: capture, description: d, keep: true, pattern: '标题:(?P<title>.+)'}\n"
    r = run(body, "标题:大新闻\n正文。\n")
    assert r.metadata["title"] == "大新闻" and r.text.startswith("标题:大新闻")


def test_within_first_and_last():
    first = "  - {id: d, kind: drop-line, description: d, pattern: '^菜单$', within: {first: 2}}\n"
    assert run(first, "\n菜单\n\n正文。\n更多正文。\n菜单\n").text == "正文。\n\n更多正文。\n\n菜单\n"
    # Limits count the lines the output keeps: once the first 菜单 is gone, the second is within
    # the first two lines left, and cleaning the output again would find it.
    assert run(first, "\n菜单\n\n正文。\n菜单\n").text == "正文。\n"
    last = "  - {id: d, kind: drop-line, description: d, pattern: '^菜单$', within: {last: 1}}\n"
    assert run(last, "菜单\n正文。\n菜单\n\n").text == "菜单\n\n正文。\n"


def test_folding_spaces_and_fullwidth():
    body = "  - {id: d, kind: capture, description: d, pattern: '(?P<date>\\d{4}-\\d\\d-\\d\\d)\\s+来源:(?P<source>\\S+)'}\n"
    r = run(body, "２０１８－０９－１０\u3000来源：新华社\u00a0\n正文。\n")
    assert r.metadata["date"] == "２０１８－０９－１０" and r.metadata["source"] == "新华社"
    # a full-width character in a pattern means itself, folded: '（' matches '(' and '（'
    body = "  - {id: p, kind: drop-line, description: d, pattern: '^（图）$'}\n"
    assert run(body, "(图)\n（图）\n正文。\n").text == "正文。\n"


def test_disable_inherited_rule():
    pack = parse_rule_file("pack: p\ndescription: d\nrules:\n  - {id: x, kind: drop-line, description: d, pattern: '^X$'}\n", "p.yaml")
    on = parse_rule_file("site: a.com\ndescription: d\nextends: [p]\nmatch: {hosts: [a.com]}\n", "a.yaml")
    off = parse_rule_file("site: b.com\ndescription: d\nextends: [p]\ndisable: [p/x]\nmatch: {hosts: [b.com]}\n", "b.yaml")
    rs = RuleSet([pack, on, off])
    assert clean_text("X\nY\n", rs, url="https://a.com/1").text == "Y\n"
    assert clean_text("X\nY\n", rs, url="https://www.b.com/1").text == "X\n\nY\n"


def test_host_matching_most_specific_wins():
    wild = parse_rule_file("site: a.com\ndescription: d\nmatch: {hosts: ['*.a.com', a.com]}\nrules:\n  - {id: x, kind: drop-line, description: d, pattern: '^X$'}\n", "a.yaml")
    news = parse_rule_file("site: news.a.com\ndescription: d\nmatch: {hosts: [news.a.com]}\nrules:\n  - {id: y, kind: drop-line, description: d, pattern: '^Y$'}\n", "n.yaml")
    rs = RuleSet([wild, news])
    assert clean_text("X\nY\n", rs, url="http://news.a.com/p").site == "news.a.com"
    assert clean_text("X\nY\n", rs, url="http://sport.a.com/p").site == "a.com"
    assert clean_text("X\nY\n", rs, url="http://a.com.evil.org/p").site is None


def test_output_normalisation():
    r = clean_text("\u3000\u3000第一段。  \n\n\n\u2003第二段。\u00a0\r\n\n", RuleSet())
    assert r.text == "第一段。\n\n第二段。\n"
    assert clean_text("", RuleSet()).text == ""
    assert clean_text(" \n\u3000\n", RuleSet()).text == ""


def test_keep_marker_protects_a_line_from_every_rule():
    body = "  - {id: d, kind: drop-line, description: d, pattern: '^广告'}\n  - {id: b, kind: cut, description: d, marker: '^正文$', side: before}\n"
    r = run(body, "广告 <!-- cleaner: keep -->\n导航\n正文\n广告一\n内容。\n")
    assert r.text == "广告 <!-- cleaner: keep -->\n\n内容。\n"
