"""Huge pages are cleaned in pieces: bounded memory, the same text where no piece boundary matters."""
from __future__ import annotations

import tracemalloc

import pytest

import cleaner
import cleaner.core.cleaner
import cleaner.core.html_page
from cleaner.core.huge import HUGE_CHARS, in_pieces, iter_line_pieces
from cleaner.html.pieces import iter_pieces

# Python allocations while cleaning a huge page: per byte of the page (UTF-8: the output and its
# pieces), plus what one piece costs. The whole-page paths cost 59x a 3 MB page (HTML table: a
# Python object per cell and node) and 9x (text: lines, their fold, its UTF-8).
MAX_PEAK_PER_BYTE = 2
PIECE_BUDGET = 8_000_000


@pytest.fixture(scope="module")
def rules():
    return cleaner.load_rules()


def table_page(rows: int) -> str:
    cells = "".join(f"<tr><td>{i}</td><td>单元格{i % 97}</td><td>{i * 7 % 1000}</td></tr>\n" for i in range(rows))
    return f"<html><head><title>数据表</title></head><body><div class=\"content\"><table>{cells}</table></div></body></html>"


def text_page(lines: int) -> str:
    return "\n".join(f"第{i}行 链接{i % 13}" for i in range(lines)) + "\n"


def python_peak(page: str, rules) -> tuple[int, cleaner.Result]:
    """Peak bytes of Python allocations made while cleaning page."""
    tracemalloc.start()
    try:
        result = cleaner.clean(page, rules)
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_a_piece_reopens_the_containers_left_open():
    page = table_page(2000)
    pieces = list(iter_pieces(page, size=5000))
    assert len(pieces) > 5
    prefix = '<body><div class="content"><table>'
    assert all(p.startswith(prefix) for p in pieces[1:])
    assert "".join([pieces[0]] + [p[len(prefix):] for p in pieces[1:]]) == page
    assert all(p.endswith("</tr>") for p in pieces[:-1])  # cut after a closing block tag


def test_a_huge_table_costs_a_few_times_its_size_and_reads_as_the_whole_page(rules, monkeypatch):
    page = table_page(24_000)
    size = len(page.encode())
    assert in_pieces(page)
    peak, result = python_peak(page, rules)
    assert peak < MAX_PEAK_PER_BYTE * size + PIECE_BUDGET, f"{peak / size:.1f}x the page"
    monkeypatch.setattr(cleaner.core.html_page, "is_huge_html", lambda html: False)
    whole = cleaner.clean(page, rules)
    assert result.text == whole.text and result.metadata == whole.metadata
    assert result.text.count("\n\n") == 24_000  # the title, then one line per row


def test_a_huge_text_costs_a_few_times_its_size_and_keeps_line_numbers(rules, monkeypatch):
    head = ("宿迁“三位一体”打防网络犯罪\n2018-09-10 15:17:31\u00a0\u00a0来源:中央广电总台国际在线\u00a0\u00a0编辑:罗毅\n"
            "国际在线江苏频道消息：宿迁公安局在“净网2018”行动中成效显著。\n")
    page = head + text_page(90_000).replace(f"第69999行 链接{69999 % 13}\n", "分享到：微信 微博\n")
    size = len(page.encode())
    assert in_pieces(page) and len(list(iter_line_pieces(page))) > 10
    peak, result = python_peak(page, rules)
    assert peak < MAX_PEAK_PER_BYTE * size + PIECE_BUDGET, f"{peak / size:.1f}x the page"
    assert ("zh-news/share-bar", 70_003) in [(r.rule, r.line) for r in result.removals]
    monkeypatch.setattr(cleaner.core.cleaner, "in_pieces", lambda text, markup="auto": False)
    whole = cleaner.clean(page, rules)
    assert whole.metadata.pop("page_type") and "page_type" not in result.metadata  # pieces have no shape of the page
    assert (result.text, result.removals, result.metadata) == (whole.text, whole.removals, whole.metadata)


def test_line_pieces_are_whole_lines_and_a_single_huge_line_is_not_cut():
    page = text_page(30_000)
    pieces = list(iter_line_pieces(page, size=1000))
    assert "".join(pieces) == page and all(p.endswith("\n") for p in pieces)
    line = "字" * (HUGE_CHARS + 1)
    assert not in_pieces(line) and list(iter_line_pieces(line, size=1000)) == [line]


def test_removals_of_a_huge_html_page_point_into_its_extracted_text(rules):
    page = table_page(24_000).replace("<tr><td>20000</td>", "<tr><td>分享到：微信 微博 QQ空间</td></tr><tr><td>20000</td>")
    page = page.replace("<table>", "<p>2018-09-10 15:17:31 来源:中央广电总台国际在线 编辑:罗毅</p><table>")
    result = cleaner.core.cleaner.Cleaner(rules).clean(page, keep_extracted=True)
    lines = result.extracted.split("\n")
    assert lines[0] == "数据表" and lines[4] == "0 单元格0 0"
    moved = [(r.rule, r.line) for r in result.removals if r.line]
    assert [rule for rule, _line in moved] == ["zh-news/byline", "zh-news/share-bar"]
    assert moved[0][1] == 3 and moved[1][1] > 30_000  # the share bar is some pieces in
    assert all(lines[r.line - 1] == r.text for r in result.removals if r.line)
    assert cleaner.clean(page, rules).extracted is None  # kept only when asked: it doubles the result


def test_elements_a_huge_page_loses_in_later_pieces_are_named_as_in_the_whole_page(rules, monkeypatch):
    monkeypatch.setattr(cleaner.core.html_page, "PIECE_CHARS", 20_000)
    monkeypatch.setattr(cleaner.core.html_page, "is_huge_html", lambda html: True)
    box = '<div class="share-bar">分享到：微信 微博</div>'
    page = table_page(3000).replace("<tr><td>2500</td>", f"<tr><td>{box}</td></tr><tr><td>2500</td>")
    result = cleaner.core.cleaner.Cleaner(rules).clean(page)
    named = [r for r in result.removals if r.line == 0 and "分享到" in r.text]
    assert named and named[0].selector == "tr > td > div.share-bar"
    from selectolax.lexbor import LexborHTMLParser
    assert [n.text() for n in LexborHTMLParser(page).css(named[0].selector)] == ["分享到：微信 微博"]
