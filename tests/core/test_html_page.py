"""HTML pages through the rule files: selector rules, text rules after extraction, CLI and encodings."""
from __future__ import annotations

import json

from click.testing import CliRunner

from cleaner import RuleSet
from cleaner.cli.main import main
from cleaner.core.cleaner import Cleaner
from cleaner.options import Options
from cleaner.ruleset.loader import parse_rule_file

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>测试新闻标题 - 某网</title></head><body>
<div class="nav">首页 新闻 体育 娱乐 财经 科技</div>
<div class="promo-box">限时优惠：订阅本报电子版，每月只需九元，点击立即订阅享受更多优惠活动</div>
<h1>测试新闻标题</h1>
<div class="article-body"><p>第一段正文内容，这里讲述了一件发生在城市里的事情，内容比较长，足以被识别为正文部分。</p>
<p>第二段正文内容，记者采访了多位市民，他们都表示支持这项新的政策措施，并希望尽快落实到位。</p>
<p>本站编辑：赵六</p></div>
<div class="footer">版权所有 某网</div></body></html>
"""

SITE = """\
site: news.example
description: A constructed test site.
extends: [zh-news]
match: {hosts: [news.example]}
html:
  body: 'div.article-body'
rules:
  - id: promo
    kind: drop-element
    description: Subscription promotion boxes.
    selector: '.promo-box'
  - id: site-editor
    kind: capture
    description: The site's own editor line.
    pattern: '本站编辑:(?P<editor>\\S+)'
    examples:
      capture: [{text: '本站编辑：赵六', metadata: {editor: 赵六}}]
      keep: ['本站编辑部收到来信。']
"""


def rules() -> RuleSet:
    return RuleSet([*RuleSet.load().files.values(), parse_rule_file(SITE, "rules/news.example.yaml")])


def test_selector_rule_removes_and_records_with_rule_id():
    result = Cleaner(rules()).clean(PAGE.format(charset="utf-8"), "https://news.example/a/1.html")
    assert result.site == "news.example"
    assert "限时优惠" not in result.text and "首页 新闻" not in result.text
    promo = [r for r in result.removals if r.rule == "news.example/promo"]
    assert len(promo) == 1 and promo[0].kind == "drop-element" and "限时优惠" in promo[0].text
    # the body selector chose the article; the text rule then captured the editor line
    assert result.text == (
        "测试新闻标题\n\n第一段正文内容，这里讲述了一件发生在城市里的事情，内容比较长，足以被识别为正文部分。\n\n"
        "第二段正文内容，记者采访了多位市民，他们都表示支持这项新的政策措施，并希望尽快落实到位。\n"
    )
    assert result.metadata["editor"] == "赵六" and result.metadata["title"] == "测试新闻标题"


def test_gbk_html_file_through_the_cli(tmp_path):
    page = tmp_path / "page.htm"
    page.write_bytes(PAGE.format(charset="gb2312").encode("gbk"))
    r = CliRunner().invoke(main, ["clean", "-q", "--format", "json", "--removed", "full", str(page)])
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["cleaner_metadata"]["title"] == "测试新闻标题"
    assert "第一段正文内容" in doc["text"] and "版权所有" not in doc["text"]
    assert any(x["kind"] == "drop-element" for x in doc["cleaner_removed"])


def test_html_detected_by_content_without_extension(tmp_path):
    page = tmp_path / "noext"
    page.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    r = CliRunner().invoke(main, ["clean", "-q", str(page)])
    assert r.stdout.startswith("测试新闻标题\n\n第一段正文内容") and "<div" not in r.stdout


def test_explain_on_html_lists_removed_elements():
    from cleaner.cli.explain import explain_lines

    html = PAGE.format(charset="utf-8")
    result = Cleaner(rules()).clean(html, "https://news.example/a/1.html")
    lines = explain_lines(result.extracted, result)
    assert any("[news.example/promo]" in line and "限时优惠" in line for line in lines)
    assert any("[news.example/site-editor]" in line for line in lines)


def test_malformed_and_empty_html_do_not_raise():
    for html in ["<html><body><div><p>未闭合的段落<div><span>", "<html></html>", "<<<>>>&&&"]:
        Cleaner(RuleSet.load(), Options(markup="html")).clean(html)
