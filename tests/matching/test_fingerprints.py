"""The claim's fast paths find what one fold-and-set pass over the whole page finds."""
from __future__ import annotations

import pytest

import re

from cleaner.matching import fingerprints
from cleaner.matching.fingerprints import _NON_ASCII_ONLY, HEAD_BYTES, WARM_PAGES, FingerprintSet
from cleaner.matching.fold import FOLD_TABLE, fold, fold_utf8, fold_utf8_parts
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
    folded, non_ascii = fold_utf8_parts(text)
    assert folded == fold_utf8(text)
    assert non_ascii == re.sub(rb"[\x00-\x7f]", b"", text.encode("utf-8"))


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


@pytest.mark.parametrize(("source", "only_non_ascii"), [
    (r"(?m)\p{Han}{12}", True),
    (r"(?m)\p{Han}+", True),
    ("(?m)国际在线", True),
    (r"(?m)国\p{Han}{2,}", True),
    (r"(?m)\p{Han}{0,3}", False),  # may match nothing
    (r"(?m)(?i)\p{Han}{12}", False),  # case folding can reach ASCII (KELVIN SIGN and k)
    (r"(?m)^\p{Han}{12}", False),  # an anchor sees what the non-ASCII bytes alone lose
    (r"(?m)\p{Han}{3}\b", False),
    (r"(?m)\S", False),
    ("(?m)中 文", False),
])
def test_patterns_of_non_ascii_characters_only(source, only_non_ascii):
    assert bool(_NON_ASCII_ONLY.fullmatch(source)) is only_non_ascii


HAN_PATTERNS = [r"\p{Han}{6}", "国际在线", r"(?i)\bthe\b.*\band\b", r"\S", r"_fororder_"]
FILLER = "<p>filler line of markup</p>\n" * 400  # pushes what follows past the head


@pytest.mark.parametrize("page", [
    FILLER + "中文a中文b中文c国际a在线",  # the non-ASCII bytes alone hold runs the page breaks
    FILLER + "这是六个汉字 and the end",
    FILLER + "国际在线 only",
    "这是六个汉字\n" + FILLER,  # in the head
    FILLER,
    "",
])
@pytest.mark.parametrize("pass_non_ascii", [True, False])
@pytest.mark.parametrize("at_most", [4, 1])  # the two looked for in the non-ASCII bytes first, or neither
def test_non_ascii_patterns_are_settled_on_the_non_ascii_bytes(page, pass_non_ascii, at_most, monkeypatch):
    monkeypatch.setattr(fingerprints, "WIDE_AT_MOST", at_most)
    patterns = [compile_pattern(p) for p in HAN_PATTERNS]
    fast, plain = FingerprintSet(patterns), Prefilter(patterns)
    folded, non_ascii = fold_utf8_parts(page)
    assert sorted(fast.found(folded, non_ascii if pass_non_ascii else None)) == sorted(plain.found(fold(page)))


def test_patterns_found_late_are_searched_alone_and_find_the_same():
    """Pages that mostly hold a pattern past their head teach the set to search it alone."""
    patterns = [compile_pattern(p) for p in HAN_PATTERNS]
    fast, plain = FingerprintSet(patterns), Prefilter(patterns)
    pages = [FILLER + "the cat and the dog"] * (WARM_PAGES + 2) + [FILLER + "no article", FILLER + "国际在线 the and"]
    for page in pages:
        assert sorted(fast.found(*fold_utf8_parts(page))) == sorted(plain.found(fold(page)))
    the_and = fast.sources.index(patterns[2].regex.pattern)
    assert fast._late_hits[the_and] * 2 > fast._late_tries[the_and] >= WARM_PAGES  # it is now searched alone
