"""strip-span: matched spans leave their line; a line left with nothing real goes."""
from __future__ import annotations

from kind_pages import run

from cleaner.kinds import strip_span


def test_strip_span_keeps_rest_and_drops_emptied_line():
    body = "  - {id: img, kind: strip-span, description: d, pattern: '\\S+\\.jpg'}\n"
    r = run(body, "a.jpg b.jpg\n正文 c.jpg 继续\n")
    assert r.text == "正文  继续\n"
    assert [(x.line, x.column, x.text) for x in r.removals] == [(1, 1, "a.jpg"), (1, 7, "b.jpg"), (2, 4, "c.jpg")]


def test_strip_span_drops_line_left_with_punctuation_only():
    r = run("  - {id: s, kind: strip-span, description: d, pattern: '分享到\\S+'}\n", "【分享到微博】\n正文。\n")
    assert r.text == "正文。\n"


def test_strip_span_edits_inside_lines():
    assert strip_span.NAME == "strip-span" and strip_span.EDITS_INSIDE_LINES and strip_span.TRIGGER == "pattern"
