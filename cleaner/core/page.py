"""The mutable state of one page while rules run over it: lines, what is gone, what was found."""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate, repeat
from operator import and_
from typing import TYPE_CHECKING, Iterable, Iterator

from cleaner.matching.fold import STRIP, fold, is_blank
from cleaner.matching.re2_adapter import byte_matches
from cleaner.result import Removal

KEEP_MARKER = "cleaner: keep"
_FOLDED_SPACE = " \t\f\v"  # what the characters output lines are stripped of (STRIP) fold to

if TYPE_CHECKING:
    from cleaner.matching.patterns import Pattern
    from cleaner.matching.prefilter import Hits
    from cleaner.ruleset.model import Rule


class Page:
    """Lines of a page with their alive flags; rules mark removals, never re-split the text."""

    def __init__(self, text: str, folded: str | None = None) -> None:
        """Split text into lines; folded, when the caller already has it, is fold(text)."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            folded = None
        self.lines: list[str] = text.split("\n")
        self.alive: list[bool] = [True] * len(self.lines)
        self.removals: list[Removal] = []
        self.metadata: dict[str, str] = {}
        # Per-line work is deferred until a rule needs it: most lines of a page meet no rule,
        # and Python work per line is what bounds throughput.
        self._text: str | None = text  # "\n".join(lines) until a line is edited
        self._folded: str | None = folded
        self._fbytes: bytes | None = None
        self._anchor = (0, 0)  # (start offset, index) of the line last located
        self._ranks: list[int] | None = None
        # Where the plan's patterns matched (set by the engine's prefilter pass); None: unknown.
        self.hits: Hits | None = None
        self.edited: set[int] = set()  # lines an edit changed (the engine checks them again)
        self.only: set[int] | None = None  # when set, rules see these lines only
        self.comments = False  # comments mode: main-content selection keeps the posts after the article
        self.posts: list[int] = []  # the first line of each kept post (the output marks it)
        # The inline escape hatch: a line carrying the marker is never touched by any rule.
        self.protected = {i for i, line in enumerate(self.lines) if KEEP_MARKER in line} if KEEP_MARKER in text else set()

    # -- matching -------------------------------------------------------------------------
    def _locate(self, data: bytes, pos: int) -> tuple[int, int, int]:
        """Index, start and end (byte offsets) of the line holding byte pos of the folded page."""
        start = data.rfind(b"\n", 0, pos) + 1
        stop = data.find(b"\n", pos)
        # Counting line breaks from the last line located (matches come in page order) is
        # cheaper than an offset table for every line of a page where few lines match.
        last_start, last_idx = self._anchor
        if start < last_start:
            last_start, last_idx = 0, 0
        idx = last_idx + data.count(b"\n", last_start, start)
        self._anchor = (start, idx)
        return idx, start, len(data) if stop < 0 else stop

    def _rank(self) -> list[int]:
        """How many non-blank lines precede each line (positional limits count these)."""
        if self._ranks is None:
            # Blank as the output sees it (render strips these characters), so that the output,
            # cleaned again, counts its lines as recount() counted them.
            before = accumulate(map(bool, map(str.strip, self.lines, repeat(STRIP))), initial=0)
            self._ranks = list(before)
        return self._ranks

    def recount(self) -> list[int]:
        """Count positional limits on the lines still alive from now on (the lines the output
        keeps); returns the counts used until now."""
        old = self._rank()
        kept = map(and_, self.alive, map(bool, map(str.strip, self.lines, repeat(STRIP))))
        self._ranks = list(accumulate(kept, initial=0))
        return old

    def reach_grew(self, rule: Rule, old: list[int]) -> bool:
        """Whether the rule's `within` limit, counted now, reaches a line it did not on old counts."""
        side, n = rule.within  # type: ignore[misc]
        ranks = self._rank()
        total = ranks[-1]
        if not total:
            return False
        # The line at the edge of the reach (the last one in a first-N limit, the first in a
        # last-N one) was out of reach before exactly when some line of the reach was.
        k = min(n, total) - 1 if side == "first" else max(total - n, 0)
        edge = bisect_left(ranks, k + 1) - 1
        return old[edge] >= n if side == "first" else old[-1] - old[edge] - 1 >= n

    @property
    def nonblank(self) -> int:
        """Non-blank lines counted (`within` limits count them): as the page came in, or since recount()."""
        return self._rank()[-1]

    def folded(self) -> str:
        """The folded view of the whole page (dead lines included; use matches() to skip them)."""
        if self._folded is None:
            if self._text is None:
                self._text = "\n".join(self.lines)
            self._folded = fold(self._text)
        return self._folded

    def folded_bytes(self) -> bytes:
        """The folded page in UTF-8 with each line stripped, what RE2 searches (encoded once).

        Patterns see each line as the output shows it, without the spaces at its ends: `^广告`
        matches "　　广告", since the output, cleaned again, shows "广告" (idempotence).
        """
        if self._fbytes is None:
            view = "\n".join(map(str.strip, self.folded().split("\n"), repeat(_FOLDED_SPACE)))
            self._fbytes = view.encode("utf-8")
        return self._fbytes

    def matches(self, pattern: Pattern, rule: Rule) -> Iterator[tuple[int, LineMatch, int]]:
        """(line index, match, -lead) for matches on live lines within the rule's limits.

        The match's offsets are characters of the stripped line; the third value is minus the
        count of spaces the line starts with, so m.start() minus it is the offset in the line
        itself. Only the pieces where the prefilter found the pattern are searched, as UTF-8
        bytes: a rule that fires once costs a short search.
        """
        data = self.folded_bytes()
        pieces = self.hits.pieces(pattern.regex.pattern) if self.hits is not None else None
        lines, only = self.lines, self.only
        for offset, piece in [(0, data)] if pieces is None else pieces:
            for spans in byte_matches(pattern.regex, piece):
                idx, start, stop = self._locate(data, offset + spans[0][0])
                if (self.alive[idx] and idx not in self.protected and self.in_scope(idx, rule)
                        and (only is None or idx in only)):
                    lead = len(lines[idx]) - len(lines[idx].lstrip(STRIP))
                    yield idx, LineMatch(_char_spans(data[start:stop], spans, start - offset)), -lead

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
        if not self.lines[idx].strip(STRIP):
            return False
        rank = self._rank()[idx]
        return rank < n if side == "first" else rank >= self.nonblank - n

    # -- changes --------------------------------------------------------------------------
    def drop(self, idx: int, rule: Rule, captured: dict[str, str] | None = None) -> None:
        """Remove line idx whole, crediting rule."""
        if not self.alive[idx] or idx in self.protected:
            return
        self.alive[idx] = False
        if self.lines[idx].strip() or captured:
            self.removals.append(Removal(rule.id, idx + 1, self.lines[idx], rule.kind, captured=captured))

    def drop_many(self, indices: Iterable[int], rule: Rule) -> None:
        """Remove many lines whole, crediting rule: drop() for each, at a fraction of the cost."""
        alive, lines, protected = self.alive, self.lines, self.protected
        gone = [i for i in indices if alive[i] and i not in protected]
        for i in gone:
            alive[i] = False
        # tuple.__new__ skips the named tuple's Python-level constructor: hundreds of lines a page.
        make, rid, kind = tuple.__new__, rule.id, rule.kind
        self.removals.extend([make(Removal, (rid, i + 1, lines[i], kind, None, None, None)) for i in gone if lines[i].strip()])

    def edit(self, idx: int, spans: list[tuple[int, int]], rule: Rule, replacement: list[str] | None = None) -> None:
        """Cut (or replace) column spans of line idx; drop the line if nothing real is left."""
        self._rank()  # positional limits count the lines as they came in: fix them before a change
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
        self._text = self._folded = self._fbytes = self.hits = None
        self._anchor = (0, 0)
        self.lines[idx] = rest
        self.edited.add(idx)
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


def _char_spans(line: bytes, spans: list[tuple[int, int]], shift: int) -> list[tuple[int, int]]:
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
