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

from cleaner.html.blocks import BLOCK_TAGS, SKIP_TAGS, flatten, normalize_space
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
    wanted = [k for k, r in enumerate(removals) if r.line == 0 and r.rule != NESTING_RULE]
    marks: dict[int, int] = {}
    if root is not None:
        # Site drops were read before scripts and styles went, the furniture after (as in extract_html).
        _locate(tree, root, removals, [k for k in wanted if removals[k].rule != GENERIC_RULE], marks)
        for node in tree.css(NOT_TEXT):
            node.decompose()
        generic = [k for k in wanted if removals[k].rule == GENERIC_RULE]
        _locate(tree, root, removals, _replay(root, removals, generic, marks), marks)
    blocks = _walk(root, marks) if root is not None else []
    found = {b.removal for b in blocks}
    lost = [k for k, r in enumerate(removals) if r.line == 0 and k not in found]
    return blocks, lost


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


def _replay(root: LexborNode, removals: tuple[Removal, ...], ks: list[int], marks: dict[int, int]) -> list[int]:
    """Mark the furniture by running the extractor's own filter over the page: it skips the same
    elements in the same order. Return the removals it did not account for (a rule's body, say)."""
    dropped = set(marks)
    length = len(root.text(deep=True)) - sum(len(n.text(deep=True)) for n in _nodes(root, dropped))
    furniture = FurnitureFilter(length)

    def skip(node: LexborNode, tag: str) -> tuple[str, int] | None:
        return ("dropped", 0) if node.mem_id in dropped else furniture(node, tag)

    skipped = [n for n, _reason in flatten(root, skip).skipped if n.mem_id not in dropped]
    texts = [t for t in (shorten(n.text(deep=True, separator=" ")) for n in skipped)]
    found = [(n, t) for n, t in zip(skipped, texts) if t]
    rest = []
    for i, k in enumerate(ks):
        if i < len(found) and found[i][1] == removals[k].text and found[i][0].mem_id not in marks:
            marks[found[i][0].mem_id] = k
        else:
            rest.append(k)
    return rest


def _nodes(root: LexborNode, ids: set[int]) -> list[LexborNode]:
    """The elements under root whose node ids are in ids."""
    if not ids:
        return []
    return [n for n in root.traverse(include_text=False) if n.mem_id in ids]


def _by_selector(tree: LexborHTMLParser, selector: str, text: str, k: int, marks: dict[int, int]) -> bool:
    """Mark the first unmarked element the selector matches whose text is the removal's."""
    try:
        nodes = tree.css(selector)
    except Exception:  # a selector this parser cannot read: fall back to the text
        return False
    for node in nodes:
        if node.mem_id not in marks and shorten(node.text(deep=True, separator=" ")) == text:
            marks[node.mem_id] = k
            return True
    return False


_EXIT = object()


def _walk(root: LexborNode, marks: dict[int, int]) -> list[HtmlBlock]:
    """Text blocks in document order (iteratively: pages nest deeply); marked elements' blocks carry their removal."""
    blocks: list[HtmlBlock] = []
    pieces: list[str] = []
    owners: list[int | None] = [None]

    def flush() -> None:
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
        if mark is not None or tag in BLOCK_TAGS:
            flush()
            owners.append(mark if mark is not None else owners[-1])
            stack.append(_EXIT)
        stack.extend(reversed(list(node.iter(include_text=True))))
    flush()
    return blocks
