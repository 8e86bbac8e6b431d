"""The claim by fingerprints finds the same patterns as the plain fold-and-set pass on every page.

Usage: .venv/bin/python bench/html_claims.py

For every page of the HTML corpora (whole, and the head a huge page is claimed by), every seed
and test page, the fingerprint counts of the sites and of the packs, as RuleSet takes them
(FingerprintSet on fold_utf8_parts: the head first, the non-ASCII bytes, patterns found late
searched alone), are compared with one Prefilter set pass over fold(page); any
difference is printed and the exit status is 1.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import CORPORA, html_of, manifest_rows  # noqa: E402
from cleaner import RuleSet  # noqa: E402
from cleaner.core.huge import HUGE_HTML_CHARS  # noqa: E402
from cleaner.matching.fold import fold, fold_utf8, fold_utf8_parts  # noqa: E402
from cleaner.matching.prefilter import Prefilter  # noqa: E402
from cleaner.ruleset.fingerprints import Fingerprints  # noqa: E402


def pages():
    """(name, text) of every page to check."""
    for corpus in ("scrapinghub_aeb", "cwced_zh", "daniel_zh_dev", "readability_cjk"):
        for n, row in enumerate(manifest_rows(corpus)):
            html = html_of(row, corpus)
            yield f"{corpus}#{n}", html
            yield f"{corpus}#{n} head", html[:HUGE_HTML_CHARS // 8]
    for folder in (REPO / "seeds", CORPORA.parent / "seeds", REPO / "tests"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".txt", ".html", ".htm") and path.is_file():
                yield str(path.relative_to(folder.parent)), path.read_text(encoding="utf-8", errors="replace")


class OnePass(Prefilter):
    """One set pass over the whole folded page: no head first, no non-ASCII bytes alone."""

    def found(self, folded, non_ascii=None):  # noqa: ANN001, ANN201 (FingerprintSet.found's signature)
        return super().found(folded)


def plain(prints: Fingerprints) -> Fingerprints:
    """The same fingerprints searched by one Prefilter set pass (no head first)."""
    copy = Fingerprints([])
    copy._owners, copy._words = prints._owners, prints._words
    copy._set = OnePass(prints._set.patterns)
    return copy


def main() -> int:
    rules = RuleSet.load()
    pairs = [(rules._site_prints, plain(rules._site_prints)), (rules._pack_prints, plain(rules._pack_prints))]
    checked = differ = 0
    for name, text in pages():
        checked += 1
        same = fold(text).encode() == fold_utf8(text) and all(
            fast.counts(*fold_utf8_parts(text)) == slow.counts(fold(text)) for fast, slow in pairs)
        if not same:
            differ += 1
            print("differs:", name)
    print(f"{checked} pages checked, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
