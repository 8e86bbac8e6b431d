"""Fast main-content extraction on the Lexbor tree: keep the best-scoring run of blocks.

An element's score is the sum of its blocks' weights (see scoring.py), so the best element is
the one that gains the most prose for the least furniture; its leading and trailing furniture
is trimmed (the best contiguous run inside it). Table layouts can nest the article in a cell
together with the link lists after it; when no element's run comes close to the best run
anywhere on the page, that run is taken instead.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.html.blocks import Block, PageBlocks
from cleaner.html.declared import declared_elements, declared_run, inside_declared
from cleaner.html.scoring import SHORT_LABEL, Tuning, score_blocks

# The best element's run must reach this share of the best run anywhere to be preferred.
ELEMENT_MIN_SHARE = 0.5
# Inside the kept run, a block whose weight is below this and that is mostly links is dropped.
INNER_LINK_LIST = -30.0
# Closing sentences after the run kept with it; what a page's furniture says instead.
SIGN_OFF_BLOCKS = 2
_SENTENCE_ENDS = tuple(".!?…。！？")
_NOT_SIGN_OFF = re.compile(r"©|\(c\)|copyright|rights reserved|版权|\d{1,4}[-/.年月]\d{1,2}", re.IGNORECASE)


@dataclass(frozen=True)
class FastResult:
    """The kept paragraphs, the range of blocks they come from, and the blocks' weights."""

    texts: list[str]
    start: int = 0
    end: int = 0
    weights: tuple[float, ...] = ()
    declared: bool = False  # the run lies inside the element the page declares its article body


def _max_range(weights: list[float], start: int, end: int) -> tuple[int, int]:
    """The contiguous range inside [start, end) with the largest weight sum (Kadane)."""
    best, best_range = float("-inf"), (start, start)
    run, run_start = 0.0, start
    for i in range(start, end):
        if run <= 0:
            run, run_start = 0.0, i
        run += weights[i]
        if run > best:
            best, best_range = run, (run_start, i + 1)
    return best_range


def _with_split_halves(page: PageBlocks, weights: list[float], best: int, run: tuple[int, int],
                       page_run: tuple[int, int]) -> tuple[int, int]:
    """The run widened over the best element's siblings alike (same tag and class) in the page's run.

    An article split around a video or a gallery is two sibling blocks alike; when one of them
    wins, the other is inside the best run of the page, and it is the same kind of element.
    """
    (start, end), (page_start, page_end) = run, page_run
    if not (page_start <= start and end <= page_end) or (start, end) == (page_start, page_end):
        return start, end
    elements = page.elements
    element = elements[best]
    kind = (element.tag, element.node.attributes.get("class"))
    if not kind[1]:
        return start, end  # plain elements alike are everywhere: only a named kind says "the same part"
    for other in elements:
        if (other is element or other.parent != element.parent or other.first_block < page_start
                or other.end_block > page_end or (other.tag, other.node.attributes.get("class")) != kind):
            continue
        prose = [i for i in range(other.first_block, other.end_block) if weights[i] > 0]
        if prose:
            start, end = min(start, prose[0]), max(end, prose[-1] + 1)
    return start, end


def _with_sign_off(blocks: list[Block], end: int, limit: int) -> int:
    """The run's end moved over a short closing sentence or two ("Enjoy!", "Thanks for reading.").

    Such a line weighs less than a paragraph costs, so the run stops before it; it is kept when it
    follows the run directly, inside the same element, unlinked, and ends as a sentence does.
    """
    for _ in range(SIGN_OFF_BLOCKS):
        if end >= limit:
            break
        text = blocks[end].text
        if not text or blocks[end].link_chars or len(text) > SHORT_LABEL or not text.endswith(_SENTENCE_ENDS) \
                or _NOT_SIGN_OFF.search(text):
            break
        end += 1
    return end


def _subtree_totals(page: PageBlocks, weights: list[float]) -> list[float]:
    """Each element's summed block weight (children follow parents, so one reverse pass)."""
    total = [0.0] * len(page.elements)
    for block, weight in zip(page.blocks, weights):
        if block.owner >= 0:
            total[block.owner] += weight
    for index in range(len(page.elements) - 1, 0, -1):
        parent = page.elements[index].parent
        if parent >= 0:
            total[parent] += total[index]
    return total


def extract_fast(page: PageBlocks, title: str | None = None, tuning: Tuning = Tuning()) -> FastResult:
    """Choose the element whose blocks weigh most; return its trimmed paragraphs."""
    blocks, elements = page.blocks, page.elements
    if not blocks or not elements:
        return FastResult([])
    weights = score_blocks(page, title, tuning)
    total = _subtree_totals(page, weights)
    best = max(range(len(elements)), key=total.__getitem__)
    start, end = _max_range(weights, elements[best].first_block, elements[best].end_block)
    page_start, page_end = _max_range(weights, 0, len(blocks))
    if sum(weights[start:end]) < ELEMENT_MIN_SHARE * sum(weights[page_start:page_end]):
        start, end = page_start, page_end
    else:
        start, end = _with_split_halves(page, weights, best, (start, end), (page_start, page_end))
        end = _with_sign_off(blocks, end, elements[best].end_block)
    # A short article loses to a long box of furniture: the page's declared body settles it.
    bodies = declared_elements(page)
    declared = declared_run(page, bodies, weights, start, end, _max_range, title)
    if declared:
        start, end = declared[0], _with_sign_off(blocks, declared[1], declared[2])
    return FastResult(run_texts(page, weights, start, end), start, end, tuple(weights),
                      inside_declared(bodies, start, end))


def run_texts(page: PageBlocks, weights: Sequence[float], start: int, end: int) -> list[str]:
    """The paragraphs of the blocks [start, end): link lists inside left out, a table row one line."""
    blocks, elements = page.blocks, page.elements
    texts: list[str] = []
    last_row = -1
    for i in range(start, end):
        block = blocks[i]
        if not block.text or (weights[i] <= INNER_LINK_LIST and block.link_chars * 2 >= len(block.text)):
            continue
        # Cells of one table row read as one line.
        row = elements[block.owner].parent if block.tag in ("td", "th") else -1
        if row >= 0 and row == last_row and texts:
            texts[-1] += " " + block.text
        else:
            texts.append(block.text)
        last_row = row
    return texts
