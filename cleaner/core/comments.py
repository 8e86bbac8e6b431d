"""The posts kept after the article in comments mode, read back from the clean text.

Both paths mark each post with a `[comment]` paragraph; the text rules then run on everything
(a rule may drop a post's line, like any other line). The metadata's `comments` list is read
from the final text, so it holds exactly what the output holds.
"""
from __future__ import annotations

from cleaner.result import COMMENT_MARK


def comments_of(text: str) -> list[str]:
    """Each post after a `[comment]` paragraph of the text, its paragraphs one per line."""
    posts: list[list[str]] = []
    for paragraph in text.split("\n\n"):
        line = paragraph.strip()
        if line == COMMENT_MARK:
            posts.append([])
        elif posts and line:
            posts[-1].append(line)
    return ["\n".join(post) for post in posts if post]
