"""The report in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

Checked after the page's script has run: the data-rule counts, the filters, the details panel,
the index's sorting, and that no request leaves the page. Where Playwright or Chromium is
missing these tests skip and say why (`.ci/run` installs Chromium first).
"""
from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from helpers import SEEDS
from report_site import HOSTILE_HTML, HOSTILE_TEXT, invoke, removed_by_clean, rule_counts, views

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")


def _chromium() -> str | None:
    for name in (os.environ.get("CLEANER_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = name and (shutil.which(name) or (Path(name).is_file() and name))
        if found:
            return str(found)
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    pages = tmp_path_factory.mktemp("in")
    for seed in SEEDS.iterdir():
        if seed.suffix in (".txt", ".html"):
            shutil.copy(seed, pages / seed.name)
    (pages / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (pages / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    out = tmp_path_factory.mktemp("report") / "site"
    r = invoke("report", "-q", pages, "-o", out)
    assert r.exit_code == 0, r.stderr
    return pages, out


@pytest.fixture
def open_page(browser):
    """Open a report file; every request it makes is recorded, and any beyond the file itself fails."""
    context = browser.new_context()
    requests: list[str] = []

    def route(r):
        requests.append(r.request.url)
        return r.continue_() if r.request.url.startswith("file://") else r.abort()

    context.route("**/*", route)
    errors: list[str] = []

    def go(path: Path):
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']")
        return page

    yield go, requests, errors
    context.close()


def _visible(page, selector: str) -> int:
    return page.evaluate(f"Array.from(document.querySelectorAll({selector!r})).filter(e => e.offsetParent !== null).length")


def _counts(page) -> Counter:
    return Counter(page.evaluate("Array.from(document.querySelectorAll('[data-rule]'), e => e.dataset.rule)"))


@pytest.mark.parametrize("name", ["001_constructed_zh_news.txt", "004_constructed_zh_news.html", "hostile.txt", "hostile.html"])
def test_counts_after_the_script_ran_and_no_request_leaves(site, open_page, name):
    pages, out = site
    go, requests, errors = open_page
    view = views(out)[str(pages / name)]
    page = go(view)
    assert _counts(page) == rule_counts(removed_by_clean(pages / name))
    assert _visible(page, "[data-rule]") == sum(_counts(page).values())
    assert requests == [view.as_uri()] and not errors
    assert page.evaluate("document.querySelectorAll('img, iframe, link, object, embed').length") == 0


def test_filters_by_rule_kept_only_and_removed_only(site, open_page):
    pages, out = site
    go, _requests, errors = open_page
    page = go(views(out)[str(pages / "001_constructed_zh_news.txt")])
    counts = _counts(page)
    assert len(counts) >= 2
    page.click("#no-rules")
    assert _visible(page, "[data-rule]") == 0
    rule, n = counts.most_common(1)[0]
    page.check(f"input.rule[value='{rule}']")
    assert _visible(page, "[data-rule]") == n
    assert page.text_content("#shown") == f"{n} removal{'s' * (n != 1)} shown"
    page.click("#all-rules")
    page.check("input[name=mode][value=kept]")
    assert _visible(page, "[data-rule]") == 0 and _visible(page, "ol.page>li.rm") == 0 and _visible(page, "ol.page>li:not([class])") > 0
    page.check("input[name=mode][value=removed]")
    assert _visible(page, "ol.page>li:not([class])") == 0 and _visible(page, "[data-rule]") == sum(counts.values())
    page.check("input[name=mode][value=all]")
    assert _visible(page, "ol.page>li") == page.evaluate("document.querySelectorAll('ol.page>li').length")
    assert not errors


def test_clicking_a_removal_shows_its_rule(site, open_page):
    pages, out = site
    go, _requests, _errors = open_page
    page = go(views(out)[str(pages / "000_a376c9bc92ac9e28.txt")])
    page.click("[data-rule='cri.cn/fororder-images']")
    assert page.is_visible("#detail")
    assert page.text_content("[data-f=rule]") == "cri.cn/fororder-images"
    assert page.text_content("[data-f=where]").startswith("rules/cri.cn.yaml:")
    assert "_fororder_" in page.text_content("[data-f=text]")


def test_the_index_sorts_and_filters(site, open_page):
    pages, out = site
    go, requests, errors = open_page
    page = go(out / "index.html")
    rows = page.evaluate("document.querySelectorAll('#pages tbody tr').length")
    assert rows == len(list(pages.iterdir()))
    page.click("#pages th:nth-child(6)")  # removals
    first = page.evaluate("Array.from(document.querySelectorAll('#pages tbody tr td:nth-child(6)'), td => +td.dataset.v)")
    assert first == sorted(first, reverse=True)
    page.click("#pages th:nth-child(6)")
    again = page.evaluate("Array.from(document.querySelectorAll('#pages tbody tr td:nth-child(6)'), td => +td.dataset.v)")
    assert again == sorted(first)
    page.check("#flagged")
    flagged = page.evaluate("document.querySelectorAll('#pages tbody tr[data-flags]:not([data-flags=\"\"])').length")
    assert _visible(page, "#pages tbody tr") == flagged < rows
    assert requests == [(out / "index.html").as_uri()] and not errors
