"""What kind of page scraped text is: article | listing | forum | other (metadata["page_type"]).

HTML pages are typed from their markup (html/page_type.py); scraped text has only its shape,
read from the lines the rules left, before main-content selection cuts the page to its article:
- forum: two or more posts (dated header, then sentences) follow the article, most dated as the
  article itself is (a post of the thread), and together they hold at least half as many words
  as it: a thread, not an article with a few comments or a list of dated teasers after it;
- listing: a run of headline lines alike (no sentence end, a few words each), at most a blurb
  and a date between two of them, most with a blurb, whose text outweighs the article's run: a
  channel or search page that main-content selection would cut down to one blurb (a bare list
  of headlines after a short article is its related stories);
- other: next to no sentences (no run of prose, and few sentence lines);
- article: the rest.
The thresholds are round figures set on no corpus (the HTML side's where it has one).
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from cleaner.core.main_content import _POST_HEADER, _SENTENCE_ENDS, POST_MIN_WORDS, later_posts, main_block, prose_words

LISTING_ITEMS = 5  # a listing has at least this many headlines alike (as html/page_type.py)
HEADLINE_WORDS = 5  # a headline has at least this many words (a CJK character one): menus have fewer
HEADLINE_MAX_CHARS = 120  # ... and at most this many characters
ITEM_GAP = 2  # lines between two headlines of one run: a blurb and a date, or a date and "more"
HEADER_LINES = 3  # a post's dated header is among the few lines above it
OTHER_BELOW = 8  # an article's run of fewer words than this is no article


def words(line: str) -> int:
    """Words of a stripped line, a CJK character counting one."""
    cjk = (len(line.encode()) - len(line)) // 2
    return cjk + (line.count(" ") + 1 if 2 * cjk < len(line) else 0)


def _is_headline(line: str) -> bool:
    return (len(line) <= HEADLINE_MAX_CHARS and line[-1] not in _SENTENCE_ENDS and not prose_words(line)
            and words(line) >= HEADLINE_WORDS)


def listing_words(lines: Mapping[int, str] | Sequence[str], live: Sequence[int]) -> int:
    """The words of the longest run of headline items: LISTING_ITEMS headlines or more, each at most ITEM_GAP lines from the next."""
    best = 0
    heads = blurbs = run_words = 0
    gap: list[int] = []  # the words of the lines since the run's last headline
    blurb = False  # a sentence among them
    for i in [*live, -1]:  # -1: the end closes the last run
        line = lines[i] if i >= 0 else ""
        if line and _is_headline(line):
            run_words += words(line) + sum(gap)
            heads += 1
            blurbs += blurb
            gap, blurb = [], False
            continue
        if line:
            gap.append(words(line))
            blurb = blurb or (line[-1] in _SENTENCE_ENDS and gap[-1] >= POST_MIN_WORDS)
        if len(gap) > ITEM_GAP or not line:
            if heads >= LISTING_ITEMS and 2 * (blurbs + blurb) > heads:
                best = max(best, run_words + sum(gap[:ITEM_GAP]))
            heads = blurbs = run_words = 0
            gap, blurb = [], False
    return best


def text_page_type(lines: Sequence[str], alive: Sequence[bool]) -> str:
    """The page's type from its live lines (before main-content selection cuts them)."""
    block = main_block(lines, alive)
    live = [i for i, line in enumerate(lines) if alive[i] and line.strip()]
    stripped = {i: lines[i].strip() for i in live}
    if block is None:  # no run of prose: a short article's sentences (selection leaves the page alone)
        article = sum(words(line) for line in stripped.values() if line[-1] in _SENTENCE_ENDS)
    else:
        article = sum(words(stripped[i]) for i in range(*block) if i in stripped)
    if listing_words(stripped, live) > article:
        return "listing"
    if article < OTHER_BELOW:
        return "other"
    posts = later_posts(lines, alive, block[1]) if block else []
    if len(posts) >= 2 and 2 * sum(words(stripped[i]) for post in posts for i in post) >= article:
        own = _date_shape(lines, alive, block[0])  # type: ignore[index]
        if own and 2 * sum(_date_shape(lines, alive, post[0]) == own for post in posts) > len(posts):
            return "forum"
    return "article"


def _date_shape(lines: Sequence[str], alive: Sequence[bool], start: int) -> str | None:
    """How the dated header above line `start` writes its date, numbers as 0 ("0-0-0 0:0"); None without one."""
    seen = 0
    for i in range(start - 1, -1, -1):
        line = lines[i].strip() if alive[i] else ""
        if not line:
            continue
        match = _POST_HEADER.search(line)
        if match:
            return re.sub(r"\d+", "0", match.group().lower())
        seen += 1
        if seen == HEADER_LINES:
            break
    return None
