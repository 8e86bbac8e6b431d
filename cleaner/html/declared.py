"""The article body a page declares: preferred when the chosen run lies wholly outside it.

A short article (a video's two sentences, a breaking-news item) weighs less than a long box of
furniture elsewhere on the page: an "about us" or disclaimer box, a contact text in the footer,
a teaser in the side list. Pages say where their article is, in schema.org microdata
(`itemprop="articleBody"`) or with the one `<main>` element (or `role="main"`). When the run the
scores chose shares no block with that element, and the element's own best run weighs at least
ELEMENT_MIN_SHARE of the chosen one (as much prose, within a factor of two), the element's run is
the article; so it is, whatever it weighs, when the page's headline stands right above the
element (HEADLINE_REACH blocks: a byline, a date, a share bar between), since a teaser for
another story that outweighs a short article does not sit under this page's headline. A run inside or around the declared element is left alone: the declaration only
settles a choice between two places, never widens or narrows one.

A short run inside the declared body is the article too: trafilatura's second opinion, asked
when the fast path keeps little text, is not taken over it (a tiny article is not grown into
the furniture around it; see extract.py).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from cleaner.html.blocks import Element, PageBlocks

ELEMENT_MIN_SHARE = 0.5  # as fast.py: a run this close to the best counts as a rival
HEADLINE_REACH = 4  # blocks from the headline to the declared body: byline, date, share bar (a round figure)


_SELECTOR = 'main, [role="main"], [itemprop="articleBody"]'


def _declares(element: Element) -> bool:
    attributes = element.node.attributes
    return (attributes.get("itemprop") == "articleBody" or element.tag == "main"
            or attributes.get("role") == "main")


def declared_elements(page: PageBlocks) -> list[Element]:
    """The page's elements that declare the article body and hold text (most pages have none)."""
    # One C query on the tree first: the attributes of every element are read only where one is.
    if not page.elements or page.elements[0].node.css_first(_SELECTOR) is None:
        return []
    return [e for e in page.elements if e.end_block > e.first_block and _declares(e)]


Ranger = Callable[[Sequence[float], int, int], "tuple[int, int]"]


def _under_headline(page: PageBlocks, element: Element, title: str | None) -> bool:
    """Whether the page's headline is one of the few blocks right above the element."""
    if not title:
        return False
    title = title.casefold()
    first = element.first_block
    return any(page.blocks[i].text.casefold() == title for i in range(max(0, first - HEADLINE_REACH), first))


def inside_declared(declared: list[Element], start: int, end: int) -> bool:
    """Whether the run [start, end) lies inside one of the declared elements."""
    return start < end and any(e.first_block <= start and end <= e.end_block for e in declared)


def declared_run(page: PageBlocks, declared: list[Element], weights: Sequence[float], start: int, end: int,
                 best_range: Ranger, title: str | None = None) -> tuple[int, int, int] | None:
    """(start, end, the element's end) of the best run inside the declared article body, when it should replace [start, end).

    best_range is fast.py's Kadane; the element's end bounds the closing sentences kept after the run.
    """
    if not declared or any(e.first_block < end and start < e.end_block for e in declared):
        return None
    chosen = sum(weights[start:end])
    runs = [(best_range(weights, e.first_block, e.end_block), e) for e in declared]
    run, element = max(runs, key=lambda r: sum(weights[r[0][0]:r[0][1]]))
    weight = sum(weights[run[0]:run[1]])
    if weight > 0 and (weight >= ELEMENT_MIN_SHARE * chosen or _under_headline(page, element, title)):
        return run[0], run[1], element.end_block
    return None
