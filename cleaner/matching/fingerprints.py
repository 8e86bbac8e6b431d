"""Which fingerprints occur in a page: a set pass over its head, then one over the rest.

A set search cannot stop early: it reports every pattern found, so it reads the whole page, and
a pattern that matches nearly everywhere (`\\S`, the catch-all pack's) makes each step of its DFA
a match to record (3x the cost of the set without it). Most such patterns are found in the
page's first lines: searching the head first leaves the whole page to the patterns still missing,
with a set compiled for just those (cached: pages of one kind miss the same ones).
"""
from __future__ import annotations

from typing import Iterable

from cleaner.matching.patterns import Pattern
from cleaner.matching.prefilter import Prefilter, compile_set

HEAD_BYTES = 4096
MAX_SUBSETS = 32  # sets compiled for the patterns a head lacks; beyond, the whole set runs


class FingerprintSet(Prefilter):
    """A Prefilter whose found() searches the head first."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        super().__init__(patterns)
        self._subsets: dict[tuple[int, ...], object] = {}

    def found(self, folded: str | bytes) -> list[str]:
        """The sources of the patterns that match somewhere in the folded page (or its UTF-8)."""
        if self._set is None:
            return self.found_unscanned(folded)
        data = folded.encode("utf-8") if isinstance(folded, str) else folded
        # The head ends at a line break: a match in it is one in the page (never_nl keeps matches
        # within a line, and `$` or `\b` at its end see the same line end in both).
        cut = data.rfind(b"\n", 0, HEAD_BYTES)
        hits = set(self._set.Match(data[:cut]) or ()) if cut > 0 else set()
        missing = tuple(k for k in range(len(self.sources)) if k not in hits)
        if missing:
            hits.update(self._search_for(missing, data))
        return [self.sources[k] for k in sorted(hits)] + self.found_unscanned(folded)

    def _search_for(self, missing: tuple[int, ...], data: bytes) -> list[int]:
        """Which of the missing patterns match in data (indexes into sources)."""
        if len(missing) == len(self.sources):
            return self._set.Match(data) or []
        subset = self._subsets.get(missing)
        if subset is None:
            if len(self._subsets) >= MAX_SUBSETS:
                return [k for k in self._set.Match(data) or () if k in missing]
            subset = self._subsets[missing] = compile_set(self.sources[k] for k in missing)
        return [missing[i] for i in subset.Match(data) or ()]
