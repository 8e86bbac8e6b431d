"""The one place that reaches into google-re2's private API (tests/test_re2_adapter.py guards it).

re2.finditer on a str encodes the text again for every search and converts every offset; the
engine searches UTF-8 it already holds, through the compiled regex's low-level object.
"""
from __future__ import annotations

from typing import Iterator

import re2

_UNANCHORED = re2._Anchor.UNANCHORED  # private: the anchor enum of the low-level Match


def byte_matches(regex: object, data: bytes) -> Iterator[list[tuple[int, int]]]:
    """Byte spans of the successive matches in UTF-8 data, the matches finditer gives on the text.

    The loop of re2's own finditer, minus what it spends on a str: encoding it again for every
    search and converting every offset.
    """
    low = regex._regexp  # type: ignore[attr-defined]
    pos, end = 0, len(data)
    while True:
        spans = low.Match(_UNANCHORED, data, pos, end)
        if spans[0][0] < 0:
            return
        yield spans
        if pos == end:
            return
        if pos == spans[0][1]:  # an empty match here: step over one character
            lead = data[pos]
            pos += 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        else:
            pos = spans[0][1]
