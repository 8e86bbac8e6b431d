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
from typing import Iterator, Sequence

from cleaner.core.main_content import _POST_HEADER, _SENTENCE_ENDS, POST_MIN_WORDS, later_posts
from cleaner.core.main_content import _words as words

LISTING_ITEMS = 5  # a listing has at least this many headlines alike (as html/page_type.py)
HEADLINE_WORDS = 5  # a headline has at least this many words (a CJK character one): menus have fewer
HEADLINE_MAX_CHARS = 120  # ... and at most this many characters
ITEM_GAP = 2  # lines between two headlines of one run: a blurb and a date, or a date and "more"
HEADER_LINES = 3  # a post's dated header is among the few lines above it
OTHER_BELOW = 8  # an article's run of fewer words than this is no article


_DIGITS = re.compile(r"\d+")


def listing_words(lines: Sequence[str], live: Sequence[int], above: int = 0) -> int:
    """The words of the longest run of headline items: LISTING_ITEMS headlines or more, each at most
    ITEM_GAP live lines from the next, most with a blurb (a sentence) after them.

    lines are stripped; live lists the non-blank live ones. Only the headlines are visited one by
    one, and the few lines between two of a run. A run that cannot hold more than `above` words
    is not counted (the result is then at most `above`).
    """
    texts = [lines[i] for i in live]
    # A headline's first sieve: 5 to 120 characters, no sentence end. (A regex fullmatch of
    # `.{5,120}` backtracked over every long line of prose: 6x the cost of this test.)
    ends = _SENTENCE_ENDS
    shaped = [k for k, text in enumerate(texts) if HEADLINE_WORDS <= len(text) <= HEADLINE_MAX_CHARS and text[-1] not in ends]
    # Words are counted (in Python) only inside runs the shape alone allows: dropping lines from
    # a run can split it, never join two, so no run of headlines is lost.
    best = 0
    for candidates in _runs(shaped):
        # A word takes a character at least: a run whose lines hold no more characters than
        # `above` cannot outweigh it, and its words are not counted.
        span = range(candidates[0], min(candidates[-1] + 1 + ITEM_GAP, len(texts)))
        if sum(len(texts[k]) for k in span) <= above:
            continue
        heads = [k for k in candidates if words(texts[k]) >= HEADLINE_WORDS]
        for run in _runs(heads):
            best = max(best, _run_words(lines, live, run))
    return best


def _runs(items: list[int]) -> Iterator[list[int]]:
    """The runs of LISTING_ITEMS items or more, each at most ITEM_GAP live lines from the next."""
    run = items[:1]
    for k in items[1:] + [-1]:  # -1 closes the last run
        if k >= 0 and k - run[-1] <= ITEM_GAP + 1:
            run.append(k)
            continue
        if len(run) >= LISTING_ITEMS:
            yield run
        run = [k]


def _run_words(lines: Sequence[str], live: Sequence[int], run: list[int]) -> int:
    """The words of a run of headlines and the lines between them, when most of them have a blurb; else 0."""
    texts = [lines[live[k]] for k in range(run[0], run[-1] + 1)]
    blurbs = sum(any(_is_sentence(lines[live[j]]) for j in range(a + 1, b)) for a, b in zip(run, run[1:]))
    after = range(run[-1] + 1, min(run[-1] + 1 + ITEM_GAP, len(live)))  # the last item's blurb and date
    blurbs += any(_is_sentence(lines[live[j]]) for j in after)
    if 2 * blurbs <= len(run):
        return 0
    return sum(map(words, texts)) + sum(words(lines[live[j]]) for j in after)


def _is_sentence(line: str) -> bool:
    return line[-1] in _SENTENCE_ENDS and words(line) >= POST_MIN_WORDS


def text_page_type(lines: Sequence[str], alive: Sequence[bool], block: tuple[int, int] | None) -> str:
    """The page's type from its live lines (before main-content selection cuts them) and the article's run."""
    stripped = list(map(str.strip, lines))
    live = [i for i, line in enumerate(stripped) if line and alive[i]]
    if block is None:  # no run of prose: a short article's sentences (selection leaves the page alone)
        article = sum(words(stripped[i]) for i in live if stripped[i][-1] in _SENTENCE_ENDS)
    else:
        article = sum(words(stripped[i]) for i in range(*block) if stripped[i] and alive[i])
    if listing_words(stripped, live, article) > article:
        return "listing"
    if article < OTHER_BELOW:
        return "other"
    return "forum" if block and _is_thread(lines, alive, block, article) else "article"


def _is_thread(lines: Sequence[str], alive: Sequence[bool], block: tuple[int, int], article: int) -> bool:
    """Two or more posts after the article, most dated as it is, holding half its words."""
    own = _date_shape(lines, alive, block[0])
    if own is None:
        return False
    # The posts are looked for only where two dates below the article are written alike: one
    # search by C for that shape ("0-0" -> \d+-\d+), before any line is looked at in Python.
    alike = re.compile(r"\d+".join(map(re.escape, own.split("0"))), re.I)
    found = alike.finditer("\n".join(lines[block[1]:]))
    if next(found, None) is None or next(found, None) is None:
        return False
    posts = later_posts(lines, alive, block[1])
    if len(posts) < 2 or 2 * sum(words(lines[i].strip()) for post in posts for i in post) < article:
        return False
    return 2 * sum(_date_shape(lines, alive, post[0]) == own for post in posts) > len(posts)


def _date_shape(lines: Sequence[str], alive: Sequence[bool], start: int) -> str | None:
    """How the dated header above line `start` writes its date, numbers as 0 ("0-0-0 0:0"); None without one."""
    seen = 0
    for i in range(start - 1, -1, -1):
        line = lines[i].strip() if alive[i] else ""
        if not line:
            continue
        match = _POST_HEADER.search(line)
        if match:
            return _DIGITS.sub("0", match.group().lower())
        seen += 1
        if seen == HEADER_LINES:
            break
    return None
