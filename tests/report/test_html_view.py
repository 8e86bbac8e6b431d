"""HTML pages in the report: blocks in reading order, each removed element found again in place."""
from __future__ import annotations

from report_site import marked

from cleaner.core.cleaner import Cleaner
from cleaner.options import Options
from cleaner.report.html_view import page_blocks
from cleaner.report.page import PageView, render_page
from cleaner.report.rules import RuleInfo
from cleaner.ruleset.loader import parse_rule_file
from cleaner.ruleset.ruleset import RuleSet

SITE = """\
site: example.test
description: A test site.
match: {fingerprints: ['EXAMPLE-SITE']}
rules:
  - {id: hot-list, kind: drop-element, description: The hot list., selector: ul.hot}
"""
PAGE = ("<html><body><div id='top'>EXAMPLE-SITE 顶部</div><nav>首页 新闻 体育</nav>"
        "<ul class='hot'><li>热点一</li><li>热点二</li></ul>"
        "<article><p>正文第一段，记者从现场获悉有关情况并进行了采访，内容足够长以便被选为正文部分。</p>"
        "<p>正文第二段，继续报道相关情况并进行了详细说明，内容同样足够长以便被选为正文。</p></article>"
        "<footer>版权所有 ©2024 示例网</footer></body></html>")


def _clean(page: str):
    rules = RuleSet([parse_rule_file(SITE, "example.yaml")])
    return Cleaner(rules, Options(markup="html")).clean(page, keep_extracted=True)


def test_removed_elements_are_found_in_place_in_reading_order():
    result = _clean(PAGE)
    blocks, lost = page_blocks(PAGE, result.removals)
    assert not lost
    rules = [None if b.removal is None else result.removals[b.removal].rule for b in blocks]
    texts = [b.text for b in blocks]
    assert texts[:4] == ["EXAMPLE-SITE 顶部", "首页 新闻 体育", "热点一", "热点二"]
    assert rules[1] == "html/boilerplate" and rules[2:4] == ["example.test/hot-list"] * 2
    assert rules[-1] == "html/boilerplate" and texts[-1] == "版权所有 ©2024 示例网"
    assert rules[4:6] == [None, None]  # the article's paragraphs stay, in their place


def test_each_element_removal_is_one_struck_through_element():
    result = _clean(PAGE)
    blocks, lost = page_blocks(PAGE, result.removals)
    view = PageView("p.html", result, result.extracted or "", "utf-8", [], 1, 1, blocks, lost)
    marks = marked(render_page(view, {}))
    assert sorted(m["data-rule"] for m in marks) == sorted(r.rule for r in result.removals)
    elements = [m["data-rule"] for m in marks if m["data-line"] == "0"]
    assert elements == ["html/boilerplate", "example.test/hot-list", "html/boilerplate"]  # nav, list, footer


def test_a_removal_with_a_selector_offers_a_drop_element_rule():
    result = _clean(PAGE)
    removals = tuple(r._replace(selector="div#side > ul.hot") if r.line == 0 else r for r in result.removals)
    result = type(result)(result.text, result.metadata, removals, result.site, result.packs, result.extracted)
    blocks, lost = page_blocks(PAGE, removals)
    view = PageView("p.html", result, result.extracted or "", "utf-8", [], 1, 1, blocks, lost)
    html = render_page(view, {"example.test/hot-list": RuleInfo("example.test/hot-list", "drop-element", "x", "e.yaml", 5)})
    hot = [m for m in marked(html) if m["data-rule"] == "example.test/hot-list"]
    assert hot and hot[0]["data-sel"] == "div#side > ul.hot" and hot[0]["data-sug"] == "hot"
    assert "drop-element rule to paste" in html
