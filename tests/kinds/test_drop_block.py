"""drop-block: from a start line through the next end line, or to the end of the page."""
from __future__ import annotations

from kind_pages import run

from cleaner.kinds import drop_block


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


def test_drop_block_is_triggered_by_its_start():
    # The prefilter looks for `start`: a page without a start line never runs the rule.
    assert drop_block.TRIGGER == "start" and not drop_block.ONE_LINE_AT_A_TIME
    assert not drop_block.KEYS["end"].required
