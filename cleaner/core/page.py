"""The mutable state of one page while rules run over it: lines, what is gone, what was found."""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate, repeat
from operator import and_
from typing import TYPE_CHECKING, Iterable, Iterator

from cleaner.matching.fold import STRIP, fold, is_blank
from cleaner.matching.patterns import equal_line_forms
from cleaner.matching.re2_adapter import byte_matches
from cleaner.core.keep_markers import KEEP_MARKER, read_markers
from cleaner.core.line_forms import LineForms
from cleaner.core.line_match import LineMatch, char_spans
from cleaner.result import Removal
from cleaner.ruleset.model import names_rule

_NO_DETAILS = (None,) * (len(Removal._fields) - 4)  # a whole line's removal: no column, selector...
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
        self._forms: LineForms | None = None  # the folded lines as `lines:` lists read them
        self._anchor = (0, 0)  # (start offset, index) of the line last located
        self._ranks: list[int] | None = None
        # Where the plan's patterns matched (set by the engine's prefilter pass); None: unknown.
        self.hits: Hits | None = None
        self.edited: set[int] = set()  # lines an edit changed (the engine checks them again)
        self.only: set[int] | None = None  # when set, rules see these lines only
        self.comments = False  # comments mode: main-content selection keeps the posts after the article
        self.posts: list[int] = []  # the first line of each kept post (the output marks it)
        # Indexes of the plan's rules whose trigger occurs on the page, kept by the engine: a
        # superset once lines are edited (the edited lines' hits are added, none taken away).
        self.candidates: set[int] | None = None
        # The inline escape hatch: a line carrying the marker is never touched by any rule (or
        # by the rules it names: `kept`, line index -> rule ids or file names).
        self.protected: set[int] = set()
        self.kept: dict[int, tuple[str, ...]] = {}
        if KEEP_MARKER in text:
            self.protected, self.kept = read_markers(self.lines)

    def guarded(self, idx: int, rule: Rule) -> bool:
        """Whether a marker on line idx keeps it from this rule."""
        if idx in self.protected:
            return True
        named = self.kept.get(idx) if self.kept else None
        return named is not None and names_rule(named, rule.id)

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
        lines, only = self.lines, self.only
        if only is not None and not _page_anchored(pattern.regex.pattern):
            # A few edited lines: each is searched alone (patterns never cross a line break),
            # not the whole page, folded and encoded again for them.
            yield from self._line_matches(pattern, rule, sorted(only))
            return
        data = self.folded_bytes()
        pieces = self.hits.pieces(pattern.regex.pattern) if self.hits is not None else None
        pieces = [(0, data)] if pieces is None else pieces
        if rule.within is not None and rule.within[0] == "first":
            pieces = _clipped(pieces, self._window_end(data, rule.within[1]))
        for offset, piece in pieces:
            for spans in byte_matches(pattern.regex, piece):
                idx, start, stop = self._locate(data, offset + spans[0][0])
                if (self.alive[idx] and not self.guarded(idx, rule) and self.in_scope(idx, rule)
                        and (only is None or idx in only)):
                    lead = len(lines[idx]) - len(lines[idx].lstrip(STRIP))
                    yield idx, LineMatch(char_spans(data[start:stop], spans, start - offset)), -lead

    def equal_lines(self, pattern: Pattern, rule: Rule) -> list[int]:
        """Indexes of the live lines within the rule's limits equal to a line of a `lines:` list.

        Set lookups, not a search: the page's lines in the list's form (equal_line_forms) meet
        the list in one C-level intersection, and only a line found is looked at in Python.
        """
        listed = pattern.lines
        assert listed is not None
        if self.only is not None:
            found = [i for i in sorted(self.only) if equal_line_forms(self.line_bytes(i))[0] in listed]
        else:
            if self._forms is None:
                self._forms = LineForms(self.folded_bytes())
            found = self._forms.find(listed)
        alive, scoped = self.alive, rule.within is not None
        return [i for i in found if alive[i] and not self.guarded(i, rule) and (not scoped or self.in_scope(i, rule))]

    def _window_end(self, data: bytes, n: int) -> int:
        """Where in data the lines of a `within: {first: n}` limit end: a search stops there."""
        ranks = self._rank()
        last = bisect_left(ranks, n) - 1  # the last line with fewer than n non-blank lines before it
        if last >= len(self.lines) - 1:
            return len(data)
        end = -1
        for _ in range(last + 1):
            end = data.find(b"\n", end + 1)
        return len(data) if end < 0 else end

    def _line_matches(self, pattern: Pattern, rule: Rule, indices: Iterable[int]) -> Iterator[tuple[int, LineMatch, int]]:
        """matches() on the given lines, each searched on its own."""
        lines = self.lines
        for idx in indices:
            if not self.alive[idx] or self.guarded(idx, rule) or not self.in_scope(idx, rule):
                continue
            data = self.line_bytes(idx)
            for spans in byte_matches(pattern.regex, data):
                lead = len(lines[idx]) - len(lines[idx].lstrip(STRIP))
                yield idx, LineMatch(char_spans(data, spans, 0)), -lead

    def line_bytes(self, idx: int) -> bytes:
        """Line idx as folded_bytes() holds it: folded, stripped, UTF-8."""
        return fold(self.lines[idx]).strip(_FOLDED_SPACE).encode("utf-8")

    def lines_bytes(self, indices: Iterable[int]) -> bytes:
        """The live lines among indices as folded_bytes() holds them, one per line."""
        return b"\n".join([self.line_bytes(i) for i in sorted(indices) if self.alive[i]])

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
        if not self.alive[idx] or self.guarded(idx, rule):
            return
        self.alive[idx] = False
        if self.lines[idx].strip() or captured:
            self.removals.append(Removal(rule.id, idx + 1, self.lines[idx], rule.kind, captured=captured))

    def drop_many(self, indices: Iterable[int], rule: Rule) -> None:
        """Remove many lines whole, crediting rule: drop() for each, at a fraction of the cost."""
        alive, lines = self.alive, self.lines
        if self.protected or self.kept:
            gone = [i for i in indices if alive[i] and not self.guarded(i, rule)]
        else:
            gone = [i for i in indices if alive[i]]
        for i in gone:
            alive[i] = False
        # tuple.__new__ skips the named tuple's Python-level constructor: hundreds of lines a page.
        make, rid, kind = tuple.__new__, rule.id, rule.kind
        self.removals.extend([make(Removal, (rid, i + 1, lines[i], kind, *_NO_DETAILS)) for i in gone if lines[i].strip()])

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
        self._text = self._folded = self._fbytes = self._forms = self.hits = None
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


def _clipped(pieces: list[tuple[int, bytes]], end: int) -> list[tuple[int, bytes]]:
    """The pieces cut off at byte end of the page (a line break: patterns never cross one)."""
    return [(offset, piece[:end - offset]) for offset, piece in pieces if offset < end]


def _page_anchored(source: str) -> bool:
    """Whether a compiled pattern holds \\A or \\z (the page's ends), which a line alone would fake."""
    return "\\A" in source or "\\z" in source
