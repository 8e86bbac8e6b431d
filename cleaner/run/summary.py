"""Counts kept during a run and the closing summary, as lines for the front-end to print on stderr."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cleaner.io import format_size
from cleaner.result import Result


def plural(count: int, word: str) -> str:
    """'1 file', '2 files': a count with its noun in the number it takes."""
    return f"{count} {word}{'s' * (count != 1)}"


@dataclass
class Summary:
    """What a run did: files and JSON records, bytes, removals per rule, failures."""

    files: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    failed: list[str] = field(default_factory=list)  # where each failure was: a path, or path:line
    by_rule: Counter = field(default_factory=Counter)
    records: int = 0
    failed_records: int = 0

    def add(self, result: Result, size_in: int, size_out: int) -> None:
        """Count one cleaned file."""
        self.files += 1
        self.bytes_in += size_in
        self.bytes_out += size_out
        self.by_rule.update(r.rule for r in result.removals)

    def lines(self) -> list[str]:
        """The summary; with no records, it speaks of files only."""
        sizes = f"({format_size(self.bytes_in)} in, {format_size(self.bytes_out)} out)"
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
