"""`cleaner learn` on constructed HTML sites: the article container becomes `html.body`."""
from __future__ import annotations

import random
import re

import pytest
from test_learn import NAV, paragraph, title_of

from cleaner.core.examples import check_examples
from cleaner.core.html_page import clean_html
from cleaner.learn import learned_rule_file, render_rule_file, ruleset_with
from cleaner.learn.html import learn_html_site

COMMENT = "网友{n}：这篇报道说得很有道理，我们小区也遇到过同样的问题，希望有关部门能够尽快解决，不要再拖了。"


def make_html_page(i: int, n_pages: int) -> str:
    """HTML of page i: navigation, title, byline, the article in div.article-body, long comments."""
    rng = random.Random(500 + i)
    body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(3, 5)))
    comments = "".join(f"<p>{COMMENT.format(n=rng.randint(1, 999))}</p>" for _ in range(4))
    related = "".join([f"<li><a href='/{j}.html'>{title_of(j)}</a></li>" for j in range(n_pages) if j != i][:3])
    nav = "".join(f"<li><a href='/'>{item}</a></li>" for item in NAV)
    return (f"<html><head><title>{title_of(i)}_示例网</title></head><body>"
            f"<div class='nav'><ul>{nav}</ul></div>"
            f"<div class='main'><h1>{title_of(i)}</h1><div class='info'>2012-01-1{i % 10} 来源：示例网</div>"
            f"<div class='article-body'>{body}</div>"
            f"<div class='share'>分享到：微博 微信</div>"
            f"<div class='comments'><h3>网友评论</h3>{comments}</div>"
            f"<div class='related'><h3>相关新闻</h3><ul>{related}</ul></div></div>"
            f"<div class='footer'>Copyright © 2012 示例网 版权所有</div></body></html>")


@pytest.fixture(scope="module")
def learned_html(bundled):
    pages = [(f"p{i}.html", make_html_page(i, 10)) for i in range(10)]
    learned = learn_html_site(pages[1:], "example.com", base=bundled)
    return learned, pages[0][1]


def test_article_container_is_learned(learned_html):
    learned, _held = learned_html
    assert learned.html.get("body") == "div.article-body"
    assert "html:" in render_rule_file(learned)


def test_learned_html_file_validates(learned_html):
    learned, _held = learned_html
    rule_file = learned_rule_file(learned)
    assert rule_file.html["body"] == "div.article-body"
    assert all(check_examples(rule) == [] for rule in rule_file.rules)


def test_held_out_html_page_is_cleaned_to_title_and_article(learned_html, bundled):
    learned, held = learned_html
    result = clean_html(held, ruleset_with(bundled, learned_rule_file(learned)), url="http://example.com/0.html")
    assert result.text.startswith(title_of(0))
    assert "网友" not in result.text and "相关新闻" not in result.text and "版权所有" not in result.text
    article = held.split("<div class='article-body'>", 1)[1].split("</div>", 1)[0]
    for text in re.findall(r"<p>(.*?)</p>", article):
        assert text in result.text
