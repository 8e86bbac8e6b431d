"""What kind of page this is: article | listing | forum | other (metadata["page_type"]).

An honest flag for pages that are not one article, so that a listing is not silently taken for an
article cut down to a blurb: the report and `--stats` can count them. Decided from what the
extractor saw: a thread of posts alike (forum, or listing when its items are linked headlines);
items alike, mostly linked headlines, outweighing the chosen text (listing); next to no text (other).
"""
from __future__ import annotations

from cleaner.html.blocks import Block, PageBlocks
from cleaner.html.scoring import effective_length
from cleaner.html.thread import is_card, signature

PAGE_TYPES = ("article", "listing", "forum", "other")
# A listing: this many items alike (siblings with one class signature), most a linked headline,
# holding more text than the text kept.
LISTING_ITEMS = 5
_ITEM_LEVELS = 3  # an item is at most this many levels above its headline's block
OTHER_BELOW = 40  # less text than this (Latin-letter equivalents, a CJK character three) is no article


def _is_headline_link(block: Block) -> bool:
    return block.link_count == 1 and len(block.text) >= 8 and block.link_chars >= 0.8 * len(block.text)


def listing_text(page: PageBlocks) -> int:
    """The length of the largest group of sibling items alike whose most members are linked headlines."""
    groups: dict[tuple[int, str], set[int]] = {}
    for block in page.blocks:
        if not _is_headline_link(block):
            continue
        e = block.owner
        for _ in range(_ITEM_LEVELS):
            if e <= 0:
                break
            sig = signature(page, e)
            if not sig.endswith(".#"):
                groups.setdefault((page.elements[e].parent, sig), set()).add(e)
            e = page.elements[e].parent
    best = 0
    for (parent, sig), cards in groups.items():
        if len(cards) < LISTING_ITEMS:
            continue
        items = [i for i in range(parent + 1, len(page.elements))
                 if page.elements[i].parent == parent and signature(page, i) == sig]
        if 2 * len(cards) > len(items):
            length = sum(effective_length(b.text) for i in items
                         for b in page.blocks[page.elements[i].first_block:page.elements[i].end_block])
            best = max(best, length)
    return best


def page_type(page: PageBlocks | None, text: str, thread: list[int]) -> str:
    """The page's type from its flattened blocks, the kept text and the thread's posts (if any)."""
    # A text's effective length lies between its length and three times it: the CJK characters
    # of a long text (found one by one) are counted only when the bounds do not settle it.
    stripped = text.strip()
    if page is None or (len(stripped) < OTHER_BELOW and effective_length(stripped) < OTHER_BELOW):
        return "other"
    if len(thread) >= 2:
        cards = sum(1 for index in thread if is_card(page, index))
        return "listing" if 2 * cards > len(thread) else "forum"
    listing = listing_text(page)
    if listing > len(text) and (listing > 3 * len(text) or listing > effective_length(text)):
        return "listing"
    return "article"
