"""One RE2 pass over a page tells which patterns match, and in which stretch of lines.

Rules only ever match inside one line (patterns compile with never_nl), so a page can be cut at
line breaks into pieces of a few kB and each pattern searched only in the pieces where the set
found it: a rule that fires once costs one short search instead of a pass over the whole page.
"""
from __future__ import annotations

from typing import Iterable

import re2

from cleaner.matching.patterns import RULE_OPTIONS, Pattern

PIECE_BYTES = 1024  # a piece ends at the first line break after this many bytes (~340 CJK characters)
# A set of hundreds of patterns needs a big DFA cache: with a rule's 32 MB, RE2 keeps flushing
# it and a page costs 10x more. Memory is taken only as states are built.
_SET_OPTIONS = re2.Options()
_SET_OPTIONS.log_errors = False
_SET_OPTIONS.never_nl = RULE_OPTIONS.never_nl
_SET_OPTIONS.max_mem = 256 << 20
Piece = tuple[int, bytes]  # (byte offset in the folded page's UTF-8, whole lines)


class Hits:
    """Where each pattern of a prefilter matched on one page."""

    __slots__ = ("known", "where")

    def __init__(self, known: frozenset[str], where: dict[str, list[Piece]]) -> None:
        self.known = known
        self.where = where

    def pieces(self, source: str) -> list[Piece] | None:
        """The pieces where the compiled pattern source matched; None if it was not scanned."""
        if source not in self.known:
            return None
        return self.where.get(source, [])


class Prefilter:
    """A set of compiled patterns searched together, piece by piece or over the whole page."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        # \A and \z mean the start and end of the page, which a piece boundary would fake:
        # such patterns stay out of the set and are always searched on the whole page.
        self.patterns = tuple(patterns)
        regexes = {p.regex.pattern: p.regex for p in self.patterns}
        self.sources = tuple(s for s in regexes if "\\A" not in s and "\\z" not in s)
        self.regexes = tuple(regexes[s] for s in self.sources)  # each source's compiled pattern
        self.known = frozenset(self.sources)
        self.unscanned = [(s, r) for s, r in regexes.items() if s not in self.known]
        self._set = compile_set(self.sources) if self.sources else None

    def scan(self, folded: str | bytes) -> Hits:
        """Search every pattern in every piece of the folded page (or its UTF-8), one set pass per piece."""
        where: dict[str, list[Piece]] = {}
        if self._set is not None:
            sources, match = self.sources, self._set.Match
            data = folded.encode("utf-8") if isinstance(folded, str) else folded
            for piece in split_pieces(data):
                for k in match(piece[1]) or ():
                    where.setdefault(sources[k], []).append(piece)
        return Hits(self.known, where)

    def found(self, folded: str | bytes) -> list[str]:
        """The sources of the patterns that match somewhere in the folded page."""
        hits = self._set.Match(folded) or () if self._set is not None else ()
        return [self.sources[k] for k in hits] + self.found_unscanned(folded)

    def found_unscanned(self, folded: str | bytes) -> list[str]:
        """The sources of the patterns kept out of the set that match the folded page."""
        return [s for s, regex in self.unscanned if regex.search(folded) is not None]


def compile_set(sources: Iterable[str]) -> object:
    """One RE2 set of the compiled pattern sources: Match() gives the indexes of those found."""
    searcher = re2.Set.SearchSet(_SET_OPTIONS)
    for source in sources:
        searcher.Add(source)
    searcher.Compile()
    return searcher


def split_pieces(data: bytes, size: int = PIECE_BYTES) -> list[Piece]:
    """Cut data at line breaks into pieces of about size bytes; no line is split."""
    pieces, start = [], 0
    while True:
        end = data.find(b"\n", start + size)
        if end < 0:
            pieces.append((start, data[start:]))
            return pieces
        pieces.append((start, data[start:end]))
        start = end + 1
