"""sniff_declared_charset and looks_like_html."""

from __future__ import annotations

import pytest
from io_samples import SIMPLIFIED_LONG, html_page

from cleaner.io import looks_like_html, sniff_declared_charset


@pytest.mark.parametrize(
    ("head", "label"),
    [
        (b'<html><head><meta charset="GBK"></head>', "gbk"),
        (b"<meta charset=big5>", "big5"),
        (b"<meta charset='utf-8' />", "utf-8"),
        (b'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312">', "gb2312"),
        (b'<meta content="text/html;charset=Shift_JIS" http-equiv="content-type">', "shift_jis"),
        (b'<meta\n  http-equiv="Content-Type"\n  content="text/html; charset = x-gbk">', "x-gbk"),
        (b'<?xml version="1.0" encoding="GB18030"?>\n<html>', "gb18030"),
        (b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?><rss>", "utf-8"),
    ],
)
def test_declared_charset_found(head: bytes, label: str) -> None:
    assert sniff_declared_charset(head) == label


@pytest.mark.parametrize(
    "head",
    [
        b"<html><head><title>x</title></head>",
        b'<meta name="description" content="about charsets">',
        b"plain text that mentions charset=gbk in passing",
        b"<html>" + b" " * 5000 + b'<meta charset="gbk">',  # beyond the first 4 KiB
    ],
)
def test_no_declared_charset(head: bytes) -> None:
    assert sniff_declared_charset(head) is None


def test_sniffing_works_on_gbk_bytes() -> None:
    page = html_page(SIMPLIFIED_LONG, meta="gbk").encode("gbk")
    assert sniff_declared_charset(page) == "gbk"


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body>x</body></html>",
        "\ufeff  \n<!doctype HTML>\n<html lang=zh>",
        "<!-- saved from url=(0042)http://example.com/ -->\n<html>\n<head>",
        "<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>",
        "<head><title>x</title></head>",
        '<div class="a"><p>one</p><p>two</p><span>three</span></div>',
        "<body onload='init()'>",
        "<text id=1>\n<script language='javascript' src='/js.js'></script>\n<script>",
        html_page(SIMPLIFIED_LONG),
    ],
)
def test_looks_like_html(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        SIMPLIFIED_LONG,
        "if a < b and c > d then <3\nnothing to see",
        "Use the <p> element for paragraphs.\nThat is all.",
        "Title\n\nSome text with <br> once and a <b>bold</b> claim.\n",
        "Write <a href=...> for links; see the manual.",
        "x" * 3000 + "<html>",  # beyond the first 2 KiB
    ],
)
def test_does_not_look_like_html(text: str) -> None:
    assert not looks_like_html(text)


def test_long_leading_whitespace_costs_no_memory() -> None:
    # A repeated regex group over 10 million blank lines once took 1.2 GB to sniff.
    import tracemalloc

    from cleaner.io import looks_like_html

    tracemalloc.start()
    try:
        assert not looks_like_html("\n" * 1_000_000 + "plain text")
        assert looks_like_html("\n" * 1_000_000 + "<!DOCTYPE html><html><body>x</body></html>")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000
