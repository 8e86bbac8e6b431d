"""Which fingerprints occur in a page: a set pass over its head, then one over the rest.

A set search cannot stop early: it reports every pattern found, so it reads the whole page, and
a pattern that matches nearly everywhere (`\\S`, the catch-all pack's) makes each step of its DFA
a match to record (3x the cost of the set without it). Most such patterns are found in the
page's first lines: searching the head first leaves the whole page to the patterns still missing,
with a set compiled for just those (cached: pages of one kind miss the same ones).

A set search also reads on after every pattern is found, which a single search does not: a
pattern that the pages of a run mostly hold past their head (`\\bthe\\b.*\\band\\b` on English
pages) is searched alone, and stops early; one they mostly lack stays in the set, where its
misses cost one pass for all. Which is which is learnt from the run's pages so far (in a set
of a few patterns, the packs': for hundreds, the bookkeeping would cost what it saves).

A pattern made of non-ASCII characters only (`\\p{Han}{12}`, the Chinese pack's) cannot match
where the page's non-ASCII bytes, taken alone, do not: those are a few hundred bytes of an
English page, so such a pattern is looked for there first, instead of in the whole page, when
the caller has those bytes (not on a page mostly of them, where they would save little).
"""
from __future__ import annotations

import re
from typing import Iterable

from cleaner.matching.patterns import Pattern
from cleaner.matching.prefilter import Prefilter, compile_set

HEAD_BYTES = 4096
MAX_SUBSETS = 32  # sets compiled for the patterns a head lacks; beyond, the whole set runs
# A pattern found past the head on more than half of this many pages or more is searched alone.
WARM_PAGES = 8
WIDE_AT_MOST = 4  # patterns of non-ASCII characters a set looks for in the non-ASCII bytes first
WIDE_SHARE = 4  # the non-ASCII bytes are searched first only when they are under 1/4 of the page
LEARN_AT_MOST = 16  # patterns in a set that learns which to search alone
# A compiled source that matches only a run of non-ASCII characters, at least one: Han or a
# literal non-ASCII character, each at least once. No anchor, \b or (?i) (which could match an
# ASCII letter from a non-ASCII one): a match in the page is then one in its non-ASCII bytes.
_NON_ASCII_ONLY = re.compile(r"(?:\(\?m\))?(?:(?:\\p\{Han\}|[^\x00-\x7f])(?:\{[1-9][0-9]*(?:,[0-9]*)?\}|\+)?)+")


class FingerprintSet(Prefilter):
    """A Prefilter whose found() searches the head first."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        super().__init__(patterns)
        self._subsets: dict[tuple[int, ...], object] = {}
        # index -> regex, for the patterns of non-ASCII characters only
        self._non_ascii = {k: self.regexes[k] for k, s in enumerate(self.sources) if _NON_ASCII_ONLY.fullmatch(s)}
        if len(self._non_ascii) > WIDE_AT_MOST:
            # Many (sites' words): a search each over a Chinese page's non-ASCII bytes costs more
            # than the one set pass over the page that they then join.
            self._non_ascii = {}
        # For each pattern: on how many pages it was missing from the head, and then found. Only
        # for a few patterns (the packs'): for hundreds the bookkeeping would cost what it saves.
        self._learning = len(self.sources) <= LEARN_AT_MOST
        self._late_tries = [0] * len(self.sources)
        self._late_hits = [0] * len(self.sources)

    def found(self, folded: str | bytes, non_ascii: bytes | None = None) -> list[str]:
        """The sources of the patterns that match somewhere in the folded page (or its UTF-8).

        non_ascii, when the caller has it: the non-ASCII bytes of the page's UTF-8, before or
        after folding (folding only turns non-ASCII characters into ASCII ones).
        """
        if self._set is None:
            return self.found_unscanned(folded)
        data = folded.encode("utf-8") if isinstance(folded, str) else folded
        # The head ends at a line break: a match in it is one in the page (never_nl keeps matches
        # within a line, and `$` or `\b` at its end see the same line end in both).
        cut = data.rfind(b"\n", 0, HEAD_BYTES)
        hits = set(self._set.Match(data[:cut]) or ()) if cut > 0 else set()
        missing = tuple(k for k in range(len(self.sources)) if k not in hits)
        # Only with the non-ASCII bytes given (an HTML page's, a by-product of folding it), and
        # only where they are a small part of the page (English): elsewhere they save little.
        if missing and self._non_ascii and non_ascii is not None and len(non_ascii) * WIDE_SHARE <= len(data):
            missing = self._search_non_ascii(missing, data, non_ascii, hits)
        if missing:
            found = self._search_for(missing, data)
            hits.update(found)
            if self._learning:
                self._learn(missing, found)
        return [self.sources[k] for k in sorted(hits)] + self.found_unscanned(folded)

    def _learn(self, missing: tuple[int, ...], found: list[int]) -> None:
        """Count how the missing patterns fared; old pages weigh less (halved past 256 tries)."""
        tries, late = self._late_tries, self._late_hits
        for k in missing:
            tries[k] += 1
            if tries[k] > 256:
                tries[k] //= 2
                late[k] //= 2
        for k in found:
            late[k] += 1

    def _search_non_ascii(self, missing: tuple[int, ...], data: bytes, non_ascii: bytes,
                          hits: set[int]) -> tuple[int, ...]:
        """Settle the missing patterns of non-ASCII characters only (into hits); the others are left."""
        wide = tuple(k for k in missing if k in self._non_ascii)
        if not wide:
            return missing
        for k in wide:
            regex = self._non_ascii[k]
            # Found among the non-ASCII bytes alone, it may span a run the page breaks: look again
            # in the page (a single search stops at the first match, where a set reads on).
            if regex.search(non_ascii) is not None and regex.search(data) is not None:
                hits.add(k)
        return tuple(k for k in missing if k not in self._non_ascii)

    def _search_for(self, missing: tuple[int, ...], data: bytes) -> list[int]:
        """Which of the missing patterns match in data (indexes into sources)."""
        tries, late = self._late_tries, self._late_hits
        alone = [k for k in missing if tries[k] >= WARM_PAGES and late[k] * 2 > tries[k]] if self._learning else []
        if alone:
            found = [k for k in alone if self.regexes[k].search(data) is not None]
            rest = tuple(k for k in missing if k not in alone)
            return found + (self._search_set(rest, data) if rest else [])
        return self._search_set(missing, data)

    def _search_set(self, missing: tuple[int, ...], data: bytes) -> list[int]:
        """Which of the missing patterns match in data, in one set pass."""
        if len(missing) == len(self.sources):
            return self._set.Match(data) or []
        subset = self._subsets.get(missing)
        if subset is None:
            if len(self._subsets) >= MAX_SUBSETS:
                return [k for k in self._set.Match(data) or () if k in missing]
            subset = self._subsets[missing] = compile_set(self.sources[k] for k in missing)
        return [missing[i] for i in subset.Match(data) or ()]
