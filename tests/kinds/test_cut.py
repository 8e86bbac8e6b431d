"""cut: everything before (or after) the first marker line."""
from __future__ import annotations

from kind_pages import errors_of, run

from cleaner.kinds import cut


def test_cut_before_and_after():
    before = "  - {id: c, kind: cut, description: d, marker: '^正文开始', side: before}\n"
    assert run(before, "导航\n菜单\n正文开始\n第一段。\n").text == "第一段。\n"
    keep = "  - {id: c, kind: cut, description: d, marker: '^第一段', side: before, keep_marker: true}\n"
    assert run(keep, "导航\n第一段。\n第二段。\n").text == "第一段。\n\n第二段。\n"
    after = "  - {id: c, kind: cut, description: d, marker: '^相关阅读', side: after}\n"
    assert run(after, "第一段。\n相关阅读\n链接一\n").text == "第一段。\n"


def test_cut_side_is_a_choice():
    errors = errors_of("  - {id: c, kind: cut, description: d, marker: '^x', side: above}\n")
    assert errors == ['t.yaml:5: "side" in rule "c" must be one of: before, after; got "above"']


def test_cut_is_triggered_by_its_marker():
    assert cut.TRIGGER == "marker" and not cut.ONE_LINE_AT_A_TIME
