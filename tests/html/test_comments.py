"""Comments mode on HTML: comment sections and thread posts after the article; page types."""
from __future__ import annotations

from helpers import SEEDS
from html_fixtures import NEWS_PAGE, PARAGRAPHS

from cleaner.html import extract_html
from cleaner.result import COMMENT_MARK


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def posts(text: str) -> list[str]:
    """The text after each comment mark, paragraphs joined by one space."""
    return [" ".join(p.strip() for p in part.split("\n\n") if p.strip()) for part in text.split(COMMENT_MARK)[1:]]


def test_default_mode_leaves_the_comment_section_out() -> None:
    result = extract_html(NEWS_PAGE)
    assert "Great news" not in result.text and COMMENT_MARK not in result.text
    assert any("Great news" in r.text and r.rule == "html/boilerplate" for r in result.removed)


def test_comments_follow_the_article_each_marked() -> None:
    result = extract_html(NEWS_PAGE, comments=True)
    article, _, rest = result.text.partition(COMMENT_MARK)
    assert all(p in article for p in PARAGRAPHS)
    assert posts(result.text) == ["Great news, finally some green space for our kids in the east of the city!"]
    # The section's heading is no post: it is credited to the comments rule, not to boilerplate.
    assert [r.text for r in result.removed if r.rule == "html/comments"] == ["Comments"]
    assert not any("Great news" in r.text for r in result.removed)


def test_a_blog_comment_list_keeps_each_comment_and_drops_names_dates_and_the_form() -> None:
    result = extract_html(seed("006_constructed_en_blog_comments.html"), comments=True)
    assert posts(result.text) == [
        "Completely agree about the choice. My grandmother's yellow pear tomatoes have never been sold as plants anywhere near us.",
        "Bring some seed to the swap in March, Dennis, and I will trade you for the Georgian ones!",
        "How warm does your windowsill get? Mine are leggy every year. "
        "I have tried a grow light but the seedlings still lean towards the glass.",
    ]
    for furniture in ("says:", "April 2, 2024 at", "Reply", "Leave a Reply", "email address", "Recent Posts"):
        assert furniture not in result.text
    assert result.metadata["page_type"] == "article"


def test_a_forum_thread_keeps_every_post_after_the_first() -> None:
    page = seed("007_constructed_zh_forum_thread.html")
    default = extract_html(page)
    assert default.metadata["page_type"] == "forum"
    assert COMMENT_MARK not in default.text and "水电改造" not in default.text
    result = extract_html(page, comments=True)
    assert result.text.startswith(default.text.rstrip("\n"))
    assert [p[:6] for p in posts(result.text)] == ["五万块钱装修", "厨房卫生间优", "谢谢两位的建"]
    for furniture in ("积分", "发表于", "回复 引用 举报", "沙发"):
        assert furniture not in result.text


def test_a_listing_is_flagged_not_taken_for_an_article() -> None:
    assert extract_html(seed("011_constructed_zh_listing.html")).metadata["page_type"] == "listing"
    assert extract_html(seed("005_constructed_en_news.html")).metadata["page_type"] == "article"


def test_an_empty_page_is_other() -> None:
    assert extract_html("<html><body><div><a href='/'>Home</a></div></body></html>").metadata["page_type"] == "other"
