"""Damaged markup: an unclosed raw-text element swallows the page; the lenient reparse recovers it."""
from __future__ import annotations

import pytest
from html_fixtures import NEWS_PAGE, PARAGRAPHS

from cleaner.html import extract_html
from cleaner.html.repair import repair_raw_text

BROKEN = {
    "unclosed title": NEWS_PAGE.replace("| The Daily Example</title>", "| The Daily Example"),
    "corrupt title end": NEWS_PAGE.replace("</title>", "</titl>"),
    "unclosed textarea": NEWS_PAGE.replace(
        '<div class="ad">', '<form class="f"><textarea name="q">Type here</form><div class="ad">'),
    "unclosed script": NEWS_PAGE.replace('Do not keep this script text";</script>', 'Do not keep this script text";'),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_swallowed_page_is_reparsed_and_recovered(name: str) -> None:
    result = extract_html(BROKEN[name])
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text, name
    assert result.method.startswith("reparsed")
    assert "Do not keep this script text" not in result.text


def test_the_repaired_title_is_the_title_not_the_page() -> None:
    result = extract_html(BROKEN["unclosed title"])
    assert result.metadata["title"].startswith("Council expands riverside park")
    assert "Advertisement" not in result.metadata["title"]


def test_a_nul_byte_in_the_page_costs_nothing() -> None:
    page = NEWS_PAGE.replace("first section", "first\x00 section")
    result = extract_html(page)
    assert result.method == "fast"
    assert PARAGRAPHS[2] in result.text


def test_sound_pages_are_left_alone() -> None:
    assert repair_raw_text(NEWS_PAGE) is None
    # A script that quotes markup in a string, properly closed, is no damage.
    quoting = "<script>document.write('<div><p>a</p><p>b</p><p>c</p></div>');</script><p>text</p>"
    assert repair_raw_text(quoting) is None
    assert extract_html(NEWS_PAGE).method == "fast"


def test_only_the_swallowing_element_is_closed() -> None:
    page = "<html><head><title>Hello<body><div><p>one</p><p>two</p></div></body></html>"
    assert repair_raw_text(page) == "<html><head><title>Hello</title><body><div><p>one</p><p>two</p></div></body></html>"
