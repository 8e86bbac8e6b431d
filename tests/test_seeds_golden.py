"""Golden files: every page in seeds/, scraped text or HTML, has its clean text and removals checked in.

Each page goes through the library's one entry, `cleaner.clean`, which tells text from HTML by
content, as `cleaner clean` does. Regenerate with `pytest tests/test_seeds_golden.py
--force-regen`, then read the diff.
"""
from __future__ import annotations

import json

import pytest
from helpers import ROOT, SEEDS

import cleaner

GOLDEN = ROOT / "tests" / "test_seeds_golden"
SEED_PAGES = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".html") and not p.name.startswith("."))


def _clean(page, rules) -> cleaner.Result:
    return cleaner.clean(page.read_text(encoding="utf-8"), rules)


def _removals(result) -> str:
    rows = [r.to_dict() for r in result.removals]
    return json.dumps({"metadata": result.metadata, "site": result.site, "removed": rows}, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("page", SEED_PAGES, ids=[p.stem for p in SEED_PAGES])
def test_seed_clean_text(page, bundled, file_regression):
    result = _clean(page, bundled)
    file_regression.check(result.text, extension=".txt", encoding="utf-8", basename=f"{page.stem}.clean", fullpath=None)


@pytest.mark.parametrize("page", SEED_PAGES, ids=[p.stem for p in SEED_PAGES])
def test_seed_removals(page, bundled, file_regression):
    result = _clean(page, bundled)
    file_regression.check(_removals(result), extension=".json", encoding="utf-8", basename=f"{page.stem}.removed")


# Pages with reader comments or a thread's posts: their output in comments mode is golden too.
COMMENT_SEEDS = [p for p in SEED_PAGES if "comments" in p.stem or "thread" in p.stem]


@pytest.mark.parametrize("page", COMMENT_SEEDS, ids=[p.stem for p in COMMENT_SEEDS])
def test_seed_clean_text_with_comments(page, bundled, file_regression):
    result = cleaner.clean(page.read_text(encoding="utf-8"), bundled, comments=True)
    assert "\n[comment]\n" in result.text and result.metadata["comments"]
    file_regression.check(result.text, extension=".txt", encoding="utf-8", basename=f"{page.stem}.comments", fullpath=None)


def test_seeds_cover_both_paths():
    # Text and HTML pages each have seeds: the golden files pin both paths.
    assert {p.suffix for p in SEED_PAGES} == {".txt", ".html"}


def test_every_seed_has_golden_files():
    golden = {p.name for p in GOLDEN.glob("*")}
    for page in SEED_PAGES:
        assert f"{page.stem}.clean.txt" in golden, f"no golden text for {page.name}"
        assert f"{page.stem}.removed.json" in golden, f"no golden removals for {page.name}"
    assert COMMENT_SEEDS, "no seed with comments"
    for page in COMMENT_SEEDS:
        assert f"{page.stem}.comments.txt" in golden, f"no golden comments-mode text for {page.name}"
