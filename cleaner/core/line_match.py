"""A rule pattern's match in one line, in characters of that line (the engine matches UTF-8 bytes)."""
from __future__ import annotations


class LineMatch:
    """A match whose offsets are characters of its line, as rule kinds slice the line."""

    __slots__ = ("_spans",)

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans

    def span(self, group: int = 0) -> tuple[int, int]:
        """(start, end) of a group, (-1, -1) when it took no part."""
        return self._spans[group]

    def start(self, group: int = 0) -> int:
        """Where a group starts."""
        return self._spans[group][0]

    def end(self, group: int = 0) -> int:
        """Where a group ends."""
        return self._spans[group][1]


def char_spans(line: bytes, spans: list[tuple[int, int]], shift: int) -> list[tuple[int, int]]:
    """Byte spans (shifted to the line) as character offsets in the line."""
    ascii_only = line.isascii()
    out = []
    for start, end in spans:
        if start < 0:
            out.append((-1, -1))
        elif ascii_only:
            out.append((start - shift, end - shift))
        else:
            out.append((len(line[: start - shift].decode("utf-8")), len(line[: end - shift].decode("utf-8"))))
    return out
