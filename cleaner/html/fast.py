"""Fast main-content extraction on the Lexbor tree: keep the best-scoring run of blocks.

An element's score is the sum of its blocks' weights (see scoring.py), so the best element is
the one that gains the most prose for the least furniture; its leading and trailing furniture
is trimmed (the best contiguous run inside it). Table layouts can nest the article in a cell
together with the link lists after it; when no element's run comes close to the best run
anywhere on the page, that run is taken instead.
"""
from __future__ import annotations

from dataclasses import dataclass

from cleaner.html.blocks import PageBlocks
from cleaner.html.scoring import Tuning, score_blocks

# The best element's run must reach this share of the best run anywhere to be preferred.
ELEMENT_MIN_SHARE = 0.5
# Inside the kept run, a block whose weight is below this and that is mostly links is dropped.
INNER_LINK_LIST = -30.0


@dataclass(frozen=True)
class FastResult:
    """The kept paragraphs, the range of blocks they come from, and the blocks' weights."""

    texts: list[str]
    start: int = 0
    end: int = 0
    weights: tuple[float, ...] = ()


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
    return FastResult(texts, start, end, tuple(weights))
