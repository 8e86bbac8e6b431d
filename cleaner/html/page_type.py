"""What kind of page this is: article | listing | forum | other (metadata["page_type"]).

An honest flag for pages that are not one article, so that a listing is not silently taken for an
article cut down to a blurb: the report and `--stats` can count them. Decided from what the
extractor saw: a thread of posts alike (forum, or listing when its items are linked headlines);
linked headlines outweighing the chosen text (listing); no text (other).
"""
from __future__ import annotations

from cleaner.html.blocks import PageBlocks
from cleaner.html.comments import is_card
from cleaner.html.scoring import effective_length

PAGE_TYPES = ("article", "listing", "forum", "other")
# A listing: at least this many linked headlines, together this many times the kept text.
LISTING_HEADLINES = 8
LISTING_SHARE = 2.0


def _headline_length(page: PageBlocks) -> tuple[int, int]:
    """How many blocks are one linked headline each, and their length."""
    count = length = 0
    for b in page.blocks:
        if b.link_count == 1 and len(b.text) >= 15 and b.link_chars >= 0.8 * len(b.text):
            count += 1
            length += effective_length(b.text)
    return count, length


def page_type(page: PageBlocks | None, text: str, thread: list[int]) -> str:
    """The page's type from its flattened blocks, the kept text and the thread's posts (if any)."""
    if page is None or not text.strip():
        return "other"
    if len(thread) >= 2:
        cards = sum(1 for index in thread if is_card(page, index))
        return "listing" if 2 * cards > len(thread) else "forum"
    count, length = _headline_length(page)
    if count >= LISTING_HEADLINES and length > LISTING_SHARE * effective_length(text):
        return "listing"
    return "article"
