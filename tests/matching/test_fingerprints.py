"""The claim's fast paths find what one fold-and-set pass over the whole page finds."""
from __future__ import annotations

import pytest

from cleaner.matching.fingerprints import HEAD_BYTES, FingerprintSet
from cleaner.matching.fold import FOLD_TABLE, fold, fold_utf8
from cleaner.matching.patterns import compile_pattern
from cleaner.matching.prefilter import Prefilter

FOLDABLE = "".join(chr(cp) for cp in FOLD_TABLE)
PAGES = [
    "",
    "plain ASCII <b>text</b>",
    "中文，全角：（ＡＢＣ）\u3000空格\u00a0nbsp\u200bzero",
    FOLDABLE,
    "x" * 10_000 + "\n" + FOLDABLE + "é中",
]


@pytest.mark.parametrize("text", PAGES)
def test_fold_utf8_is_the_utf8_of_the_fold(text):
    assert fold_utf8(text) == fold(text).encode("utf-8")


PATTERNS = [r"\S", r"_fororder_", r"\p{Han}{3}", r"(?i)\bthe\b.*\band\b", r"end$", r"^head", r"tail\z", "ＡＢ"]


@pytest.mark.parametrize("page", [
    "head line\nthe cat and the dog end\n" + "filler\n" * 2000 + "中文字 _fororder_ tail",
    "no break at all " * 1000 + "AB end",
    "first\n" + "x" * (HEAD_BYTES - 10) + "\nthe and end\n",  # the cut falls on the last line break of the head
    "",
])
def test_found_searches_the_head_first_and_finds_the_same(page):
    patterns = [compile_pattern(p) for p in PATTERNS]
    fast, plain = FingerprintSet(patterns), Prefilter(patterns)
    for _ in range(2):  # the second time through a cached set for what the head lacks
        assert sorted(fast.found(fold_utf8(page))) == sorted(plain.found(fold(page)))
