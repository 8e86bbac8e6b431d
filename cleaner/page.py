"""The mutable state of one page while rules run over it: lines, what is gone, what was found."""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Iterator

from .fold import fold, is_blank
from .result import Removal

KEEP_MARKER = "cleaner: keep"

if TYPE_CHECKING:
    from .patterns import Pattern
    from .ruleset.model import Rule


class Page:
    """Lines of a page with their alive flags; rules mark removals, never re-split the text."""

    def __init__(self, text: str) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.lines: list[str] = text.split("\n")
        self.alive: list[bool] = [True] * len(self.lines)
        self.removals: list[Removal] = []
        self.metadata: dict[str, str] = {}
        # Positional limits (`within`) count the non-blank lines of the page as it came in.
        self._rank: list[int] = []
        rank = 0
        for line in self.lines:
            self._rank.append(rank)
            if line.strip():
                rank += 1
        self.nonblank = rank
        self._joined: tuple[str, list[int]] | None = None
        # The inline escape hatch: a line carrying the marker is never touched by any rule.
        self.protected = {i for i, line in enumerate(self.lines) if KEEP_MARKER in line} if KEEP_MARKER in text else set()

    # -- matching -------------------------------------------------------------------------
    def _view(self) -> tuple[str, list[int]]:
        """The folded page and each line's start offset, rebuilt only after a line's text changed."""
        if self._joined is None:
            starts, pos = [], 0
            for line in self.lines:
                starts.append(pos)
                pos += len(line) + 1
            self._joined = (fold("\n".join(self.lines)), starts)
        return self._joined

    def folded(self) -> str:
        """The folded view of the whole page (dead lines included; use matches() to skip them)."""
        return self._view()[0]

    def matches(self, pattern: Pattern, rule: Rule) -> Iterator[tuple[int, object, int]]:
        """(line index, match, line start offset) for matches on live lines within the rule's limits."""
        text, starts = self._view()
        for m in pattern.finditer(text):
            idx = bisect_right(starts, m.start()) - 1
            if self.alive[idx] and idx not in self.protected and self.in_scope(idx, rule):
                yield idx, m, starts[idx]

    def first_line(self, pattern: Pattern, rule: Rule, after: int = -1) -> int | None:
        """Index of the first live line after `after` that the pattern matches, or None."""
        for idx, _m, _start in self.matches(pattern, rule):
            if idx > after:
                return idx
        return None

    def in_scope(self, idx: int, rule: Rule) -> bool:
        """Whether line idx lies inside the rule's `within` limit."""
        if rule.within is None:
            return True
        side, n = rule.within
        if not self.lines[idx].strip():
            return False
        rank = self._rank[idx]
        return rank < n if side == "first" else rank >= self.nonblank - n

    # -- changes --------------------------------------------------------------------------
    def drop(self, idx: int, rule: Rule, captured: dict[str, str] | None = None) -> None:
        """Remove line idx whole, crediting rule."""
        if not self.alive[idx] or idx in self.protected:
            return
        self.alive[idx] = False
        if self.lines[idx].strip() or captured:
            self.removals.append(Removal(rule.id, idx + 1, self.lines[idx], rule.kind, captured=captured))

    def edit(self, idx: int, spans: list[tuple[int, int]], rule: Rule, replacement: list[str] | None = None) -> None:
        """Cut (or replace) column spans of line idx; drop the line if nothing real is left."""
        line = self.lines[idx]
        parts, last = [], 0
        for n, (start, end) in enumerate(spans):
            if start < last:
                continue  # overlapping match: the earlier one already took these characters
            new = replacement[n] if replacement is not None else None
            self.removals.append(Removal(rule.id, idx + 1, line[start:end], rule.kind, column=start + 1, replacement=new))
            parts.append(line[last:start])
            if new:
                parts.append(new)
            last = end
        parts.append(line[last:])
        rest = "".join(parts)
        self._joined = None
        self.lines[idx] = rest
        if replacement is None and is_blank(rest):
            self.alive[idx] = False
            if rest.strip():
                self.removals.append(Removal(rule.id, idx + 1, rest, rule.kind))

    def capture(self, fields: dict[str, str]) -> None:
        """Record metadata; the first value found for a field wins."""
        for name, value in fields.items():
            if value and name not in self.metadata:
                self.metadata[name] = value

    def live_lines(self) -> list[tuple[int, str]]:
        """(index, text) of the lines still on the page."""
        return [(i, line) for i, line in enumerate(self.lines) if self.alive[i]]
