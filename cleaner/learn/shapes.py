"""Shapes of lines: what a marker can match. A line has its exact shape (its normalised key), a
prefix shape when it starts with a label or a breadcrumb head (`您的位置:`, `凤凰网娱乐 >`), and a
generic shape when it is generic furniture whose wording varies (an editor line).

Lines of different pages with one shape are one piece of furniture: `网易 > 新闻中心 > 滚动新闻`
and `网易 > 新闻中心 > 热点新闻` share the prefix shape `网易 >`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from cleaner.learn.furniture import GENERIC, generic_kind
from cleaner.learn.generalise import line_pattern, literal_pattern
from cleaner.learn.lines import SitePage, normalise

_SEPARATOR = re.compile(r"[>»›:|(\[【]")
_CLOSING = re.compile(r"[>»›:|()\[\]【】]")
PREFIX_MIN, PREFIX_MAX = 2, 24  # content characters of a prefix shape's literal head
EDGE_MIN, EDGE_MAX, EDGE_KEEP = 5, 12, 2  # short headings: first and last two characters fixed
# Generic kinds whose wording varies per page: their shape is the generic pattern itself.
VARYING_KINDS = ("editor", "more", "related")


@dataclass
class Shape:
    """A pattern and where its first line is on each page that has one."""

    id: str
    pattern: str
    generic: str | None  # the generic furniture kind of its lines, if any
    first: dict[int, int] = field(default_factory=dict)  # page index -> first line index
    sample: tuple[int, int] = (0, 0)
    excluded: bool = False  # some line of this shape is a byline (captures take it first)
    variants: set[str] = field(default_factory=set)  # distinct line keys of this shape (a few)

    @property
    def support(self) -> int:
        """Pages with a line of this shape."""
        return len(self.first)


def prefix_of(folded: str) -> str | None:
    """The line's head up to the first separator that follows some words, or None."""
    text = folded.strip()
    for m in _SEPARATOR.finditer(text):
        head = text[: m.end()]
        n = sum(1 for ch in head if ch.isalnum())
        if n > PREFIX_MAX:
            return None
        if n >= PREFIX_MIN and m.end() < len(text):
            return head
    return None


def suffix_of(folded: str, after: int) -> str | None:
    """The line's tail from its last separator (past position `after`), or None."""
    text = folded.strip()
    last = None
    for m in _CLOSING.finditer(text, after):
        last = m.start()
    if last is None or sum(1 for ch in text[last:] if ch.isalnum()) > PREFIX_MAX:
        return None
    return text[last:]


def line_shapes(folded: str, key: str) -> list[tuple[str, str, str | None]]:
    """(shape id, pattern, generic kind) of each shape a folded line has."""
    kind = generic_kind(folded)
    shapes = [("k:" + key, line_pattern(folded), kind)]
    head = prefix_of(folded)
    if head is not None:
        tail = suffix_of(folded, len(head))
        if tail is not None:
            # Head and tail both fixed, the middle free: a source note, a breadcrumb.
            pattern = "^\\s*" + literal_pattern(head) + ".*" + literal_pattern(tail) + "\\s*$"
            shapes.append(("a:" + normalise(head) + "\x00" + normalise(tail), pattern, kind))
        if kind is not None:
            # A head alone could be the start of a title ("调查:..."): only for generic furniture.
            shapes.append(("p:" + normalise(head), "^\\s*" + literal_pattern(head), kind))
    if kind in VARYING_KINDS:
        shapes.append(("g:" + kind, GENERIC[kind], kind))
    text = folded.strip()
    if EDGE_MIN <= len(text) <= EDGE_MAX and text.isalnum():
        # A short heading whose middle varies: 其他科技新聞, 其他兩岸新聞.
        head, tail = text[:EDGE_KEEP], text[-EDGE_KEEP:]
        pattern = f"^\\s*{literal_pattern(head)}.{{1,{EDGE_MAX - 2 * EDGE_KEEP}}}{literal_pattern(tail)}\\s*$"
        shapes.append((f"e:{head}\x00{tail}", pattern, kind))
    return shapes


def collect_shapes(pages: Sequence[SitePage], excluded: Callable[[str], bool]) -> dict[str, Shape]:
    """Every shape of every line of the pages, with its first line on each page."""
    shapes: dict[str, Shape] = {}
    # A site repeats most of its lines: work out each distinct line's shapes once.
    known: dict[str, tuple[list[tuple[str, str, str | None]], bool]] = {}
    for pi, page in enumerate(pages):
        for li, (folded, key) in enumerate(zip(page.folded, page.keys)):
            found = known.get(folded)
            if found is None:
                found = known[folded] = (line_shapes(folded, key), excluded(folded))
            line_shapes_of, is_excluded = found
            for sid, pattern, kind in line_shapes_of:
                shape = shapes.get(sid)
                if shape is None:
                    shape = shapes[sid] = Shape(sid, pattern, kind, sample=(pi, li))
                if pi not in shape.first:
                    shape.first[pi] = li
                if len(shape.variants) < 2:
                    shape.variants.add(key)
                shape.excluded = shape.excluded or is_excluded
    return shapes
