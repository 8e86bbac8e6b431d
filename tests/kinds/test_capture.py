"""capture: a line matched whole gives its named groups as metadata."""
from __future__ import annotations

from kind_pages import errors_of, run

from cleaner.kinds import capture


def test_capture_whole_line_only_and_keep():
    body = "  - {id: e, kind: capture, description: d, pattern: '编辑:(?P<editor>\\S+)'}\n"
    r = run(body, "正文。\n编辑：张三\n凡注明编辑:李四的稿件\n")
    assert r.metadata["editor"] == "张三"
    assert r.text == "正文。\n\n凡注明编辑:李四的稿件\n"
    body = "  - {id: t, kind: capture, description: d, keep: true, pattern: '标题:(?P<title>.+)'}\n"
    r = run(body, "标题:大新闻\n正文。\n")
    assert r.metadata["title"] == "大新闻" and r.text.startswith("标题:大新闻")


def test_capture_reads_the_folded_view_and_keeps_the_original():
    body = "  - {id: d, kind: capture, description: d, pattern: '(?P<date>\\d{4}-\\d\\d-\\d\\d)\\s+来源:(?P<source>\\S+)'}\n"
    r = run(body, "２０１８－０９－１０\u3000来源：新华社\u00a0\n正文。\n")
    assert r.metadata["date_raw"] == "２０１８－０９－１０" and r.metadata["source"] == "新华社"
    assert r.metadata["date"] == "2018-09-10" and r.removals[0].captured["date"] == "２０１８－０９－１０"


def test_capture_breadcrumb_separators_are_unified():
    assert capture.clean_value("breadcrumb", "首页 >> 新闻  > 国内") == "首页 › 新闻 › 国内"


def test_capture_groups_must_name_metadata_fields():
    assert errors_of("  - {id: a, kind: capture, description: d, pattern: '编辑:(\\S+)'}\n") == [
        't.yaml:5: "pattern" in rule "a" has no named group; name one (?P<editor>...) per field']
    errors = errors_of("  - {id: a, kind: capture, description: d, pattern: '编辑:(?P<edtor>\\S+)'}\n")
    assert len(errors) == 1 and errors[0].startswith('t.yaml:5: group "edtor" in rule "a" is no metadata field')
    assert not errors_of("  - {id: a, kind: capture, description: d, pattern: '编号:(?P<x_no>\\d+)'}\n")
