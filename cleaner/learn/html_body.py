"""The article container of a site's HTML pages (`html.body`): the class or id of the element
that holds the article body on most pages, when it fits the body better than generic extraction.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from selectolax.lexbor import LexborHTMLParser

from cleaner.html import extract_html
from cleaner.html.blocks import PageBlocks, flatten
from cleaner.html.nesting import limit_nesting
from cleaner.kinds.drop_element import validate_selector
from cleaner.learn.model import LearnOptions

_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,40}$")  # class/id tokens usable in a selector as they are
ANCESTORS = 6  # how far above the body's innermost container to look for a class or id
BODY_MIN_SHARE = 0.5  # the container must hold the body on this share of the pages
BODY_CANDIDATES = 8  # selectors (most frequent first) compared with generic extraction
BODY_MIN_GAIN = 0.10  # a container must fit the body this much better than generic extraction
SAMPLE_PAGES = 50  # pages the comparison runs on (extraction is the slow part)


@dataclass
class HtmlPage:
    """A parsed page and its flattened text blocks (one block per line of the page's text)."""

    name: str
    html: str
    tree: LexborHTMLParser
    blocks: PageBlocks

    @classmethod
    def parse(cls, name: str, html: str) -> HtmlPage:
        """Parse and flatten one page."""
        tree = LexborHTMLParser(limit_nesting(html)[0])  # a page nested 100,000 deep must not stall learning
        root = tree.body or tree.root
        blocks = flatten(root) if root is not None else PageBlocks([], [], [])
        return cls(name, html, tree, blocks)

    def text(self) -> str:
        """The page's blocks as lines."""
        return "\n".join(b.text for b in self.blocks.blocks)


def selectors_of(node: object) -> list[str]:
    """CSS selectors naming an element by its id or one of its class tokens."""
    attrs = node.attributes or {}
    tag = node.tag
    out = []
    ident = (attrs.get("id") or "").strip()
    if _TOKEN.match(ident):
        out.append(f"{tag}#{ident}")
    for token in (attrs.get("class") or "").split():
        if _TOKEN.match(token):
            out.append(f"{tag}.{token}")
    return out


def body_candidates(page: HtmlPage, core: tuple[int, int]) -> list[str]:
    """Selectors of the innermost elements that hold the whole body, innermost first."""
    start, end = core
    holders = [e for e in page.blocks.elements if e.first_block <= start and e.end_block > end]
    holders.sort(key=lambda e: e.end_block - e.first_block)
    out: list[str] = []
    for element in holders[:ANCESTORS]:
        out += [s for s in selectors_of(element.node) if s not in out]
    return out


def body_score(page: HtmlPage, core: tuple[int, int], selector: str) -> float:
    """How well the selector's first element fits the body: 0 if it misses part, else its precision."""
    try:
        node = page.tree.css_first(selector)
    except Exception:  # noqa: BLE001 (Lexbor raises plain errors on odd selectors)
        return 0.0
    if node is None:
        return 0.0
    by_id = {e.node.mem_id: e for e in page.blocks.elements}
    element = by_id.get(node.mem_id)
    start, end = core
    if element is None or element.first_block > start or element.end_block <= end:
        return 0.0
    blocks = page.blocks.blocks
    inside = sum(len(b.text) for b in blocks[element.first_block : element.end_block])
    body = sum(len(b.text) for b in blocks[start : end + 1])
    return body / inside if inside else 0.0


def learn_body(pages: Sequence[HtmlPage], cores: Sequence[tuple[int, int] | None],
               options: LearnOptions) -> tuple[str | None, int]:
    """The selector whose element matches the article body best, if it beats generic extraction."""
    counts: Counter[str] = Counter()
    for page, core in zip(pages, cores):
        if core is not None:
            counts.update(body_candidates(page, core))
    needed = max(options.min_support, int(BODY_MIN_SHARE * len(pages) + 0.999))
    sample = [(p, c) for p, c in zip(pages, cores) if c is not None][:: max(1, len(pages) // SAMPLE_PAGES)]
    if not sample:
        return None, 0
    generic = sum(_agreement(extract_html(p.html).text.split("\n"), _core_lines(p, c)) for p, c in sample)
    best, best_score, best_hits = None, generic * (1 + BODY_MIN_GAIN), 0
    for selector, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:BODY_CANDIDATES]:
        if n < needed or validate_selector(selector):
            continue
        score = sum(_agreement(_selected_lines(p, selector), _core_lines(p, c)) for p, c in sample)
        hits = sum(1 for p, c in zip(pages, cores) if c is not None and body_score(p, c, selector) > 0)
        if hits >= needed and score > best_score:
            best, best_score, best_hits = selector, score, hits
    return best, best_hits


def _core_lines(page: HtmlPage, core: tuple[int, int]) -> list[str]:
    return [b.text for b in page.blocks.blocks[core[0] : core[1] + 1]]


def _selected_lines(page: HtmlPage, selector: str) -> list[str]:
    """The text blocks inside the selector's first element (what `html.body` would extract)."""
    node = page.tree.css_first(selector)
    if node is None:
        return extract_html(page.html).text.split("\n")  # the page falls back to generic extraction
    by_id = {e.node.mem_id: e for e in page.blocks.elements}
    element = by_id.get(node.mem_id)
    if element is None:
        return []
    return [b.text for b in page.blocks.blocks[element.first_block : element.end_block]]


def _agreement(lines: list[str], core: list[str]) -> float:
    """F1 between extracted lines and the body's lines, weighted by length."""
    got = {s.strip() for s in lines if s.strip()}
    want = {s.strip() for s in core if s.strip()}
    common = sum(len(s) for s in got & want)
    if not common:
        return 0.0
    precision = common / sum(len(s) for s in got)
    recall = common / sum(len(s) for s in want)
    return 2 * precision * recall / (precision + recall)
