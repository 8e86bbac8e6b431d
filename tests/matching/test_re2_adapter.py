"""google-re2's private API, used in one module: these fail loudly when a google-re2 release changes it."""
from __future__ import annotations

import re2

from cleaner.matching import re2_adapter
from cleaner.matching.patterns import RULE_OPTIONS


def spans(pattern: str, text: str) -> list[tuple[int, int]]:
    data = text.encode()
    return [(len(data[:s].decode()), len(data[:e].decode()))
            for s, e in (m[0] for m in re2_adapter.byte_matches(re2.compile(pattern, RULE_OPTIONS), data))]


def test_the_private_names_are_there():
    assert hasattr(re2, "_Anchor") and hasattr(re2._Anchor, "UNANCHORED")
    assert hasattr(re2.compile("x"), "_regexp")


def test_byte_matches_are_finditer_on_the_text():
    for pattern, text in [("编辑", "责任编辑：王明 编辑：李"), ("a|", "baab"), ("x*", "中x文"), ("(来源)(:)?", "来源 来源:")]:
        assert spans(pattern, text) == [m.span() for m in re2.finditer(pattern, text)]


def test_groups_come_as_byte_spans_and_a_missing_group_as_minus_one():
    (whole, first, second), = re2_adapter.byte_matches(re2.compile("(中)(x)?"), "a中".encode())
    assert whole == first == (1, 4) and second == (-1, -1)
