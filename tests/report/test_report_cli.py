"""`cleaner report` through the CLI: the data-rule contract, agreement with explain, escaping, the index."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from helpers import EXAMPLE_SITE, SEEDS
from report_site import HOSTILE_HTML, HOSTILE_TEXT, elements, invoke, marked, removed_by_clean, rule_counts, views

SEED_PAGES = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".html"))


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "site"
    r = invoke("report", "-q", SEEDS, "-o", out, "--exclude", "*.md")
    assert r.exit_code == 0, r.stderr
    return out


@pytest.mark.parametrize("page", SEED_PAGES, ids=lambda p: p.name)
def test_every_removal_is_one_data_rule_element(seed_report, page):
    view = views(seed_report)[str(page)]
    marks = marked(view.read_text(encoding="utf-8"))
    removed = removed_by_clean(page)
    assert removed, "a seed page that loses nothing tests nothing"
    assert Counter(m["data-rule"] for m in marks) == rule_counts(removed)
    # Line by line, the same rules took the same lines.
    assert sorted((int(m["data-line"]), m["data-rule"]) for m in marks) == sorted((r["line"], r["rule"]) for r in removed)


@pytest.mark.parametrize("page", SEED_PAGES, ids=lambda p: p.name)
def test_report_and_explain_agree(seed_report, page):
    marks = marked(views(seed_report)[str(page)].read_text(encoding="utf-8"))
    r = invoke("explain", page)
    assert r.exit_code == 0, r.stderr
    said: Counter = Counter()
    for line in r.stdout.splitlines():
        found = re.match(r"^- <[^>]+> .*  \[([^\]]+)\]$", line)  # an element removal
        if found:
            said[(0, found.group(1))] += 1
            continue
        found = re.match(r"^\s*(\d+) [-~] .*  \[([^\]]+)\]", line)
        if found:
            for rule in found.group(2).split(", "):
                said[(int(found.group(1)), rule)] += 1
    lines = Counter((int(m["data-line"]), m["data-rule"]) for m in marks)
    # explain names each rule once per line; the report has one element per removal.
    assert set(lines) == set(said)
    assert {key: 1 for key in lines if key[0]} == {key: 1 for key in said if key[0]}
    assert sum(n for key, n in lines.items() if not key[0]) == sum(n for key, n in said.items() if not key[0])


def test_index_lists_inputs_with_counts_totals_and_flags(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "article.txt").write_bytes((SEEDS / "001_constructed_zh_news.txt").read_bytes())
    (pages / "empty.txt").write_text("标题\n分享到：微信 微博\n", encoding="utf-8")
    (pages / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    r = invoke("report", pages, "-o", tmp_path / "site")
    assert r.exit_code == 1  # the binary file is its own error; the others are reported
    assert "binary.txt: error:" in r.stderr and "2 pages" in r.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr data-flags=\"([^\"]*)\">(.*?)</tr>", index)
    assert len(rows) == 3
    by_name = {re.search(r"(article|empty|binary)\.txt", row).group(1): flags for flags, row in rows}
    assert "short output" in by_name["empty"] and "no site file" in by_name["empty"]
    assert by_name["binary"].startswith("error: ")
    assert "zh-news/share-bar" in index and "rules/packs/zh-news.yaml:" in index  # totals name file and line
    assert len(views(tmp_path / "site")) == 2


def test_a_site_file_s_rule_shows_its_file_line_and_description(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "example.yaml").write_text(EXAMPLE_SITE.replace("Banner lines.", "Banner <b>lines</b> & more."), encoding="utf-8")
    page = tmp_path / "in" / "p.txt"
    page.parent.mkdir()
    page.write_text("EXAMPLE-SITE\nBANNER one\n正文，记者从现场获悉有关情况并进行了采访。\nBANNER two\n", encoding="utf-8")
    r = invoke("report", "--rules", rules, page.parent, "-o", tmp_path / "site")
    assert r.exit_code == 0, r.stderr
    view = next(iter(views(tmp_path / "site").values())).read_text(encoding="utf-8")
    banners = [m for m in marked(view) if m["data-rule"] == "example.test/banner"]
    assert [m["data-line"] for m in banners] == ["2", "4"]
    table = json.loads(re.search(r'<script type="application/json" id="rules-data">(.*?)</script>', view).group(1))
    assert table["example.test/banner"]["description"] == "Banner <b>lines</b> & more."
    assert table["example.test/banner"]["where"].endswith("example.yaml:5")
    assert "<b>lines" not in view


@pytest.mark.parametrize(("name", "content"), [("hostile.txt", HOSTILE_TEXT), ("hostile.html", HOSTILE_HTML)])
def test_page_content_is_escaped_and_nothing_of_the_page_is_live(tmp_path, name, content):
    page = tmp_path / "in" / name
    page.parent.mkdir()
    page.write_text(content, encoding="utf-8")
    r = invoke("report", page.parent, "-o", tmp_path / "site")
    assert r.exit_code == 0, r.stderr
    for path in [tmp_path / "site" / "index.html", *views(tmp_path / "site").values()]:
        html = path.read_text(encoding="utf-8")
        tags = elements(html)
        assert not [t for t, _a in tags if t in ("img", "iframe", "link", "object", "embed")]
        assert not [a for _t, a in tags if any(k.startswith("on") or k in ("src", "srcset") for k in a)]
        scripts = [a for t, a in tags if t == "script"]
        assert len(scripts) <= 2 and all(not a or a == {"type": "application/json", "id": "rules-data"} for a in scripts)
        assert "alert(" not in re.sub(r"&lt;|&gt;|&quot;|&#x27;|&amp;", "", "".join(re.findall(r"<script>(.*?)</script>", html, re.S)))
        csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert csp and csp[0].startswith("default-src 'none';")


def test_an_output_folder_inside_the_inputs_is_refused(tmp_path):
    (tmp_path / "p.txt").write_text("正文\n", encoding="utf-8")
    r = invoke("report", tmp_path, "-o", tmp_path / "site")
    assert r.exit_code == 2 and "lies inside the input folder" in r.stderr


def test_json_lines_records_get_a_view_each(tmp_path):
    records = tmp_path / "in.jsonl"
    records.write_text('{"id": 1, "text": "标题\\n分享到：微信 微博\\n正文，记者从现场获悉有关情况并进行了采访。"}\n'
                       "not json\n"
                       '{"id": 3, "html": "<html><body><nav>首页 新闻</nav><p>正文，记者从现场获悉有关情况并进行了采访。</p></body></html>"}\n',
                       encoding="utf-8")
    r = invoke("report", records, "-o", tmp_path / "site")
    assert r.exit_code == 1 and f"{records}:2: error:" in r.stderr
    shown = views(tmp_path / "site")
    assert sorted(shown) == [f"{records}:1", f"{records}:3"]
    assert [m["data-rule"] for m in marked(shown[f"{records}:1"].read_text(encoding="utf-8"))] == ["zh-news/share-bar"]
