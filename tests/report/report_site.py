"""Building reports in tests and reading them back: the data-rule elements and the index's links."""
from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli.main import main

# Hostile pages: what a page holds must reach the report as text, never as markup or script.
HOSTILE_TEXT = ('标题 <script>alert(1)</script>\n分享到：微信 微博 "><img src=x onerror=alert(2)>\n'
                '正文，记者从现场获悉有关情况并进行了采访。</script><script>alert(3)</script>\n'
                "版权所有 <iframe src=https://example.invalid/></iframe>\n")
HOSTILE_HTML = ('<html><head><title>T &lt;script&gt;</title><link rel="stylesheet" href="https://example.invalid/s.css">'
                '<script src="https://example.invalid/x.js"></script></head><body>'
                '<nav class="menu"><a href="/">首页</a> <a href="/n">新闻</a> &lt;img src=x onerror=alert(4)&gt;</nav>'
                '<article><h1>T</h1><p>正文第一段，记者从现场获悉有关情况并进行了采访，内容足够长以便被选为正文。'
                '<img src="https://example.invalid/i.png" onerror="alert(5)"></p>'
                '<p>第二段 &lt;/script&gt;&lt;script&gt;alert(6)&lt;/script&gt; 继续报道相关情况并进行了详细说明。</p></article>'
                '<div class="share">分享到：微信 微博</div><footer>版权所有 ©2024</footer></body></html>')


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


class Elements(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def marked(html: str) -> list[dict[str, str | None]]:
    """The attributes of every element carrying data-rule, in page order."""
    return [attrs for _tag, attrs in elements(html) if "data-rule" in attrs]


def views(report: Path) -> dict[str, Path]:
    """Each input's shown name -> its page view, from the index's links."""
    index = (report / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="(pages/[^"]+)">([^<]+)</a>', index)
    return {name.replace("&amp;", "&"): report / href for href, name in links}


def removed_by_clean(path: Path, *args: str) -> list[dict]:
    """Every removal `cleaner clean --format json` lists for one file.

    The page-output schema moves `removed` under `cleaner_removed` and makes the full list an
    option (`--removed full`): asked for when the command has it, read from whichever key is there.
    """
    full = ["--removed", "full"] if "--removed" in invoke("clean", "--help").stdout else []
    r = invoke("clean", "-q", "--format", "json", *full, *args, path)
    assert r.exit_code == 0, r.stderr
    record = json.loads(r.stdout)
    return record["cleaner_removed"] if "cleaner_removed" in record else record["removed"]


def rule_counts(removals: list[dict]) -> Counter:
    return Counter(r["rule"] for r in removals)
