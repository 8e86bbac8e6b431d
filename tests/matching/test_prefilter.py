"""The fast paths of the core give the results of the plain ones: fold, pieces, rule skipping."""
from __future__ import annotations

import importlib.util
import json
import sys
import unicodedata

import pytest
from conftest import SEEDS, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import RuleSet, clean_text
from cleaner.core import plan as ruleset  # Plan lives in core
from cleaner.core.page import Page
from cleaner.core.plan import plans_of
from cleaner.matching import prefilter
from cleaner.matching.fold import FOLD_TABLE, fold
from cleaner.matching.prefilter import split_pieces

FOLDABLE = "".join(chr(c) for c in FOLD_TABLE)


@given(st.text(alphabet=st.sampled_from(FOLDABLE + "ab 中文\n\t，。:"), max_size=200) | st.text(max_size=200))
def test_fold_is_the_translation(text):
    assert fold(text) == text.translate(FOLD_TABLE)


def test_every_space_separator_is_folded():
    zs = [cp for cp in range(0x80, sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Zs"]
    assert all(FOLD_TABLE[cp] == " " for cp in zs)
    # The table is written out, not scanned for at import: nothing but those and the zero-widths folds to a space.
    assert sorted(cp for cp, ch in FOLD_TABLE.items() if ch == " ") == sorted(zs + [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF])


@given(st.text(alphabet="ab中\n", max_size=300), st.integers(min_value=1, max_value=40))
def test_pieces_are_whole_lines_covering_the_text(text, size):
    data = text.encode("utf-8")
    pieces = split_pieces(data, size)
    assert b"\n".join(piece for _offset, piece in pieces) == data
    assert all(data[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(offset == 0 or data[offset - 1:offset] == b"\n" for offset, _piece in pieces)


def plain(text: str, rules: RuleSet):
    """Clean with every rule of the plan run on the whole page: no prefilter, no pieces."""
    saved_candidates, saved_init = ruleset.Plan.candidates, Page.__init__

    def every_rule(self, hits):
        return set(range(len(self.text_rules)))

    def without_hits(self, text, folded=None):
        saved_init(self, text, folded)
        self.hits = None

    ruleset.Plan.candidates, Page.__init__ = every_rule, without_hits
    try:
        page = Page(text)
        from cleaner.core.text import finish, keep_main_content, run_plan, settle

        plan = plans_of(rules).plan_for(text)
        page.hits = None
        saved_scan = ruleset.Plan.scan
        ruleset.Plan.scan = lambda self, folded: prefilter.Hits(frozenset(), {})  # nothing known: whole page
        try:
            run_plan(page, plan)
            if plan.main_content:
                from cleaner.core.main_content import main_block
                from cleaner.core.page_type import text_page_type

                page.metadata["page_type"] = text_page_type(page.lines, page.alive, main_block(page.lines, page.alive))
                keep_main_content(page, site=plan.site is not None)
            settle(page, plan, main=plan.main_content)  # positional rules again, as clean_text does
        finally:
            ruleset.Plan.scan = saved_scan
        return finish(page, plan, None)
    finally:
        ruleset.Plan.candidates, Page.__init__ = saved_candidates, saved_init


def pages() -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    found.append(found[0].replace("\n", "\r\n"))
    found.append("【责任编辑:张三】\n" + found[0] + "\n编辑：李四 <!-- cleaner: keep -->\n分享到：微信\n")
    scrape = SHARED / "tools" / "scrape_text.py"
    corpus = SHARED / "corpora" / "cwced_zh" / "manifest.jsonl"
    if scrape.exists() and corpus.exists():
        spec = importlib.util.spec_from_file_location("scrape_text", scrape)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        from cleaner.io import read_input

        for line in corpus.read_text(encoding="utf-8").splitlines()[:40]:
            html = read_input(corpus.parent.parent / json.loads(line)["html_path"], max_bytes=50 << 20).text
            found.append(module.render(html))
    return found


@pytest.mark.parametrize("piece_bytes", [64, 3072])
def test_pieces_and_rule_skipping_change_nothing(bundled, monkeypatch, piece_bytes):
    monkeypatch.setattr(prefilter.split_pieces, "__defaults__", (piece_bytes,))
    for text in pages():
        fast, slow = clean_text(text, bundled), plain(text, bundled)
        assert (fast.text, fast.metadata, fast.removals) == (slow.text, slow.metadata, slow.removals)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "首页 >> 新闻 >> 正文", "2018-09-10 15:17:31\u00a0来源:国际在线\u00a0编辑:罗毅", "分享到：微信 微博",
    "南京国博_fororder_国博bannner4 标题", "正文第一段，记者从现场获悉有关情况并进行了采访。", "",
    "【纠错】", "上一篇：旧闻", "版权所有 © 2018", "国际在线版权与信息产品内容销售的声明：", "  ", "Copyright 2020 Example",
    "（编辑：李四）", "当前位置：首页 > 新闻中心 > 国内新闻", "发布时间：２０１１－１２－０１　点击数：１２３",
]), max_size=30))
def test_random_pages_same_as_plain(bundled, lines):
    text = "\n".join(lines)
    fast, slow = clean_text(text, bundled), plain(text, bundled)
    assert (fast.text, fast.metadata, fast.removals) == (slow.text, slow.metadata, slow.removals)
