"""What holds for rules of every kind: limits, the keep marker, folding, disabling, a file's scope, output form."""
from __future__ import annotations

from kind_pages import run

from cleaner import RuleSet, clean_text
from cleaner.ruleset.loader import parse_rule_file


def test_within_first_and_last():
    first = "  - {id: d, kind: drop-line, description: d, pattern: '^菜单$', within: {first: 2}}\n"
    assert run(first, "\n菜单\n\n正文。\n更多正文。\n菜单\n").text == "正文。\n\n更多正文。\n\n菜单\n"
    # Limits count the lines the output keeps: once the first 菜单 is gone, the second is within
    # the first two lines left, and cleaning the output again would find it.
    assert run(first, "\n菜单\n\n正文。\n菜单\n").text == "正文。\n"
    last = "  - {id: d, kind: drop-line, description: d, pattern: '^菜单$', within: {last: 1}}\n"
    assert run(last, "菜单\n正文。\n菜单\n\n").text == "菜单\n\n正文。\n"


def test_a_full_width_character_in_a_pattern_means_itself_folded():
    # '（' matches '(' and '（'
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
