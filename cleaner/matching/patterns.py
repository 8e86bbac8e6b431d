"""Compile rule-file patterns with RE2, a linear-time engine: no pattern can make the cleaner hang."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Iterator

import re2

from cleaner.matching.fold import fold, fold_pattern

RULE_OPTIONS = re2.Options()
RULE_OPTIONS.log_errors = False  # errors are reported to the rule author, not logged by absl
RULE_OPTIONS.never_nl = True  # a match never crosses a line break, even through [^x] or \s
RULE_OPTIONS.max_mem = 32 << 20  # a huge pattern fails to compile instead of eating memory

# Bounds a rule file cannot exceed: together with RE2 they keep a hostile file harmless.
MAX_PATTERN_LENGTH = 2000
MAX_LINES = 5000  # entries of one `lines:` list
_SPACE_RUN = re2.compile(r"\s+")
_INNER_SPACE = re.compile(rb"[\t\f ]{2,}|[\t\f]")  # RE2's \s, less the \n and \r a line has none of


class PatternError(ValueError):
    """A pattern that RE2 refuses, with a message meant for the rule author."""


@dataclass(frozen=True)
class Pattern:
    """A compiled rule pattern: matches the folded view, multi-line (^ and $ at line ends)."""

    source: str
    regex: object = field(repr=False, compare=False)
    # A `lines:` list: each line as equal_line_form() gives it. The engine looks lines up in
    # this set instead of searching the regex (which stays for tools that want one).
    lines: frozenset[bytes] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def group_names(self) -> dict[str, int]:
        """Named groups and their indexes (one dict for every call: read it, never change it)."""
        return dict(self.regex.groupindex)

    def finditer(self, text: str) -> Iterator[object]:
        """Matches in text (already folded)."""
        return self.regex.finditer(text)

    def search(self, text: str) -> object | None:
        """First match in text (already folded), or None."""
        return self.regex.search(text)

    def __reduce__(self) -> tuple[object, tuple[str, dict[str, object]]]:
        # RE2 objects do not pickle: a pattern pickles as the text RE2 compiled, compiled again
        # when unpickled, and its other fields (the rule cache, ruleset/cache.py, keeps parsed
        # rule files so).
        others = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "regex"}
        return _compiled_again, (self.regex.pattern, others)


def _compiled_again(compiled: str, others: dict[str, object]) -> Pattern:
    """A pickled Pattern, compiled when first searched with: a page meets few of the rules' patterns
    outside the prefilter's set, and compiling all of them was a tenth of `cleaner check`'s start-up.
    The text was checked (RE2 accepts it, it matches no empty string) when it was first compiled."""
    pattern = Pattern(regex=None, **others)
    object.__setattr__(pattern, "regex", _Deferred(pattern, compiled))
    return pattern


class _Deferred:
    """A Pattern's regex until first used: then compiled, and put in the Pattern in its place."""

    __slots__ = ("pattern", "_owner", "_regex")

    def __init__(self, owner: Pattern, pattern: str) -> None:
        self.pattern = pattern  # what the prefilter, the plan and pickling read: no compiling for them
        self._owner = owner
        self._regex = None

    def __getattr__(self, name: str) -> object:
        regex = self._regex
        if regex is None:
            regex = self._regex = re2.compile(self.pattern, RULE_OPTIONS)
            object.__setattr__(self._owner, "regex", regex)  # later searches skip this object
        return getattr(regex, name)


def compile_pattern(source: str, *, whole_line: bool = False) -> Pattern:
    """Compile a rule-file pattern; whole_line anchors it to a full line (spaces around allowed)."""
    if not source:
        raise PatternError("empty pattern")
    if len(source) > MAX_PATTERN_LENGTH:
        raise PatternError(f"pattern is {len(source)} characters long; the limit is {MAX_PATTERN_LENGTH}")
    body = fold_pattern(source)
    if whole_line:
        body = rf"^\s*(?:{body})\s*$"
    try:
        regex = re2.compile("(?m)" + body, RULE_OPTIONS)
    except re2.error as exc:
        raise PatternError(_explain(exc, source)) from None
    if regex.search("") is not None:
        raise PatternError("pattern matches the empty string, so it would match every line")
    return Pattern(source, regex)


def compile_lines(lines: list[str]) -> Pattern:
    """One pattern matching a whole line equal to one of `lines`, after folding (runs of spaces
    match any run of spaces): a list of literal lines, without a regex to read."""
    if not lines:
        raise PatternError("no lines listed")
    if len(lines) > MAX_LINES:
        raise PatternError(f"{len(lines)} lines listed; the limit is {MAX_LINES}")
    alternatives, forms = [], set()
    for line in lines:
        text = fold(line).strip()
        if not text:
            raise PatternError("an empty line would match every blank line")
        if len(text) > MAX_PATTERN_LENGTH:
            raise PatternError(f"a line is {len(text)} characters long; the limit is {MAX_PATTERN_LENGTH}")
        parts = _SPACE_RUN.split(text)
        alternatives.append(r"\s+".join(re2.escape(part) for part in parts))
        forms.add(" ".join(parts).encode("utf-8"))
    try:
        regex = re2.compile(r"(?m)^\s*(?:" + "|".join(alternatives) + r")\s*$", RULE_OPTIONS)
    except re2.error as exc:  # too large for max_mem
        raise PatternError(_explain(exc, lines[0])) from None
    return Pattern("\n".join(lines), regex, frozenset(forms))


def equal_line_forms(folded: bytes) -> list[bytes]:
    """The lines of a folded page (Page.folded_bytes: stripped, UTF-8) with each inner run of
    spaces as one space: a line matches a `lines:` pattern exactly when its form is in Pattern.lines.

    The pattern is ^\\s*part(\\s+part)*\\s*$ with no space inside a part, and the lines carry no
    space at their ends and no \\r (Page makes it a line break): only the runs inside count.
    bytes.split() splits on RE2's \\s and \\v: a page holding \\v takes the regex, line by line.
    """
    lines = folded.split(b"\n")
    if b"\v" in folded:
        return [_INNER_SPACE.sub(b" ", line) for line in lines]
    return list(map(b" ".join, map(bytes.split, lines)))  # C calls only: no Python frame a line


def _explain(exc: Exception, source: str) -> str:
    msg = exc.args[0] if exc.args else str(exc)
    if isinstance(msg, bytes):
        msg = msg.decode("utf-8", "replace")
    if any(look in source for look in ("(?=", "(?!", "(?<=", "(?<!")):
        msg += " (look-arounds are not available: RE2 runs in linear time)"
    elif "invalid escape sequence: \\1" in msg or "\\g<" in source:
        msg += " (back-references are not available: RE2 runs in linear time)"
    return f"invalid pattern {source!r}: {msg}"
