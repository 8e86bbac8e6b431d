"""Which rule files' fingerprints a page holds, counted by file.

A site's fingerprints are mostly plain words ('_fororder_', '国际在线'): a handful of them are
each looked for with `in` (a C substring search, ~10x faster a byte than RE2's set DFA, which
has no literal skip); the rest, and all of them when there are many, go through one RE2 set pass.
A word of non-ASCII characters only is looked for in the page's non-ASCII bytes first, when the
caller has them (an HTML page's: 170 kB of markup, a few hundred such bytes if it is English).
"""
from __future__ import annotations

import re
from typing import Iterable

from cleaner.matching.fingerprints import FingerprintSet
from cleaner.ruleset.model import RuleFile

MAX_WORDS = 16  # more plain-word fingerprints than this: one set pass costs less than a search each
_META = re.compile(r"[\\.^$?*+()\[\]{}]")  # a compiled source without these is words joined by |


class Fingerprints:
    """The fingerprints of some rule files (sites, or fallback packs) searched together."""

    def __init__(self, files: Iterable[RuleFile]) -> None:
        prints = [(f, p) for f in files for p in (f.match.fingerprints if f.match else ())]
        self._owners: dict[str, list[str]] = {}
        for f, p in prints:
            self._owners.setdefault(p.regex.pattern, []).append(f.name)
        words = {source: _words(source) for source in self._owners}
        if sum(len(w) for w in words.values() if w) > MAX_WORDS:
            words = {}
        # (source, its words as str, as UTF-8) for each plain-word fingerprint.
        self._words = [(s, w, [x.encode("utf-8") for x in w]) for s, w in words.items() if w]
        # Words of non-ASCII characters only ('国际在线'), as UTF-8: such a word is in a page only
        # if it is in the page's non-ASCII bytes taken alone (a few hundred of an English page).
        self._wide = frozenset(x.encode("utf-8") for _s, w, _raw in self._words for x in w
                               if not any(ch.isascii() for ch in x))
        self._set = FingerprintSet(p for _f, p in prints if not words.get(p.regex.pattern))

    def counts(self, folded: str | bytes, non_ascii: bytes | None = None) -> dict[str, int]:
        """How many of each file's fingerprints the folded page (or its UTF-8) holds, by file name.

        non_ascii, when the caller has it: the non-ASCII bytes of the page's UTF-8 (FingerprintSet.found).
        """
        as_bytes = isinstance(folded, bytes)
        wide = self._wide if as_bytes and non_ascii is not None else frozenset()
        found = [s for s, text, raw in self._words
                 if any((w in non_ascii and w in folded) if w in wide else w in folded  # type: ignore[operator]
                        for w in (raw if as_bytes else text))]
        counts: dict[str, int] = {}
        for source in found + self._set.found(folded, non_ascii):
            for name in self._owners[source]:
                counts[name] = counts.get(name, 0) + 1
        return counts


def _words(source: str) -> list[str] | None:
    """The words of a compiled fingerprint that is plain words joined by | ('(?m)a|b'); None for a pattern."""
    body = source[4:] if source.startswith("(?m)") else source
    if not body or _META.search(body) or "" in body.split("|"):
        return None
    return body.split("|")
