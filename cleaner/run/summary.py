"""Counts kept during a run and the closing summary printed on stderr."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import click

from cleaner.core.result import Result
from cleaner.io import format_size


@dataclass
class Summary:
    """What a run did: files, bytes, removals per rule, failures."""

    files: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    failed: list[str] = field(default_factory=list)
    by_rule: Counter = field(default_factory=Counter)

    def add(self, result: Result, size_in: int, size_out: int) -> None:
        """Count one cleaned file."""
        self.files += 1
        self.bytes_in += size_in
        self.bytes_out += size_out
        self.by_rule.update(r.rule for r in result.removals)

    def echo(self) -> None:
        """Print the summary to stderr."""
        msg = f"cleaned {self.files} file{'s' * (self.files != 1)} ({format_size(self.bytes_in)} in, {format_size(self.bytes_out)} out)"
        if self.failed:
            msg += f"; {len(self.failed)} file{'s' * (len(self.failed) != 1)} with errors"
        click.echo(msg, err=True)
        self.echo_rules()

    def echo_rules(self) -> None:
        """Print removals per rule, most first, to stderr."""
        if self.by_rule:
            click.echo("removals by rule:", err=True)
            for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                click.echo(f"  {n:6d}  {rule}", err=True)
