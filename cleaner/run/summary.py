"""Counts kept during a run, the closing summary (lines for stderr) and the --stats record."""
from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleaner.io import format_size
from cleaner.result import Result

# A page left with fewer characters than this is "very short" in --stats: a line or two, too
# little to be an article (a round number, set on no corpus).
SHORT_CHARS = 100
TYPE = "type:"  # page shapes under this prefix are page types (metadata page_type)

# Kinds of errors for --stats, by the message each error says (first match wins).
# Patterns, compiled (and kept) by `re` when a run first has an error to count.
_ERROR_KINDS = (
    ("invalid-json", r"^(invalid JSON|line is not UTF-8|a number in the record)"),
    ("bad-record", r'^(record is a|record has no|"[^"]*" is |"[^"]*": )'),
    ("too-large", r"over the .* limit \(--max-size\)"),
    ("cannot-read", r"^(cannot read|is a directory)"),
    ("cannot-write", r"^cannot write"),
    ("cannot-decode", r"^(cannot decode|binary file)"),
    ("damaged-compression", r"^(corrupt|truncated) (gzip|zstd)"),
    ("cannot-clean", r"^cannot clean"),
)


def plural(count: int, word: str) -> str:
    """'1 file', '2 files': a count with its noun in the number it takes."""
    return f"{count} {word}{'s' * (count != 1)}"


def error_kind(message: str) -> str:
    """The kind of an error message, for counting: invalid-json, too-large, cannot-read, ... or other."""
    return next((kind for kind, pattern in _ERROR_KINDS if re.search(pattern, message)), "other")


def page_shape(result: Result) -> list[str]:
    """What --stats counts of a cleaned page: left empty or very short, unchanged (no removal), its type."""
    kind = result.metadata.get("page_type")
    shape = [f"{TYPE}{kind}"] if isinstance(kind, str) else []
    if not result.text.strip():
        shape.append("empty")
    elif len(result.text) < SHORT_CHARS:
        shape.append("short")
    if not result.removals:
        shape.append("unchanged")
    return shape


@dataclass
class Summary:
    """What a run did: files and JSON records, bytes, removals per rule, page shapes, failures."""

    files: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    failed: list[str] = field(default_factory=list)  # where each failure was: a path, or path:line
    by_rule: Counter = field(default_factory=Counter)
    records: int = 0
    failed_records: int = 0
    pages: Counter = field(default_factory=Counter)  # empty, short, unchanged (see page_shape)
    errors: Counter = field(default_factory=Counter)  # by kind (see error_kind)
    started: float = field(default_factory=time.monotonic)

    def add(self, result: Result, size_in: int, size_out: int) -> None:
        """Count one cleaned file."""
        self.files += 1
        self.bytes_in += size_in
        self.bytes_out += size_out
        self.by_rule.update(r.rule for r in result.removals)
        self.pages.update(page_shape(result))

    def fail(self, where: str, message: str, *, record: bool = False) -> None:
        """Count one failure (a file, or a record of one) and its kind."""
        self.failed.append(where)
        self.errors[error_kind(message)] += 1
        if record:
            self.failed_records += 1

    def elapsed(self) -> float:
        """Seconds since the run began."""
        return time.monotonic() - self.started

    def progress(self) -> str:
        """What the progress bar shows after n/N: the input rate and the time so far."""
        elapsed = self.elapsed()
        rate = format_size(int(self.bytes_in / elapsed)) if elapsed > 0 else "0 B"
        return f"{rate}/s, {_clock(elapsed)}"

    def lines(self, elapsed: float | None = None) -> list[str]:
        """The summary; with no records, it speaks of files only; with elapsed, it says how long it took."""
        sizes = f"({format_size(self.bytes_in)} in, {format_size(self.bytes_out)} out)"
        if elapsed is not None:
            sizes += f" in {_seconds(elapsed)}"
        if not self.records and not self.failed_records:
            msg = f"cleaned {plural(self.files, 'file')} {sizes}"
            if self.failed:
                msg += f"; {plural(len(self.failed), 'file')} with errors"
        else:
            done = [plural(self.files, "file")] if self.files else []
            done.append(plural(self.records, "record"))
            msg = f"cleaned {' and '.join(done)} {sizes}"
            bad = []
            if len(self.failed) - self.failed_records:
                bad.append(plural(len(self.failed) - self.failed_records, "file"))
            if self.failed_records:
                bad.append(plural(self.failed_records, "record"))
            if bad:
                msg += f"; {' and '.join(bad)} with errors"
        return [msg, *self.rule_lines()]

    def rule_lines(self) -> list[str]:
        """Removals per rule, most first."""
        if not self.by_rule:
            return []
        ranked = sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        return ["removals by rule:", *(f"  {n:6d}  {rule}" for rule, n in ranked)]

    def stats(self, elapsed: float) -> dict[str, Any]:
        """The run as --stats writes it (JSON-ready)."""
        ranked = sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        return {
            "files": self.files,
            "records": self.records,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "removals": {"total": sum(self.by_rule.values()), "by_rule": dict(ranked)},
            # short: under SHORT_CHARS characters left; unchanged: no rule removed anything
            "pages": {"cleaned": self.files + self.records, "empty": self.pages["empty"], "short": self.pages["short"],
                      "short_chars": SHORT_CHARS, "unchanged": self.pages["unchanged"],
                      # article, listing, forum, other (pages with rules only have none)
                      "by_type": {k[len(TYPE):]: n for k, n in sorted(self.pages.items()) if k.startswith(TYPE)}},
            "errors": {"total": len(self.failed), "files": len(self.failed) - self.failed_records,
                       "records": self.failed_records, "by_kind": dict(sorted(self.errors.items()))},
            "elapsed_seconds": round(elapsed, 3),
        }


def _clock(elapsed: float) -> str:
    """0:07, 12:34, 1:02:03: elapsed time as a clock shows it."""
    minutes, seconds = divmod(int(elapsed), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}" if minutes >= 60 else f"{minutes}:{seconds:02d}"


def _seconds(elapsed: float) -> str:
    if elapsed < 60:
        return f"{elapsed:.1f} s"
    minutes, seconds = divmod(round(elapsed), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}" if minutes >= 60 else f"{minutes}:{seconds:02d} min"
