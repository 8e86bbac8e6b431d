"""Huge pages in pieces: a page's lines, its folded copy and its UTF-8 (or an HTML page's DOM)
cost many times the page; a piece's cost only a piece's.

A huge page of text (over HUGE_CHARS characters, in more than one line) is cleaned in pieces of
whole lines, as a huge HTML page (is_huge_html) is (html/pieces.py). The site is claimed by the
first piece; each piece gets the rules and main-content selection on its own, and line numbers
count on.
"""
from __future__ import annotations

from typing import Iterator

from cleaner.core.page import Page
from cleaner.core.plan import Plans
from cleaner.core.main_content import main_block
from cleaner.core.stitch import Stitch
from cleaner.core.text import finish, keep_block, run_plan
from cleaner.matching.fold import fold
from cleaner.result import Result
from cleaner.sniff import looks_like_html

HUGE_CHARS = 1_000_000  # text: its lines cost ~9x the page
# HTML: the tree and the blocks made of it cost ~400 bytes a tag (a 20 MB table: 1.3 GB), while
# real pages of 1.5M characters (inline CSS and scripts) hold a few thousand tags.
HUGE_HTML_CHARS = 4_000_000
HUGE_TAGS = 100_000
PIECE_CHARS = 1 << 16  # a huge page goes in pieces of about this many characters
PIECES_NOTE = (f"huge page: cleaned in pieces of about {PIECE_CHARS:,} characters, main content chosen in each "
               f"(text over {HUGE_CHARS:,} characters; HTML over {HUGE_HTML_CHARS:,} or with over {HUGE_TAGS:,} tags)")


def in_pieces(text: str, markup: str = "auto") -> bool:
    """Whether Cleaner.clean cleans this page in pieces (a huge page: told to the user)."""
    if markup == "html" or (markup == "auto" and looks_like_html(text)):
        return is_huge_html(text)
    if len(text) <= HUGE_CHARS:
        return False
    return "\n" in text  # a single huge line cannot be cut, and costs little more than itself


def is_huge_html(html: str) -> bool:
    """Whether an HTML page goes in pieces: its DOM would cost many times its size."""
    # A page holds no more "<" than characters: a short one needs no count (0.13 ms for 170 kB).
    return len(html) > HUGE_HTML_CHARS or (len(html) > HUGE_TAGS and html.count("<") > HUGE_TAGS)


def iter_line_pieces(text: str, size: int = PIECE_CHARS) -> Iterator[str]:
    """text in pieces of whole lines, each about size characters (a longer line is one piece)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + size) + 1 or len(text)
        yield text[start:end]
        start = end


def clean_text_pieces(text: str, plans: Plans, *, url: str | None, main_content: bool) -> Result:
    """clean_text_page on a huge page, a piece of lines at a time."""
    stitch = Stitch()
    plan = None
    for piece in iter_line_pieces(text):
        if plan is None:
            plan = plans.plan_for(piece, url)
        page = Page(piece, fold(piece))
        del piece
        run_plan(page, plan)
        if main_content and plan.main_content:
            # No page_type: typing a piece added a sixth to a 20 MB page's peak (tests/hostile/
            # test_memory.py), and a piece's shape is not the page's.
            keep_block(page, main_block(page.lines, page.alive), site=plan.site is not None)
        stitch.add(finish(page, plan, url), len(page.lines))
        del page
    return Result(stitch.text(), stitch.metadata, tuple(stitch.removals), plan.site if plan else None,
                  plan.packs if plan else ())
