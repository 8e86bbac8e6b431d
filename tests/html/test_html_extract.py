"""extract_html on small hand-written pages: rules, generic extraction, metadata, robustness."""
from __future__ import annotations

import pytest
from html_fixtures import NEWS_PAGE, PARAGRAPHS, ZH_PAGE, ZH_PARAGRAPHS

from cleaner.html import HtmlSiteRules, SelectorRule, extract_html
from cleaner.result import Removal


def paragraphs(text: str) -> list[str]:
    """The output's paragraphs (separated by one blank line)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_generic_extraction_keeps_paragraphs_and_drops_furniture() -> None:
    result = extract_html(NEWS_PAGE, url="https://example.com/news/park?x=1")
    assert paragraphs(result.text) == PARAGRAPHS
    for furniture in ("News", "Share on", "Advertisement", "Most read", "Copyright", "Great news",
                      "By Jane Reporter", "tracking", "rail yard. Photo"):
        assert furniture not in result.text
    assert result.method == "fast"


def test_text_format_excludes_title_and_ends_with_newline() -> None:
    text = extract_html(NEWS_PAGE).text
    assert not text.startswith("Council expands riverside park")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text


def test_generic_removals_are_recorded() -> None:
    removed = extract_html(NEWS_PAGE).removed
    assert all(isinstance(r, Removal) and r.line == 0 and r.kind == "drop-element" for r in removed)
    generic = [r.text for r in removed if r.rule == "html/boilerplate"]
    assert any("Sport" in t for t in generic)  # the header's menu
    assert any("Share on Facebook" in t for t in generic)
    assert any("Copyright 2024" in r.text for r in removed)


def test_selector_rule_removes_elements_and_records_rule_id() -> None:
    rules = HtmlSiteRules(drop=(SelectorRule("example.com/byline", "p.byline"),
                                SelectorRule("example.com/story-end", ".story-body p:last-child")))
    result = extract_html(NEWS_PAGE, rules=rules)
    by_rule = {r.rule: r for r in result.removed}
    assert by_rule["example.com/byline"].text.startswith("By Jane Reporter")
    assert by_rule["example.com/story-end"].text == PARAGRAPHS[3]
    assert PARAGRAPHS[3] not in result.text
    assert PARAGRAPHS[0] in result.text


def test_removal_text_is_shortened() -> None:
    page = f"<html><body><div class='x'>{'word ' * 200}</div><p>{PARAGRAPHS[0]}</p></body></html>"
    result = extract_html(page, rules=HtmlSiteRules(drop=(SelectorRule("t/x", ".x"),)))
    assert len(result.removed[0].text) <= 200


@pytest.mark.parametrize("classes", ["header", "adv", "ad-free", "heading shadow"])
def test_class_selector_matches_whole_tokens_only(classes: str) -> None:
    page = f"<html><body><div class='{classes}'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div></body></html>"
    result = extract_html(page, rules=HtmlSiteRules(drop=(SelectorRule("t/ad", ".ad"),)))
    assert not [r for r in result.removed if r.rule == "t/ad"]
    assert PARAGRAPHS[0] in result.text


def test_class_selector_hits_the_token_among_others() -> None:
    page = f"<html><body><div class='box ad wide'>Buy now</div><p>{PARAGRAPHS[0]}</p></body></html>"
    result = extract_html(page, rules=HtmlSiteRules(drop=(SelectorRule("t/ad", ".ad"),)))
    assert [r.rule for r in result.removed] == ["t/ad"]
    assert "Buy now" not in result.text


def test_body_selector_is_used_when_present() -> None:
    rules = HtmlSiteRules(body="section.comments")
    result = extract_html(NEWS_PAGE, rules=rules)
    assert result.method == "rules-body"
    assert "Great news, finally some green space" in result.text
    assert PARAGRAPHS[0] not in result.text


def test_body_selector_falls_back_to_generic_when_absent() -> None:
    result = extract_html(NEWS_PAGE, rules=HtmlSiteRules(body="div.no-such-container"))
    assert result.method == "fast"
    assert paragraphs(result.text) == PARAGRAPHS


def test_metadata_from_meta_tags() -> None:
    meta = extract_html(NEWS_PAGE, url="https://example.com/news/park?x=1").metadata
    assert meta["title"] == "Council expands riverside park"
    assert meta["date"] == "2024-03-05T09:30:00Z"
    assert meta["author"] == "Jane Reporter"
    assert meta["site_name"] == "The Daily Example"
    assert meta["url"] == "https://example.com/news/park"
    assert meta["language"] == "en-GB"
    assert meta["description"] == "The park grows by twelve hectares."


def test_rule_selectors_win_over_meta_tags() -> None:
    rules = HtmlSiteRules(title="article h1", author="p.byline", date="p.byline")
    meta = extract_html(NEWS_PAGE.replace("<h1>", "<h1>Updated: "), rules=rules).metadata
    assert meta["title"] == "Updated: Council expands riverside park"
    assert meta["author"] == "By Jane Reporter, 5 March 2024"
    assert meta["date"] == "By Jane Reporter, 5 March 2024"


def test_url_argument_is_used_without_canonical() -> None:
    page = f"<html><body><p>{PARAGRAPHS[0]}</p></body></html>"
    assert extract_html(page, url="https://example.org/a").metadata["url"] == "https://example.org/a"


def test_chinese_table_layout_page() -> None:
    result = extract_html(ZH_PAGE)
    assert paragraphs(result.text) == ZH_PARAGRAPHS
    assert result.metadata["title"] == "城东将建滨江公园"
    assert result.metadata["date"].startswith("2011-12-09")
    for furniture in ("首页", "分享到", "热点新闻", "版权所有"):
        assert furniture not in result.text


def test_gb2312_declared_page_decoded_by_the_io_module() -> None:
    decode = pytest.importorskip("cleaner.io.decode")
    data = ZH_PAGE.encode("gb2312")
    declared = decode.sniff_declared_charset(data)
    assert declared == "gb2312"
    html = decode.decode_bytes(data, declared=declared).text
    assert paragraphs(extract_html(html).text) == ZH_PARAGRAPHS


def test_images_alt_text_and_captions_are_left_out() -> None:
    text = extract_html(NEWS_PAGE).text
    assert "aerial photo" not in text and "City archive" not in text


def test_hidden_elements_are_left_out() -> None:
    page = (f"<html><body><article><p>{PARAGRAPHS[0]}</p><div style='display: none'>{PARAGRAPHS[1]}</div>"
            f"<p>{PARAGRAPHS[2]}</p></article></body></html>")
    assert paragraphs(extract_html(page).text) == [PARAGRAPHS[0], PARAGRAPHS[2]]


def test_data_table_rows_are_kept_as_lines() -> None:
    rows = "".join(f"<tr><td>{i}</td><td>Driver {i}</td><td>{100 - i}</td></tr>" for i in range(1, 6))
    page = f"<html><body><article><p>{PARAGRAPHS[0]}</p><table>{rows}</table><p>{PARAGRAPHS[1]}</p></article></body></html>"
    assert "1 Driver 1 99\n\n2 Driver 2 98" in extract_html(page).text


@pytest.mark.parametrize("html", [
    "<html><body><div><p>unclosed <b>bold <i>italic <div>nested",
    "</p></div></body></html><<<>>>",
    "\x00\x01\x02 garbage \ufffd <p",
    "<!-- only a comment -->",
    "<html><head><title>t</title></head></html>",
    "<table><tr><td>" * 300 + "deep",
    "plain text, no markup at all.",
    "<svg><script>alert(1)</script></svg><style>p{}</style>",
])
def test_malformed_html_does_not_raise(html: str) -> None:
    result = extract_html(html)
    assert isinstance(result.text, str)
    assert result.text == "" or result.text.endswith("\n")


@pytest.mark.parametrize("html", ["", "   \n\t "])
def test_empty_input_gives_empty_text(html: str) -> None:
    result = extract_html(html)
    assert result.text == ""
    assert result.removed == ()
    assert result.method == "empty"


def test_bad_selector_in_rules_is_skipped_not_fatal() -> None:
    rules = HtmlSiteRules(drop=(SelectorRule("t/bad", "div["),), body="p[", title="h1[")
    assert paragraphs(extract_html(NEWS_PAGE, rules=rules).text) == PARAGRAPHS


def test_nested_matches_are_recorded_once() -> None:
    page = f"<html><body><div class='x'>a<div class='x'>b<p class='x'>c</p></div></div><p>{PARAGRAPHS[0]}</p></body></html>"
    result = extract_html(page, rules=HtmlSiteRules(drop=(SelectorRule("t/x", ".x"),)))
    assert [(r.rule, r.text) for r in result.removed] == [("t/x", "a b c")]


SHORT_PAGE = """<html><body><div class="promo-box">SECRET OFFER</div>
<div><p>A short note.</p></div></body></html>"""


def test_fallback_gets_the_html_pruned_by_site_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.html.extract as extract_module

    seen: list[str] = []

    def fake_trafilatura(html: str) -> list[str]:
        seen.append(html)
        return ["A much longer text that trafilatura found on this page, longer than the note."]

    monkeypatch.setattr(extract_module, "_trafilatura", fake_trafilatura)
    rules = HtmlSiteRules(drop=(SelectorRule("t/promo", ".promo-box"),))
    result = extract_html(SHORT_PAGE, rules=rules)
    assert result.method == "trafilatura"
    assert seen and "SECRET OFFER" not in seen[0] and "A short note." in seen[0]
    # trafilatura's text holds none of the page's blocks: each is credited to main-content selection.
    assert [r.rule for r in result.removed] == ["t/promo", "html/main-content"]
    assert "A short note." in result.removed[1].text and result.removed[1].selector


@pytest.mark.parametrize("length", [0, 150, 201, 799, 800, 801, 3000])
@pytest.mark.parametrize("alphabet", ["ab ", "a \n\t\u3000", "     x", "中文 "])
def test_shorten_collapses_a_prefix_as_the_whole_would(length, alphabet):
    import random

    from cleaner.html.steps import REMOVAL_TEXT_LIMIT, shorten

    rng = random.Random(length)
    for _ in range(50):
        text = "".join(rng.choice(alphabet) for _ in range(length))
        whole = " ".join(text.split())
        want = whole if len(whole) <= REMOVAL_TEXT_LIMIT else whole[: REMOVAL_TEXT_LIMIT - 1] + "…"
        assert shorten(text) == want
