"""Every HTML removal names its element by a short CSS path that matches it in the page."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from html_fixtures import NEWS_PAGE, ZH_PAGE
from selectolax.lexbor import LexborHTMLParser

from cleaner import RuleSet, load_rules
from cleaner.core.cleaner import Cleaner
from cleaner.html import extract_html
from cleaner.html.repair import repair_raw_text
from cleaner.html.selectors import MAX_STEPS, css_identifier, css_path
from cleaner.options import Options
from cleaner.ruleset.loader import parse_rule_file

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Ids and classes CSS would misread unescaped, generated names, non-ASCII words, nested furniture.
TRICKY = """<!DOCTYPE html><html><head><title>Harbour ferry returns after repairs</title></head><body>
<div id="1top" class="nav">Home | World | Sport | Weather | Contact us today</div>
<div class="layout:grid x.y"><div class="col sidebar css-1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t">
<ul class="hot">Most read: the harbour, the bridge, the market</ul></div>
<article><h1>Harbour ferry returns after repairs</h1>
<p>The old harbour ferry returned to service on Monday after six months of repairs to its hull and
engines, carrying more than four hundred passengers on its first day back on the water.</p>
<p>The operator said the timetable would match last summer's, with crossings every half hour from
early morning until late evening, and that fares would not rise before the end of the year.</p>
<div class="分享-share">分享到 微信 微博</div>
</article></div>
<div id="foot" class="footer"><div class="links">About | Contact | Jobs | Advertise with us</div></div>
</body></html>"""

DROP_RULES = """\
site: ferry.example
description: A constructed site.
match: {hosts: [ferry.example]}
rules:
  - {id: top-nav, kind: drop-element, description: The top bar., selector: '#\\31 top'}
  - {id: hot-list, kind: drop-element, description: The most-read list., selector: 'ul.hot'}
"""


def _pages() -> list[tuple[str, str, RuleSet, str | None]]:
    bundled = load_rules()
    site = RuleSet([parse_rule_file(DROP_RULES, "ferry.example.yaml")])
    pages = [("news", NEWS_PAGE, bundled, None), ("zh", ZH_PAGE, bundled, None),
             ("tricky", TRICKY, bundled, None), ("tricky-rules", TRICKY, site, "https://ferry.example/a")]
    pages += [(p.name, p.read_text(encoding="utf-8"), bundled, None) for p in sorted(SEEDS.glob("*.html"))]
    return pages


@pytest.mark.parametrize("name,html,rules,url", _pages(), ids=[p[0] for p in _pages()])
def test_each_element_removal_has_a_short_selector_matching_it(name, html, rules, url):
    result = Cleaner(rules, Options(markup="html")).clean(html, url)
    elements = [r for r in result.removals if r.line == 0]
    if not elements:  # trafilatura's choices (a listing the fast path cut to a blurb) name no elements
        assert extract_html(html).method == "trafilatura", "the page loses some elements"
        return
    # Selectors name elements of the page as it was parsed: a swallowed page, after its repair.
    tree = LexborHTMLParser(repair_raw_text(html) or html)
    for node in tree.css("script, style, noscript, template, svg, iframe"):  # no text of a page
        node.decompose()
    for removal in elements:
        assert removal.selector, removal
        assert removal.selector.count(" > ") < MAX_STEPS and len(removal.selector) <= 120, removal.selector
        # Compared without spaces: the removal's text joins an element's pieces with one.
        texts = ["".join(node.text(deep=True).split()) for node in tree.css(removal.selector)]
        head = "".join(removal.text.rstrip("…").split())[:40]
        assert any(head in text for text in texts), (removal.selector, removal.text, texts)


def test_drop_element_rules_and_furniture_both_carry_selectors():
    site = RuleSet([parse_rule_file(DROP_RULES, "ferry.example.yaml")])
    result = Cleaner(site, Options(markup="html")).clean(TRICKY, "https://ferry.example/a")
    by_rule = {r.rule: r.selector for r in result.removals if r.line == 0}
    assert by_rule["ferry.example/top-nav"] == "div#\\31 top"
    assert by_rule["ferry.example/hot-list"].endswith("> ul.hot")
    assert by_rule["html/boilerplate"]  # the footer, found by its class words


def test_selector_is_in_json_output_and_explain(tmp_path):
    from click.testing import CliRunner

    from cleaner.cli.main import main

    page = tmp_path / "page.html"
    page.write_text(TRICKY, encoding="utf-8")
    out = CliRunner().invoke(main, ["clean", str(page), "--format", "json", "--removed", "full"])
    assert out.exit_code == 0, out.output
    removed = json.loads(out.stdout)["cleaner_removed"]
    selectors = [r.get("selector") for r in removed if r["line"] == 0]
    assert selectors and all(selectors) and "div#foot" in selectors
    explained = CliRunner().invoke(main, ["explain", str(page)])
    assert "div#foot:" in explained.stdout


def test_css_identifier_escapes_what_css_would_misread():
    assert css_identifier("1top") == "\\31 top"
    assert css_identifier("-2x") == "-\\32 x"
    assert css_identifier("a.b:c") == "a\\.b\\:c"
    assert css_identifier("分享-share") == "分享-share"
    assert css_identifier("-") == "\\-"


def test_path_stops_at_an_id_and_after_three_steps():
    tree = LexborHTMLParser('<div id="side"><div class="a b c"><ul class="hotnews big"><li class="x">'
                            '<span class="y">t</span></li></ul></div></div>')
    assert css_path(tree.css_first("ul")) == "div#side > div.a > ul.hotnews.big"
    assert css_path(tree.css_first("span")) == "ul.hotnews > li.x > span.y"
    assert css_path(tree.css_first("div")) == "div#side"
    assert css_path(tree.body) == "body"
