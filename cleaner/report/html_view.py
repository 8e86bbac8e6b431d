"""An HTML page as the report shows it: its text blocks in reading order, each removed element in place.

Element removals carry no position, only their text (and, once selectors land, a CSS path), so
each is found again in a fresh parse of the page: the first element, in document order, whose
text reads as the removal's. The removal's own selector narrows the search when it has one.
A removal that cannot be found again is listed after the blocks, so none is left out. Nothing
of the page is rendered live: only its text is kept, and it is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.blocks import BLOCK_TAGS, SKIP_TAGS, normalize_space
from cleaner.html.boilerplate import FurnitureFilter
from cleaner.html.nesting import limit_nesting
from cleaner.html.steps import GENERIC_RULE, NESTING_RULE, NOT_TEXT
from cleaner.result import Removal

TEXT_LIMIT = 200  # removal texts are whitespace-collapsed and cut to this length (html/steps.py)


@dataclass(frozen=True)
class HtmlBlock:
    """One text block of the page; `removal` is the index of the removal that took it, if any."""

    text: str
    removal: int | None = None


def page_blocks(html: str, removals: tuple[Removal, ...]) -> tuple[list[HtmlBlock], list[int]]:
    """The page's text blocks in reading order, and the element removals not found in the page."""
    html, _unwrapped = limit_nesting(html)
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    if root is None:
        return [], [k for k, r in enumerate(removals) if r.line == 0]
    wanted = [k for k, r in enumerate(removals) if r.line == 0 and r.rule != NESTING_RULE]
    marks: dict[int, int] = {}
    # Site drops were read before scripts and styles went, the furniture after (as in extract_html).
    _locate(tree, root, removals, [k for k in wanted if removals[k].rule != GENERIC_RULE], marks)
    for node in tree.css(NOT_TEXT):
        node.decompose()
    # Furniture with a selector is found by it (in C); the rest by replaying the extractor's filter.
    generic = [k for k in wanted if removals[k].rule == GENERIC_RULE]
    generic = [k for k in generic if not (getattr(removals[k], "selector", None)
                                         and _by_selector(tree, removals[k].selector, removals[k].text, k, marks))]
    replay = _Replay(root, removals, generic, marks) if generic else None
    blocks = _walk(root, marks, replay)
    if replay is not None and replay.rest:  # the extractor went another way (a rule's body, say): find those by their text
        _locate(tree, root, removals, replay.rest, marks)
        blocks = _walk(root, marks)
    found = {b.removal for b in blocks}
    return blocks, [k for k, r in enumerate(removals) if r.line == 0 and k not in found]


def shorten(text: str) -> str:
    """Text as an element removal records it."""
    text = " ".join(text.split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _locate(tree: LexborHTMLParser, root: LexborNode, removals: tuple[Removal, ...], ks: list[int],
            marks: dict[int, int]) -> None:
    """Mark (node id -> removal index) the element each removal in ks took, where it can be found."""
    pending: dict[str, list[int]] = {}
    for k in ks:
        selector = getattr(removals[k], "selector", None)
        if selector and _by_selector(tree, selector, removals[k].text, k, marks):
            continue
        pending.setdefault(removals[k].text, []).append(k)
    if not pending:
        return
    inside: set[int] = set(marks)  # elements inside a marked one are not candidates (outermost wins)
    for node in root.traverse(include_text=False):
        if node.mem_id in inside or (node.parent is not None and node.parent.mem_id in inside):
            inside.add(node.mem_id)
            continue
        if (node.tag or "-").startswith("-"):
            continue
        key = shorten(node.text(deep=True, separator=" "))
        queue = pending.get(key)
        if queue:
            marks[node.mem_id] = queue.pop(0)
            inside.add(node.mem_id)
            if not queue:
                del pending[key]
                if not pending:
                    return


class _Replay:
    """The extractor's own furniture filter, asked at the same elements in the same order as it was
    (see html/blocks.flatten): it skips the same elements, so the n-th skipped element that holds
    text is the n-th `html/boilerplate` removal. `rest` holds the removals it did not account for."""

    def __init__(self, root: LexborNode, removals: tuple[Removal, ...], ks: list[int], marks: dict[int, int]) -> None:
        dropped = [n for n in root.traverse(include_text=False) if n.mem_id in marks] if marks else []
        self.furniture = FurnitureFilter(len(root.text(deep=True)) - sum(len(n.text(deep=True)) for n in dropped))
        self.removals, self.ks, self.marks, self.next = removals, ks, marks, 0
        self.missed: list[int] = []

    def __call__(self, node: LexborNode, tag: str) -> bool:
        """Whether the element is skipped (marked, when its removal is the next one)."""
        if self.furniture(node, tag) is None:
            return False
        text = shorten(node.text(deep=True, separator=" "))
        if text and self.next < len(self.ks):
            k = self.ks[self.next]
            if self.removals[k].text == text:
                self.marks[node.mem_id] = k
                self.next += 1
            else:
                return False  # not where the extractor was: shown as it stands
        return True

    @property
    def rest(self) -> list[int]:
        return self.ks[self.next:]


def _by_selector(tree: LexborHTMLParser, selector: str, text: str, k: int, marks: dict[int, int]) -> bool:
    """Mark the first unmarked element the selector matches whose text is the removal's."""
    try:
        nodes = tree.css(selector)
    except Exception:  # a selector this parser cannot read: fall back to the text
        return False
    free = [node for node in nodes if node.mem_id not in marks]
    for node in free:
        if shorten(node.text(deep=True, separator=" ")) == text:
            marks[node.mem_id] = k
            return True
    if len(free) == 1:  # an earlier drop took part of its text (the extractor removed it first)
        marks[free[0].mem_id] = k
        return True
    return False


_EXIT = object()


def _walk(root: LexborNode, marks: dict[int, int], skip: _Replay | None = None) -> list[HtmlBlock]:
    """Text blocks in document order (iteratively: pages nest deeply); marked elements' blocks carry
    their removal. skip, when given, is asked where flatten asks its hook, and may mark elements."""
    blocks: list[HtmlBlock] = []
    pieces: list[str] = []
    owners: list[int | None] = [None]

    def flush() -> None:
        if not pieces:
            return
        text = normalize_space("".join(pieces))
        pieces.clear()
        if text:
            blocks.append(HtmlBlock(text, owners[-1]))

    stack: list[object] = [root]
    while stack:
        item = stack.pop()
        if item is _EXIT:
            flush()
            owners.pop()
            continue
        node: LexborNode = item  # type: ignore[assignment]
        tag = node.tag
        if tag == "-text":
            pieces.append(node.text_content or "")
            continue
        mark = marks.get(node.mem_id)
        if tag is None or (mark is None and tag in SKIP_TAGS) or tag.startswith("-"):
            continue
        if tag == "br":
            flush()
            continue
        if mark is None and skip is not None and owners[-1] is None and tag not in ("html", "body") and node is not root:
            if skip(node, tag):
                mark = marks.get(node.mem_id)
                if mark is None:
                    continue  # furniture without text: nothing to show
        if mark is not None or tag in BLOCK_TAGS:
            flush()
            owners.append(mark if mark is not None else owners[-1])
            stack.append(_EXIT)
        stack.extend(reversed(list(node.iter(include_text=True))))
    flush()
    return blocks
