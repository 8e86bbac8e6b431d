"""`drop-element` selectors: classes and ids of elements next to the article that never hold any
of its body on any page (share bars, related links, comment boxes), removed before extraction."""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from cleaner.kinds.drop_element import validate_selector
from cleaner.learn.html_body import HtmlPage, selectors_of
from cleaner.learn.model import LearnOptions, Proposal
from cleaner.learn.naming import selector_name

NEIGHBOURHOOD = 3  # levels above the body's innermost container where its neighbours are looked for
MAX_DROPS = 8
CANDIDATES = 30
MIN_CHARS = 4  # an element must hold some text on the pages to be worth a rule


def learn_drops(pages: Sequence[HtmlPage], cores: Sequence[tuple[int, int] | None],
                options: LearnOptions) -> list[Proposal]:
    """Selectors of furniture elements near the article on enough pages, never touching its title or body.

    cores: per page, the (title, last body line) block range, or None.
    """
    counts: Counter[str] = Counter()
    for page, core in zip(pages, cores):
        if core is not None:
            counts.update(dict.fromkeys(_neighbour_selectors(page, core), 1))  # once a page, in page order
    needed = max(options.min_support, int(options.min_share * len(pages) + 0.999))
    proposals = []
    # Ties in the order of their names: the file must not depend on the order pages came in.
    for selector, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]:
        if n < needed or validate_selector(selector):
            continue
        found = [_furniture_text(p, c, selector) for p, c in zip(pages, cores) if c is not None]
        if any(text is None for text in found):
            continue  # it holds part of the title or body on some page
        texts = [t for t in found if t]
        if len(texts) < needed:
            continue
        proposals.append(Proposal(
            rule_id=selector_name(selector), kind="drop-element",
            summary=f"Elements {selector} next to the article: never any of its text.",
            params={"selector": selector}, support=len(texts), pages=len(pages),
            confidence=len(texts) / len(pages), remove=list(dict.fromkeys(t[:60] for t in texts))[: options.max_examples],
        ))
        if len(proposals) >= MAX_DROPS:
            break
    return proposals


def _neighbour_selectors(page: HtmlPage, core: tuple[int, int]) -> list[str]:
    """Selectors of elements inside the article's neighbourhood that lie wholly outside its body."""
    start, end = core
    elements = page.blocks.elements
    holders = sorted((e for e in elements if e.first_block <= start and e.end_block > end),
                     key=lambda e: e.end_block - e.first_block)
    if not holders:
        return []
    area = holders[min(NEIGHBOURHOOD, len(holders) - 1)]
    out = []
    for e in elements:
        inside = area.first_block <= e.first_block and e.end_block <= area.end_block and e.end_block > e.first_block
        if inside and (e.end_block <= start or e.first_block > end):
            out += selectors_of(e.node)
    return out


def _furniture_text(page: HtmlPage, core: tuple[int, int], selector: str) -> str | None:
    """Text of what the selector matches on a page; None if a match holds any body block."""
    by_id = {e.node.mem_id: e for e in page.blocks.elements}
    start, end = core
    texts = []
    for node in page.tree.css(selector):
        element = by_id.get(node.mem_id)
        if element is None:
            continue
        if element.first_block <= end and element.end_block > start:
            return None
        texts.append(" ".join(b.text for b in page.blocks.blocks[element.first_block : element.end_block]))
    text = " ".join(t for t in texts if t)
    return text if len(text) >= MIN_CHARS else ""
