"""html/main-content: every text block of an HTML page is in the output or in a removal with a selector."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from html_fixtures import NEWS_PAGE, PARAGRAPHS, ZH_PAGE
from selectolax.lexbor import LexborHTMLParser

from cleaner import RuleSet, load_rules
from cleaner.cli.main import main
from cleaner.core.cleaner import Cleaner
from cleaner.html.blocks import Block
from cleaner.html.repair import repair_raw_text
from cleaner.html.unchosen import MAIN_CONTENT_RULE, chosen_blocks
from cleaner.options import Options
from cleaner.ruleset.loader import parse_rule_file

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
_spec = importlib.util.spec_from_file_location("html_accounting", ROOT / "bench" / "html_accounting.py")
accounting = sys.modules.setdefault("html_accounting", importlib.util.module_from_spec(_spec))  # dataclasses look it up
_spec.loader.exec_module(accounting)  # type: ignore[union-attr]

ARTICLE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
# Furniture no class names: a top bar, a byline, loose lines beside the article, a table of links.
PLAIN = f"""<html><head><title>Council expands riverside park</title></head><body>
<div class="top"><p>Tuesday 5 March 2024</p><p>Log in | Register | Mobile</p></div>
<div class="wrap"><div class="left"><h1>Council expands riverside park</h1>
<div class="info">2024-03-05 09:30 Source: The Daily Example</div>
<div class="text">{ARTICLE}</div><div class="editor">[Editor: Jane Reporter]</div></div>
<div class="right"><table><tr><td><a href="/a">Bridge closes for repairs</a></td><td>3,201</td></tr>
<tr><td><a href="/b">Market moves to the square</a></td><td>2,950</td></tr></table></div></div>
<div>Line one of a loose footer<br>Line two of a loose footer<br>Line three</div>
</body></html>"""
BR_PAGE = f"""<html><head><title>A page of lines</title></head><body><div id="all">
Home | News | Sport<br>Posted 2024-03-05 by the desk<br>{"<br>".join(PARAGRAPHS)}<br>Back to top<br>Copyright 2024 Example
</div></body></html>"""
BODY_RULE = """\
site: park.example
description: A constructed site.
match: {hosts: [park.example]}
html: {body: 'div.text'}
rules: []
"""


def _pages() -> list[tuple[str, str, RuleSet, str | None]]:
    bundled = load_rules()
    body = RuleSet([parse_rule_file(BODY_RULE, "park.example.yaml")])
    pages = [("news", NEWS_PAGE, bundled, None), ("zh", ZH_PAGE, bundled, None), ("plain", PLAIN, bundled, None),
             ("br", BR_PAGE, bundled, None), ("rule-body", PLAIN, body, "https://park.example/a")]
    pages += [(p.name, p.read_text(encoding="utf-8"), bundled, None) for p in sorted(SEEDS.glob("*.html"))]
    return pages


@pytest.mark.parametrize("name,html,rules,url", _pages(), ids=[p[0] for p in _pages()])
def test_every_block_is_kept_or_removed_by_a_named_element(name, html, rules, url):
    result = Cleaner(rules, Options(markup="html")).clean(html, url, keep_extracted=True)
    found = accounting.account(html, result)
    assert found.visible > 0
    assert found.silent == [], "text neither in the output nor in a removal"
    assert found.no_selector == [] and found.unmatched == [], "every element removal names an element of its text"
    # A page an unclosed element swallowed is cleaned as repaired: its elements are named there.
    trees = [LexborHTMLParser(page) for page in (html, repair_raw_text(html)) if page]
    for removal in result.removals:
        if removal.line == 0:
            assert any(tree.css(removal.selector) for tree in trees), removal


def test_a_left_out_element_is_one_removal_and_runs_of_loose_blocks_are_merged():
    result = Cleaner(load_rules(), Options(markup="html")).clean(PLAIN)
    ours = [(r.selector, r.text) for r in result.removals if r.rule == MAIN_CONTENT_RULE]
    assert ("div.top", "Tuesday 5 March 2024 Log in | Register | Mobile") in ours  # two blocks, one element
    assert ("div.wrap > div.left > div.editor", "[Editor: Jane Reporter]") in ours
    assert ("div", "Line one of a loose footer Line two of a loose footer Line three") in ours
    texts = [t for _s, t in ours]
    assert texts.index("Tuesday 5 March 2024 Log in | Register | Mobile") < texts.index("[Editor: Jane Reporter]")
    assert all(r.kind == "drop-element" and r.line == 0 for r in result.removals if r.rule == MAIN_CONTENT_RULE)
    assert not any(PARAGRAPHS[0][:40] in t for t in texts)  # the article is kept, not credited


def test_blocks_beside_the_article_in_one_element_are_removed_one_run_each():
    result = Cleaner(load_rules(), Options(markup="html")).clean(BR_PAGE)
    ours = [r for r in result.removals if r.rule == MAIN_CONTENT_RULE]
    assert [r.selector for r in ours] == ["div#all", "div#all"]
    assert ours[0].text == "Home | News | Sport Posted 2024-03-05 by the desk"
    assert ours[1].text == "Back to top Copyright 2024 Example"


def test_what_lies_outside_a_rules_body_is_credited():
    rules = RuleSet([parse_rule_file(BODY_RULE, "park.example.yaml")])
    result = Cleaner(rules, Options(markup="html")).clean(PLAIN, "https://park.example/a")
    assert result.text.startswith("Council expands riverside park\n\n" + PARAGRAPHS[0])
    outside = [r.selector for r in result.removals if r.rule == MAIN_CONTENT_RULE]
    assert outside[0] == "div.top" and "div.wrap > div.left > div.editor" in outside and "div.wrap > div.right" in outside


def test_a_paragraph_repeated_in_the_menu_is_found_where_the_article_has_it():
    blocks = [Block(t, 0, 0, 0, "p") for t in ("Photos", "Menu", "Lead paragraph", "Photos", "Closing words")]
    assert chosen_blocks(blocks, ["Photos", "Closing words"]) == [False, False, False, True, True]
    assert chosen_blocks(blocks, ["Lead paragraph", "Photos"]) == [False, False, True, True, False]


def test_clean_json_lists_main_content_removals_with_selectors(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PLAIN, encoding="utf-8")
    r = CliRunner().invoke(main, ["clean", str(page), "--format", "json", "--removed", "full"], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    removed = json.loads(r.stdout)["cleaner_removed"]
    ours = [x for x in removed if x["rule"] == MAIN_CONTENT_RULE]
    assert ours and all(x["selector"] and x["kind"] == "drop-element" for x in ours)
    assert {"rule": MAIN_CONTENT_RULE, "line": 0, "text": "[Editor: Jane Reporter]", "kind": "drop-element",
            "selector": "div.wrap > div.left > div.editor"} in ours


def test_rules_list_shows_the_built_in_rules():
    r = CliRunner().invoke(main, ["rules", "list"], catch_exceptions=False)
    assert r.exit_code == 0
    built_in = r.stdout.split("built in", 1)[1]
    for rule in ("text/main-content", "html/boilerplate", MAIN_CONTENT_RULE, "html/comments", "html/nesting-limit"):
        assert f"  {rule} " in built_in
