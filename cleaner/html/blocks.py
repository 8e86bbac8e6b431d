"""Flatten a parsed page into text blocks (one per paragraph) that remember their DOM place.

A block is the run of inline text between two block-level boundaries (`<p>`, `<div>`, `<li>`,
`<br>`, ...). Block-level elements are numbered in document order, so an element's subtree is
a contiguous range of elements and of blocks: the fast extractor scores elements by summing
their blocks and takes the best element's block range.

Images and captions: `<img>` alt text is dropped (alt text is mostly file names, "photo" or
a repeat of the caption, and is not article prose), and `<figcaption>` is dropped too (human
article bodies leave captions out; the boilerplate check also drops *caption* classes). What
remains of a figure is the text a reader would read as part of the article flow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from selectolax.lexbor import LexborNode

# Never rendered as article text.
SKIP_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "textarea", "button", "input", "map", "audio", "video", "source",
    "picture", "img", "figcaption", "title", "meta", "link",
})
BLOCK_TAGS = frozenset({
    "html", "body", "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "legend", "hr",
})
_SPACES = re.compile(r"\s+")
_CJK = "\u3001-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# A line break in the source between two CJK characters is no space in the text (browsers agree).
_CJK_LINE_BREAK = re.compile(rf"(?<=[{_CJK}])[^\S\n]*\n\s*(?=[{_CJK}])")

# A skip hook: given an element and its tag, returns None to walk into it, or why it is
# skipped and the length of the text it holds.
SkipHook = Callable[[LexborNode, str], "tuple[str, int] | None"]


@dataclass(slots=True)
class Block:
    """A paragraph of text: its characters, how many are link text, and its owner element."""

    text: str
    link_chars: int
    link_count: int  # how many links the text contains
    owner: int  # index of the innermost block-level element holding the text
    tag: str  # that element's tag


@dataclass(slots=True)
class Element:
    """A block-level element: its node, parent index, and the range of blocks it spans."""

    node: LexborNode
    tag: str
    parent: int
    first_block: int
    end_block: int = -1


@dataclass(slots=True)
class PageBlocks:
    """Blocks in document order plus the block-level elements that contain them."""

    blocks: list[Block]
    elements: list[Element]
    skipped: list[tuple[LexborNode, str]]  # elements left out by the skip hook, with its reason
    skipped_in: list[int] = field(default_factory=list)  # the element holding each skipped one (-1: none)


def normalize_space(text: str) -> str:
    """Collapse whitespace (NBSP and U+3000 included); drop source line breaks inside CJK text."""
    if "\n" in text and not text.isascii():
        text = _CJK_LINE_BREAK.sub("", text)
    return " ".join(text.split())  # str.split's whitespace is the `\s` of str patterns


_EXIT, _EXIT_LINK = 0, 1
# Tag of the empty marker block a removed furniture element leaves; its link_chars hold the
# length of the removed text.
SKIPPED = "-skipped"
# No real link reads this long: an <a> holding more is an unclosed tag swallowing the page.
MAX_LINK_CHARS = 1000


def _wraps_a_page_part(link: LexborNode) -> bool:
    """True for an <a> whose text is too long to be a link (old forums leave <a> unclosed)."""
    return link.child is not None and len(link.text(deep=True)) > MAX_LINK_CHARS


def flatten(root: LexborNode, skip: SkipHook | None = None) -> PageBlocks:
    """Walk `root` once (iteratively: pages nest deeply) and return its text blocks."""
    blocks: list[Block] = []
    elements: list[Element] = []
    skipped: list[tuple[LexborNode, str]] = []
    skipped_in: list[int] = []
    pieces: list[str] = []
    link_len = link_count = link_depth = 0
    owner_stack: list[int] = []

    def flush() -> None:
        nonlocal link_len, link_count
        if pieces:
            raw = "".join(pieces)
            pieces.clear()
            text = normalize_space(raw)
            if text:
                owner = owner_stack[-1] if owner_stack else -1
                # Link share is measured on the raw text; cap it at the kept length.
                links = min(link_len, len(text))
                tag = elements[owner].tag if owner >= 0 else ""
                blocks.append(Block(text, links, link_count, owner, tag))
        link_len = 0
        link_count = 0

    stack: list[Any] = [root]  # nodes, and the exit markers of the elements they are in
    pop, push, add_piece = stack.pop, stack.append, pieces.append
    while stack:
        node = pop()
        if node.__class__ is int:  # leaving an element
            if node == _EXIT:
                if pieces:  # the two hot flushes skip the call when there is nothing to flush
                    flush()
                else:
                    link_count = 0  # an empty link's count (link_len is 0 without pieces)
                elements[owner_stack.pop()].end_block = len(blocks)
            else:
                link_depth -= 1
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            add_piece(text)
            if link_depth:
                link_len += len(text.strip())
            continue
        if tag is None or tag in SKIP_TAGS or tag.startswith("-"):  # comments, doctype
            continue
        if tag == "br":
            flush()
            continue
        if skip is not None and tag not in ("html", "body") and node is not root:
            found = skip(node, tag)
            if found:
                owner = owner_stack[-1] if owner_stack else -1
                skipped.append((node, found[0]))  # found: the reason, the length of the text left out
                skipped_in.append(owner)
                if tag not in BLOCK_TAGS:
                    add_piece(" ")
                    continue
                flush()
                blocks.append(Block("", found[1], 0, owner, SKIPPED))  # a marker: scoring sees furniture between texts
                continue
        if tag in BLOCK_TAGS:
            if pieces:
                flush()
            else:
                link_count = 0
            elements.append(Element(node, tag, owner_stack[-1] if owner_stack else -1, len(blocks)))
            owner_stack.append(len(elements) - 1)
            push(_EXIT)
        elif tag == "a" and not _wraps_a_page_part(node):
            link_depth += 1
            link_count += 1
            push(_EXIT_LINK)
        stack.extend(reversed(list(node.iter(include_text=True))))
    flush()
    for index in owner_stack:  # the root itself when it is not a block tag
        elements[index].end_block = len(blocks)
    return PageBlocks(blocks, elements, skipped, skipped_in)


def join_blocks(texts: list[str]) -> str:
    """Paragraphs separated by one blank line, with a final newline (empty stays empty)."""
    return "\n\n".join(texts) + "\n" if texts else ""
