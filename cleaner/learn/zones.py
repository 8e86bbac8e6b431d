"""Where the article sits on each page of a site: its title, its body, and where it ends.

The body is the heaviest run of lines that occur on this page only and read as prose; the title
is the topmost headline-like line above the body that other pages do not carry before their own
titles (a title may repeat on other pages, but only in their lists of related links).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from cleaner.learn.furniture import generic_kind, is_generic_furniture, is_metadata_line
from cleaner.learn.lines import SitePage, page_support

SENTENCE_END = tuple("。！？!?…;；.")
CLAUSE_MARKS = (",", "。", "、", ";", "!", "?", "…", ". ")  # on the folded view: full-width ， reads as ,
PROSE_MIN = 25  # a line this long (in content characters) reads as prose on its own
PROSE_MIN_ENDED = 10  # a shorter line does when it ends a sentence
REPEATED_PENALTY = 15
BOUNDARY_PENALTY = 60
BOUNDARY_KINDS = ("related", "comments", "share", "copyright", "more", "prev-next")
SHORT_PENALTY = 6
HEAD_REACH = 20  # how far above the body the title may sit (lines)
TITLE_MAX = 80
HEADER_RUN = 6  # this many header lines in a row end the walk up from the body (first guess)


@dataclass(frozen=True)
class Zone:
    """Line indexes of one page: title (or body start), body start and body end (inclusive)."""

    title: int
    core_start: int
    core_end: int


def content_length(text: str) -> float:
    """Letters and digits, a CJK character counting as a word (ASCII characters as a third)."""
    return sum(1.0 if not ch.isascii() else 0.34 for ch in text if ch.isalnum())


def is_prose(folded: str) -> bool:
    """Whether a line reads as article text rather than a link, a label or a headline.

    Sentences have clause punctuation; headlines, even long ones, separate their parts by spaces.
    """
    n = content_length(folded)
    ended = folded.rstrip().endswith(SENTENCE_END)
    if n >= PROSE_MIN:
        marks = sum(folded.count(mark) for mark in CLAUSE_MARKS)
        return marks >= 2 or (marks == 1 and (ended or n >= 2 * PROSE_MIN))
    return n >= PROSE_MIN_ENDED and ended


def find_core(page: SitePage, repeated: Sequence[bool]) -> tuple[int, int] | None:
    """The heaviest run of prose lines unique to this page (maximum-sum segment), or None."""
    best, best_span, run, run_start = 0.0, None, 0.0, 0
    for i, folded in enumerate(page.folded):
        if repeated[i]:
            weight = -REPEATED_PENALTY
        elif generic_kind(folded) in BOUNDARY_KINDS:
            weight = -BOUNDARY_PENALTY  # "related news", share bars, comments: the article is over
        elif is_prose(folded):
            weight = content_length(folded)
        else:
            weight = -SHORT_PENALTY
        if run <= 0:
            run, run_start = 0.0, i
        run += weight
        if run > best:
            best, best_span = run, (run_start, i)
    return best_span


def is_headline(folded: str) -> bool:
    """Short enough for a title, long enough to say something, and no byline or furniture."""
    n = content_length(folded)
    return 2 <= n <= TITLE_MAX and not is_metadata_line(folded) and not is_generic_furniture(folded)


def is_byline_or_tool(folded: str) -> bool:
    """Lines that typically sit between a title and its body."""
    return is_metadata_line(folded) or generic_kind(folded) in ("share", "tools")


def find_title(page: SitePage, core_start: int, is_header: Sequence[bool], seen_elsewhere: Sequence[bool],
               run_limit: int) -> int:
    """The topmost headline above the body, walking up until run_limit header lines in a row."""
    title, run = core_start, 0
    for i in range(core_start - 1, max(-1, core_start - 1 - HEAD_REACH), -1):
        if generic_kind(page.folded[i]) == "breadcrumb":
            break  # the trail to the page sits above its title
        if is_byline_or_tool(page.folded[i]):
            continue  # bylines and tool bars sit between title and body: they neither stop nor count
        run = run + 1 if is_header[i] else 0
        if run >= run_limit:
            break
        if not seen_elsewhere[i] and is_headline(page.folded[i]):
            title = i
    return title


def find_zones(pages: Sequence[SitePage], support: Counter[str] | None = None) -> list[Zone | None]:
    """Zones of every page; None for a page without a body (an index page, an empty page)."""
    support = support if support is not None else page_support(pages)
    cores = [find_core(p, [support[k] >= 2 for k in p.keys]) for p in pages]
    heads = _count_above(pages, [c[0] if c else None for c in cores])
    # First guess: stop at a run of lines other pages carry above their body. Then walk again,
    # stopping at the first line that most pages carrying it have above their (guessed) title.
    titles: list[int | None] = []
    for page, core in zip(pages, cores):
        if core is None:
            titles.append(None)
            continue
        elsewhere = _elsewhere(page, core[0], heads)
        titles.append(find_title(page, core[0], elsewhere, elsewhere, run_limit=HEADER_RUN))
    above = _count_above(pages, titles)
    between = _count_between(pages, titles, [c[0] if c else None for c in cores])
    zones: list[Zone | None] = []
    for page, core, title in zip(pages, cores, titles):
        if core is None or title is None:
            zones.append(None)
            continue
        own_above, own_between = set(page.keys[:title]), set(page.keys[title + 1 : core[0]])
        stops = [above[k] - (k in own_above) > between[k] - (k in own_between) for k in page.keys]
        zones.append(Zone(find_title(page, core[0], stops, _elsewhere(page, core[0], heads), run_limit=1), *core))
    return zones


def _count_between(pages: Sequence[SitePage], titles: Sequence[int | None], starts: Sequence[int | None]) -> Counter[str]:
    """Pages that carry each key between their title and their body (bylines, tool bars)."""
    counts: Counter[str] = Counter()
    for page, title, start in zip(pages, titles, starts):
        if title is not None and start is not None:
            counts.update(set(page.keys[title + 1 : start]))
    return counts


def _count_above(pages: Sequence[SitePage], limits: Sequence[int | None]) -> Counter[str]:
    """Pages that carry each key above their line `limit`."""
    counts: Counter[str] = Counter()
    for page, limit in zip(pages, limits):
        if limit is not None:
            counts.update(set(page.keys[:limit]))
    return counts


def _elsewhere(page: SitePage, core_start: int, heads: Counter[str]) -> list[bool]:
    """For each line: do other pages carry it above their body?"""
    own = set(page.keys[:core_start])
    return [heads[k] - (k in own) >= 1 for k in page.keys]
