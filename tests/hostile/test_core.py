"""Red team: what the core tells a user about a page must not say two things with one word."""
from __future__ import annotations

import json

from harness import cli

PAGE = ("<html><head><title>Council approves new park</title>"
        "<meta property='og:site_name' content='Example News'></head><body>"
        "<article><h1>Council approves new park</h1><p>The city council voted on Tuesday to turn the old rail yard "
        "into a public park, ending a debate that had lasted for more than a decade in the district.</p></article>"
        "</body></html>")


def test_an_html_pages_own_name_is_not_reported_as_the_claiming_rule_file(tmp_path):
    src = tmp_path / "page.html"
    src.write_text(PAGE, encoding="utf-8")
    run = cli("clean", "-q", src, "--format", "json")
    assert run.code == 0, run.stderr
    record = json.loads(run.stdout)
    # cleaner_site names the rule file that claimed the page (none here); the page's own name is site_name.
    assert record["cleaner_site"] is None and "site" not in record["cleaner_metadata"]
    assert record["cleaner_metadata"]["site_name"] == "Example News"


def test_a_claimed_html_page_keeps_both_names(tmp_path):
    src = tmp_path / "page.html"
    src.write_text(PAGE, encoding="utf-8")
    run = cli("clean", "-q", src, "--format", "json", "--url", "https://news.cri.cn/x.html")
    assert run.code == 0, run.stderr
    record = json.loads(run.stdout)
    assert record["cleaner_site"] == "cri.cn" and "site" not in record["cleaner_metadata"]
    assert record["cleaner_metadata"]["site_name"] == "Example News"
