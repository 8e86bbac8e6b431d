"""Where `cleaner clean` puts results: stdout, one (compressed) JSON Lines file, or a folder."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import click

from ..io import format_size, plan_output_names, safe_output_path, write_atomic
from ..io.walk import output_name
from ..jsonl import AtomicWriter, is_jsonl_name
from ..parallel import FailedTask, Outcome, PageTask, RangeTask
from .formats import SUFFIX
from .summary import Summary


@dataclass(frozen=True)
class Source:
    """One input: a page file, or a stream of JSON records (a file or stdin)."""

    path: Path
    rel: PurePosixPath
    records: bool

    @property
    def display(self) -> str:
        """How messages name it."""
        return "<stdin>" if str(self.path) == "-" else str(self.path)


class RunSummary(Summary):
    """The summary, counting JSON records as well as page files."""

    def __init__(self) -> None:
        super().__init__()
        self.records = 0
        self.failed_records = 0

    def echo(self) -> None:
        """Print the summary to stderr; with no records, exactly as for page files."""
        if not self.records and not self.failed_records:
            return super().echo()
        done = [f"{self.files} file{'s' * (self.files != 1)}"] if self.files else []
        done.append(f"{self.records} record{'s' * (self.records != 1)}")
        msg = f"cleaned {' and '.join(done)} ({format_size(self.bytes_in)} in, {format_size(self.bytes_out)} out)"
        bad = []
        if len(self.failed) - self.failed_records:
            n = len(self.failed) - self.failed_records
            bad.append(f"{n} file{'s' * (n != 1)}")
        if self.failed_records:
            bad.append(f"{self.failed_records} record{'s' * (self.failed_records != 1)}")
        if bad:
            msg += f"; {' and '.join(bad)} with errors"
        click.echo(msg, err=True)
        self.echo_rules()


class Sink:
    """Routes outcomes, in order, to their outputs and counts them."""

    def __init__(self, sources: list[Source], output: Path | None, fmt: str, summary: RunSummary) -> None:
        self.sources, self.output, self.fmt, self.summary = sources, output, fmt, summary
        # One file for everything when jsonl is asked for, or -o names a .jsonl file.
        self.single = output is not None and (fmt == "jsonl" or is_jsonl_name(output.name))
        self.shared = AtomicWriter(output) if self.single and output is not None else None
        self.per_input: dict[int, AtomicWriter] = {}
        self.line_base: dict[int, int] = {}
        self.names = self._plan_names() if output is not None and not self.single else {}

    def take(self, outcome: Outcome) -> list[int]:
        """Write an outcome's outputs, report its errors; return the inputs it finished."""
        task, s = outcome.task, self.summary
        s.bytes_in += outcome.bytes_in
        s.bytes_out += outcome.bytes_out
        s.by_rule.update(outcome.by_rule)
        if isinstance(task, PageTask):
            for index, message in outcome.notes:
                click.echo(f"{self.sources[index].display}: note: {message}", err=True)
            errors = dict(outcome.errors)
            for index, text in outcome.outputs:
                source = self.sources[index]
                if text is None:
                    self._fail(source.display, errors[index])
                elif self.page(source, text):
                    s.files += 1
            return [index for index, _path in task.files]
        source = self.sources[task.index]
        # A range's line numbers count from its own first line: add the lines of the ranges before.
        base = self.line_base.get(task.index, 0) if isinstance(task, RangeTask) else 0
        for number, message in outcome.errors:
            whole = isinstance(task, FailedTask) or number == 0
            self._fail(source.display if whole else f"{source.display}:{base + number}", message, record=not whole)
        if isinstance(task, RangeTask):
            self.line_base[task.index] = base + outcome.lines
        if outcome.spool is not None:
            s.records += outcome.records
            self._spooled(task.index, outcome.spool)
        else:
            lines = [data for _n, data in outcome.outputs if isinstance(data, bytes)]
            s.records += len(lines)
            self._records(task.index, lines)
        if task.last:
            self._done(task.index)
            return [task.index]
        return []

    def close(self, ok: bool = True) -> None:
        """Finish every output file (ok) or drop the unfinished ones."""
        writers = list(self.per_input.values()) + ([self.shared] if self.shared else [])
        for writer in writers:
            writer.commit() if ok else writer.abort()
        self.per_input.clear()
        self.shared = None

    def page(self, source: Source, text: str) -> bool:
        """Write one page's output; False (reported) when it cannot be written."""
        if self.output is None:
            click.echo(text, nl=False)
        elif self.shared is not None:
            self.shared.write(text)
        else:
            try:
                write_atomic(safe_output_path(self.output, self.names[source.rel]), text)
            except (OSError, ValueError) as exc:
                self._fail(source.display, f"cannot write output: {exc}")
                return False
        return True

    def _plan_names(self) -> dict[PurePosixPath, PurePosixPath]:
        """Output names of the page inputs, no two alike; each rename is announced on stderr."""
        suffix = SUFFIX[self.fmt]
        plan = plan_output_names([s.rel for s in self.sources if not s.records], suffix)
        for rel, out in plan.items():
            wanted = rel.with_name(output_name(rel.name, suffix))
            if out != wanted:
                click.echo(f"{rel}: note: another input is also written as {wanted}; this one goes to {out}", err=True)
        return plan

    def _records(self, index: int, lines: list[bytes]) -> None:
        data = b"".join(lines)
        if self.output is None:
            if data:
                click.echo(data, nl=False)
        elif self.shared is not None:
            self.shared.write(data)
        else:
            writer = self.per_input.get(index)
            if writer is None:
                writer = self.per_input[index] = AtomicWriter(safe_output_path(self.output, self.sources[index].rel))
            writer.write(data)

    def _spooled(self, index: int, path: str) -> None:
        try:
            if self.output is None:
                with open(path, "rb") as handle:
                    click.echo(handle.read(), nl=False)
            else:
                self._records(index, [])  # opens the input's writer if it has none yet
                (self.shared or self.per_input[index]).append_file(path)
        finally:
            os.unlink(path)

    def _done(self, index: int) -> None:
        if self.output is not None and self.shared is None:
            self._records(index, [])  # an input without records still gets its (empty) output
            self.per_input.pop(index).commit()

    def _fail(self, where: str, message: str, *, record: bool = False) -> None:
        click.echo(f"{where}: error: {message}", err=True)
        self.summary.failed.append(where)
        if record:
            self.summary.failed_records += 1
