"""html/main-content: the text blocks main-content selection left out, each credited as a removal.

Selection (fast.py, a rule's `body`, trafilatura, a thread cut to its first post) decides which
paragraphs make the article. Whatever it decides, the page's blocks whose text is not among them
are recorded here, so every piece of a page's text is either in the output or in a removal that
names its rule and its element. The chosen blocks are found again from the chosen paragraphs
(in page order), not from how they were chosen.

An element left out whole is one removal: its selector and its text, as `drop-element` records
one. Elements that hold furniture are not taken whole (the furniture has its own removal,
html/boilerplate), nor are elements that keep some of their blocks: their blocks left out are
one removal per run of them, joined while the text fits in a removal's.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from selectolax.lexbor import LexborNode

from cleaner.html.blocks import SKIP_TAGS, Block, PageBlocks, normalize_space
from cleaner.html.selectors import css_path
from cleaner.html.steps import REMOVAL_TEXT_LIMIT, element_removal, shorten
from cleaner.result import Removal

MAIN_CONTENT_RULE = "html/main-content"
_CELLS = ("td", "th")  # cells of one table row are one paragraph of the output


def chosen_blocks(blocks: Sequence[Block], texts: Sequence[str]) -> list[bool]:
    """Which blocks the paragraphs `texts` (a subsequence of the blocks' texts, in page order) come from.

    A paragraph whose text several blocks share (a heading repeated in the menu) is the one
    after the paragraph before it and before the next paragraph only one block holds.
    """
    chosen = [False] * len(blocks)
    where: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.text:
            where.setdefault(block.text, []).append(i)
    anchors = [len(blocks)] * (len(texts) + 1)  # the block of the next paragraph only one block holds
    for j in range(len(texts) - 1, -1, -1):
        found = where.get(texts[j])
        anchors[j] = found[0] if found is not None and len(found) == 1 else anchors[j + 1]
    last = -1
    for j, text in enumerate(texts):
        found = where.get(text)
        if found is None:
            row = _row(blocks, where, text, last)
            for i in row:
                chosen[i] = True
            last = row[-1] if row else last
            continue
        after = found[bisect_right(found, last):]
        if not after:
            continue  # a paragraph repeated: its block is chosen already
        before_anchor = [i for i in after if i < anchors[j + 1]]
        last = before_anchor[-1] if len(before_anchor) > 1 and j == 0 else after[0]
        chosen[last] = True
    return chosen


def _row(blocks: Sequence[Block], where: dict[str, list[int]], text: str, last: int) -> list[int]:
    """The cells after block `last` that make the paragraph `text` (a table row joined by spaces)."""
    space = text.find(" ")
    while space > 0:
        for first in where.get(text[:space], ()):
            if first <= last or blocks[first].tag not in _CELLS:
                continue
            cells, rest, i = [first], text[space + 1:], first + 1
            while rest and i < len(blocks):
                cell = blocks[i].text
                if cell and rest == cell or rest.startswith(cell + " "):
                    cells.append(i)
                    rest = rest[len(cell) + 1:]
                elif cell:
                    break
                i += 1
            if not rest:
                return cells
        space = text.find(" ", space + 1)
    return []


def in_text(blocks: Sequence[Block], text: str) -> list[bool]:
    """Blocks whose text is in `text` (paragraphs another extractor wrote, which need not be ours)."""
    return [bool(b.text) and normalize_space(b.text) in text for b in blocks]


def unchosen_removals(page: PageBlocks, chosen: Sequence[bool]) -> list[Removal]:
    """One html/main-content removal per element or run of blocks left out, in page order."""
    blocks, elements = page.blocks, page.elements
    left = [bool(b.text) and not c for b, c in zip(blocks, chosen)]
    if not any(left):
        return []
    whole = _left_whole(page, left)
    removed: list[Removal] = []
    i = 0
    while i < len(blocks):
        if not left[i]:
            i += 1
            continue
        owner = blocks[i].owner
        top = -1
        while owner >= 0 and whole[owner]:
            top, owner = owner, elements[owner].parent
        if top >= 0:
            node = elements[top].node
            removed.append(_removal(node.text(deep=True, separator=" "), node))
            i = max(elements[top].end_block, i + 1)
            continue
        run = [blocks[i].text]
        owner, i = blocks[i].owner, i + 1
        while i < len(blocks) and left[i] and blocks[i].owner == owner \
                and sum(map(len, run)) + len(run) + len(blocks[i].text) <= REMOVAL_TEXT_LIMIT:
            run.append(blocks[i].text)
            i += 1
        node = elements[owner].node if owner >= 0 else None
        removed.append(_removal(" ".join(run), node))
    return removed


def _removal(text: str, node: LexborNode | None) -> Removal:
    return element_removal(MAIN_CONTENT_RULE, shorten(text), css_path(node) if node is not None else None)


def _left_whole(page: PageBlocks, left: list[bool]) -> list[bool]:
    """Elements whose text blocks are all left out and that hold no furniture (taken whole)."""
    blocks, elements = page.blocks, page.elements
    texts = [0]
    lefts = [0]
    for block, out in zip(blocks, left):
        texts.append(texts[-1] + bool(block.text))
        lefts.append(lefts[-1] + out)
    furnished = set(page.skipped_in)  # block-level and inline furniture alike
    marked: set[int] = set()
    for k in furnished:
        while k >= 0 and k not in marked:
            marked.add(k)
            k = elements[k].parent
    whole = []
    for k, element in enumerate(elements):
        held = texts[element.end_block] - texts[element.first_block]
        out = lefts[element.end_block] - lefts[element.first_block]
        whole.append(held > 0 and out == held and k not in marked)
    return whole


def selection_removals(page: PageBlocks, texts: list[str], title: str | None, method: str,
                       credited: Sequence[tuple[int, int]] = ()) -> list[Removal]:
    """The removals for what selection left out of `page`, whichever way it chose `texts`.

    The headline is in the output (as its first line) when the article is; trafilatura writes
    paragraphs of its own, so a block is chosen when its text is in them. `credited`: ranges of
    blocks another rule's removals took already (a thread's later posts).
    """
    if method == "trafilatura":
        chosen = in_text(page.blocks, "\n".join(texts + [title or ""]))
    else:
        chosen = chosen_blocks(page.blocks, texts)
    for first, end in credited:
        chosen[first:end] = [True] * (end - first)
    if method == "trafilatura":
        return unchosen_removals(page, chosen)
    if title and texts:
        headline = _folded(title)
        size = len(headline)
        chosen = [c or (len(b.text) == size and b.text.casefold() == headline) for c, b in zip(chosen, page.blocks)]
    return unchosen_removals(page, chosen)


def _folded(text: str) -> str:
    return normalize_space(text).casefold()


def outside_removals(body: LexborNode) -> list[Removal]:
    """What lies outside a rule's `body` container: each element around it, in page order."""
    removed: list[Removal] = []
    node = body
    while node.parent is not None and node.tag not in ("body", "html"):
        parent = node.parent
        before: list[Removal] = []
        after: list[Removal] = []
        side = before
        for sibling in parent.iter(include_text=True):
            if sibling.mem_id == node.mem_id:
                side = after
                continue
            tag = sibling.tag or ""
            if tag in SKIP_TAGS or (tag.startswith("-") and tag != "-text"):
                continue
            text = sibling.text(deep=True, separator=" ")
            if text.strip():
                side.append(_removal(text, parent if tag == "-text" else sibling))
        removed = before + removed + after
        node = parent
    return removed
