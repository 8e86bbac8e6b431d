"""Huge HTML pages in pieces: the DOM of a whole page costs far more memory than the page itself.

Lexbor's tree and the blocks flattened from it cost 25-60 bytes per byte of a page of small
table cells (a 20 MB table: 1.3 GB). A page that document.is_huge_html names is
therefore cut after a closing block tag about every `size` characters; each piece is
parsed, extracted and freed before the next, so the DOM is never larger than a piece's. A piece
starts with the start tags of the containers still open where the one before it ended (a
table's rows stay rows), attributes included, so class words and selectors still apply.
Main content is chosen within each piece (no trafilatura fallback), the page's metadata comes
from the first piece.
"""
from __future__ import annotations

import re
from typing import Iterator

from selectolax.lexbor import LexborHTMLParser

from cleaner.html.blocks import flatten
from cleaner.html.boilerplate import FurnitureFilter
from cleaner.html.extract import TUNING
from cleaner.html.fast import extract_fast
from cleaner.html.page_type import page_type
from cleaner.html.metadata import extract_metadata, find_date_in_text
from cleaner.html.model import HtmlExtract, HtmlSiteRules
from cleaner.html.nesting import limit_nesting
from cleaner.html.steps import (
    DATE_SEARCH_BLOCKS,
    NOT_TEXT,
    apply_drop_rules,
    furniture_removals,
    nesting_removal,
    select,
    without_headline,
)

# Without a closing block tag this many piece sizes past the target, a piece ends at the next tag's end.
_CUT_SEARCH = 4
_CUT = re.compile(r"</(?:p|div|tr|li|table|ul|ol|dl|h[1-6]|section|article|blockquote|pre)\s*>|<br\s*/?>", re.I)
# The containers a piece must reopen so that what follows keeps its structure.
_OPENS = re.compile(r"<(/?)(div|table|thead|tbody|tfoot|tr|ul|ol|dl|section|article|main|blockquote|center"
                    r"|body)(?=[\s/>])[^>]{0,500}>", re.I)
_BODY = re.compile(r"<body[\s>]", re.I)
_RAW_OPEN = re.compile(r"<(?:script|style)[\s>]", re.I)
_RAW_CLOSE = re.compile(r"</(?:script|style)\s*>", re.I)
_MAX_REOPEN = 64  # the innermost containers only: limit_nesting bounds the rest anyway
_MAX_TRACKED = 1024


def iter_pieces(html: str, size: int) -> Iterator[str]:
    """The page cut after closing block tags about every size characters, each piece reopening
    the containers left open before it."""
    stack: list[tuple[str, str]] = []  # (tag name, start tag as written)
    body = _BODY.search(html)
    head_end = body.end() if body is not None else 0  # the first piece holds the whole head
    start = 0
    while start < len(html):
        end = _cut_after(html, max(start + size, head_end), _CUT_SEARCH * size)
        prefix = "".join(tag for _name, tag in stack[-_MAX_REOPEN:])
        yield prefix + html[start:end]
        _track(stack, html, start, end)
        start = end


def _track(stack: list[tuple[str, str]], html: str, start: int, end: int) -> None:
    """Update the open containers with the tags of html[start:end]."""
    for match in _OPENS.finditer(html, start, end):
        name = match.group(2).lower()
        if not match.group(1):
            if len(stack) < _MAX_TRACKED:  # deeper ones (a flood of <tr>) are not worth remembering
                stack.append((name, match.group()))
        elif any(n == name for n, _t in stack):
            while stack.pop()[0] != name:  # an unclosed inner container closes with it
                pass


def _cut_after(html: str, target: int, search: int) -> int:
    """Where a piece aiming at target ends: after a closing block tag, else after any tag; never
    inside the head, a script or a style (their text would read as the next piece's)."""
    while target < len(html):
        found = _CUT.search(html, target, target + search)
        if found is None:
            close = html.find(">", target)
            end = len(html) if close < 0 else close + 1
        else:
            end = found.end()
        raw = None
        for raw in _RAW_OPEN.finditer(html, max(target - search, 0), end):
            pass
        closed = _RAW_CLOSE.search(html, raw.end()) if raw is not None else None
        if raw is None or (closed is not None and closed.end() <= end):
            return end
        target = len(html) if closed is None else closed.end()
    return len(html)


def extract_pieces(html: str, *, size: int, url: str | None, rules: HtmlSiteRules) -> Iterator[HtmlExtract]:
    """extract_html for a huge page, one piece at a time (only the first carries metadata)."""
    title = None
    html, unwrapped = limit_nesting(html)  # once for the page: a piece cannot tell how deep it starts
    for n, piece in enumerate(iter_pieces(html, size)):
        tree = LexborHTMLParser(piece)
        del piece
        removed = apply_drop_rules(tree, rules)
        if unwrapped and n == 0:
            removed.insert(0, nesting_removal(unwrapped))
        metadata: dict[str, str] = {}
        if n == 0:
            selectors = {"title": rules.title, "date": rules.date, "author": rules.author}
            metadata = extract_metadata(tree, url=url, rule_selectors=selectors)
            title = metadata.get("title")
        for node in tree.css(NOT_TEXT):
            node.decompose()
        body = select(tree, rules.body)
        root = body if body is not None else tree.body or tree.root
        if root is None:
            continue
        page = flatten(root, FurnitureFilter(len(root.text(deep=True))))
        head = title if n == 0 else None
        if body is not None:
            texts, method = without_headline([b.text for b in page.blocks if b.text], head), "rules-body"
        else:
            texts, method = without_headline(extract_fast(page, head, TUNING).texts, head), "fast"
        if n == 0:  # the type the head of the page shows (a thread is not followed across pieces)
            metadata["page_type"] = page_type(page, "".join(texts), [])
        if n == 0 and "date" not in metadata:
            date = find_date_in_text(" ".join(b.text for b in page.blocks[:DATE_SEARCH_BLOCKS]))
            if date:
                metadata["date"] = date
        removed += furniture_removals(page)
        yield HtmlExtract("\n\n".join(texts) + "\n" if texts else "", metadata, tuple(removed),
                          method if texts else "empty")
        del tree, page, texts, removed
