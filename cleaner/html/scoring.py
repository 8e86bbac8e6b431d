"""Block weights for the fast extractor: how much each paragraph looks like article prose.

Prose scores its length (long, punctuated, little link text); link lists, labels ("Share",
"By X", dates), teasers ("…") and the empty markers removed furniture leaves behind score
negative. Page-level corrections follow: prose that stands alone in its container (a blurb in a
feed) is scaled down; a small element holding one linked headline is a card pointing to another
page; cells of a data table (rows of short unlinked cells) count as content; everything up to
the page's headline is furniture. Lengths are CJK-aware: a Chinese character carries about as
much as three Latin letters (the scorer counts one token per CJK character), so it counts three.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.html.blocks import SKIPPED, Block, Element, PageBlocks

_CJK_RUNS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
_PUNCT = re.compile(r"[.,;:!?\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u201d\u300d]")
_TEASER_ENDS = ("...", "\u2026", "...]", "\u2026]", "\u2026)")
_DATE_LABEL = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
    r"|\d{1,4}[-/.年月]\d{1,2}|\d{1,2}:\d\d",
    re.I,
)
# Elements that hold one paragraph: their parent is the container a run of paragraphs shares.
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_CELL_TAGS = frozenset({"td", "th"})

LINK_LIST_RATIO = 0.5  # more link text than this: a link list
SHORT_LABEL = 60  # shorter unpunctuated text (or a date) is a label
LABEL_PENALTY = 4.0
# Removed furniture between two texts separates them, a little.
SKIPPED_PENALTY_RATE = 0.2
SKIPPED_PENALTY_CAP = 30.0
# Prose that stands alone in its container counts less than a run of it.
CONCENTRATED_PROSE = 500.0
# A card: at most this many blocks and this much prose around one linked headline.
CARD_MAX_BLOCKS = 5
CARD_MAX_PROSE = 600.0
# A data table: at least this many rows of two or more cells, short cells (average characters).
DATA_TABLE_ROWS = 3
DATA_CELL_CHARS = 40
# A plain list: at least this many items, short on average, hardly any link text; its items
# weigh a little, so that they join the article around them without making one of their own.
LIST_MIN_ITEMS = 3
LIST_ITEM_CHARS = 80
LIST_MAX_LINKS = 0.1
LIST_ITEM_WEIGHT = 1.0
_LIST_TAGS = frozenset({"ul", "ol"})


@dataclass(frozen=True)
class Tuning:
    """The knob `favor` turns: every paragraph pays `prose_offset`, so one-liners count little."""

    prose_offset: float = 20.0


def effective_length(text: str) -> int:
    """Length in Latin-letter equivalents: CJK characters count three."""
    if text.isascii():  # O(1): the str knows
        return len(text)
    return len(text) + 2 * sum(map(len, _CJK_RUNS.findall(text)))  # runs: far fewer matches than characters


def block_weight(block: Block, tuning: Tuning = Tuning()) -> float:
    """Prose scores its length; link lists, labels and teasers score negative."""
    if block.tag == SKIPPED:
        return -min(SKIPPED_PENALTY_CAP, SKIPPED_PENALTY_RATE * block.link_chars)
    chars = len(block.text)
    length = effective_length(block.text)
    link_ratio = block.link_chars / chars if chars else 0.0
    if link_ratio > LINK_LIST_RATIO:
        return -length * link_ratio
    if block.text.endswith(_TEASER_ENDS):
        return -0.5 * length  # the summary of another article
    punct = _PUNCT.search(block.text) is not None
    if length < SHORT_LABEL and (not punct or _DATE_LABEL.search(block.text)):
        return -LABEL_PENALTY
    return length * (1.0 - link_ratio) * (1.0 if punct else 0.5) - tuning.prose_offset


def _fold(text: str) -> str:
    """Text reduced for comparing headlines: no spaces, case-folded."""
    return "".join(text.split()).casefold()


def find_headline(blocks: list[Block], title: str | None) -> int:
    """Index of the block that shows the page's headline (a heading first), or -1."""
    if not title:
        return -1
    folded = _fold(title)
    if len(folded) < 4:
        return -1
    matches = [i for i, b in enumerate(blocks) if len(b.text) < 3 * len(title) and _fold(b.text) == folded]
    headings = [i for i in matches if blocks[i].tag in _HEADINGS]
    return (headings or matches or [-1])[0]


def _anchor_at_headline(blocks: list[Block], weights: list[float], title: str | None) -> None:
    """Count everything up to the headline as furniture, when most prose follows the headline."""
    anchor = find_headline(blocks, title)
    if anchor < 0:
        return
    prose = sum(w for w in weights if w > 0)
    after = sum(w for w in weights[anchor + 1:] if w > 0)
    # A headline near the page's end (a "you are reading" footer) would discard the article.
    if prose and after < 0.5 * prose:
        return
    for i in range(anchor + 1):
        weights[i] = -abs(weights[i]) - 5.0


def _scale_by_concentration(blocks: list[Block], elements: list[Element], weights: list[float]) -> None:
    """Scale each prose block by how much prose its container holds (feeds hold a little each)."""
    containers = []
    for block in blocks:
        owner = block.owner
        if owner >= 0 and elements[owner].tag in _PARAGRAPH_TAGS and elements[owner].parent >= 0:
            owner = elements[owner].parent
        containers.append(owner)
    prose: dict[int, float] = {}
    for container, weight in zip(containers, weights):
        if weight > 0:
            prose[container] = prose.get(container, 0.0) + weight
    for i, (container, weight) in enumerate(zip(containers, weights)):
        if weight > 0:
            weights[i] = weight * min(1.0, prose[container] / CONCENTRATED_PROSE)


def _discount_teaser_cards(blocks: list[Block], elements: list[Element], weights: list[float]) -> None:
    """A linked headline with a blurb in a small element is a card pointing to another page."""
    prefix = [0.0]
    for weight in weights:
        prefix.append(prefix[-1] + max(weight, 0.0))
    for block in blocks:
        chars = len(block.text)
        # One link that is nearly all the block: a headline pointing elsewhere (not a share bar).
        if block.owner < 0 or chars < 15 or block.link_count != 1 or block.link_chars < 0.8 * chars:
            continue
        card, index = -1, block.owner
        while index >= 0:
            element = elements[index]
            if (element.end_block - element.first_block > CARD_MAX_BLOCKS
                    or prefix[element.end_block] - prefix[element.first_block] > CARD_MAX_PROSE):
                break
            card, index = index, element.parent
        if card >= 0 and elements[card].end_block - elements[card].first_block > 1:
            for i in range(elements[card].first_block, elements[card].end_block):
                if weights[i] > 0:
                    weights[i] = -0.5 * weights[i]


def _credit_data_tables(blocks: list[Block], elements: list[Element], weights: list[float]) -> None:
    """Cells of a data table (rows of short, unlinked cells) are content, not labels."""
    rows: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.tag in _CELL_TAGS:
            row = elements[block.owner].parent
            if row >= 0 and elements[row].tag == "tr":
                rows.setdefault(row, []).append(i)
    tables: dict[int, list[list[int]]] = {}
    for row, cells in rows.items():
        if len(cells) >= 2:
            table = elements[row].parent
            while table >= 0 and elements[table].tag != "table":
                table = elements[table].parent
            tables.setdefault(table, []).append(cells)
    for table_rows in tables.values():
        cells = [i for row in table_rows for i in row]
        chars = sum(len(blocks[i].text) for i in cells)
        links = sum(blocks[i].link_chars for i in cells)
        if len(table_rows) < DATA_TABLE_ROWS or links > 0.2 * chars or chars > DATA_CELL_CHARS * len(cells):
            continue
        for i in cells:
            if weights[i] < 0:
                weights[i] = 0.5 * effective_length(blocks[i].text)


def _credit_plain_lists(blocks: list[Block], elements: list[Element], weights: list[float]) -> None:
    """Items of an unlinked list of short lines (ingredients, steps, facts) are content, not labels.

    Ten ingredients, one per line, read as ten labels: a run of them would cut the article's
    intro off from its method. Menus and link lists are links, so they keep their weight.
    """
    items: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.tag == "li" and block.owner >= 0:
            parent = elements[block.owner].parent
            if parent >= 0 and elements[parent].tag in _LIST_TAGS:
                items.setdefault(parent, []).append(i)
    for members in items.values():
        chars = sum(len(blocks[i].text) for i in members)
        links = sum(blocks[i].link_chars for i in members)
        if len(members) < LIST_MIN_ITEMS or links > LIST_MAX_LINKS * chars or chars > LIST_ITEM_CHARS * len(members):
            continue
        for i in members:
            if weights[i] < 0:
                weights[i] = LIST_ITEM_WEIGHT


def score_blocks(page: PageBlocks, title: str | None = None, tuning: Tuning = Tuning()) -> list[float]:
    """Final block weights: prose, scaled by concentration, cards discounted, headline-anchored."""
    weights = [block_weight(b, tuning) for b in page.blocks]
    _scale_by_concentration(page.blocks, page.elements, weights)
    _discount_teaser_cards(page.blocks, page.elements, weights)
    _credit_data_tables(page.blocks, page.elements, weights)
    _credit_plain_lists(page.blocks, page.elements, weights)
    _anchor_at_headline(page.blocks, weights, title)
    return weights
