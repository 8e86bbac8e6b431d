"""Where `cleaner clean` puts results: stdout, one (compressed) JSON Lines file, or a folder."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Callable

from cleaner.io import AtomicWriter, SyncBatch, plan_output_names, safe_output_path
from cleaner.io.atomic import Failure, write_temp
from cleaner.io.tempfiles import sweep
from cleaner.io.walk import output_name
from cleaner.run.formats import SUFFIX, one_file
from cleaner.run.local import Outcome, Written
from cleaner.run.sources import Say, Source
from cleaner.run.summary import Summary
from cleaner.run.tasks import FailedTask, PageTask, RangeTask

Out = Callable[["str | bytes"], None]  # takes results for stdout


class Sink:
    """Routes outcomes, in order, to their outputs and counts them.

    An output that cannot be written (permissions, a full disk) is reported once as
    `path: error: cannot write: reason` and dropped, temp file and all; the other outputs go on.
    When the one shared output fails, nothing is left to write: `stopped` tells the run to end.
    Messages go to say (one line each, for stderr); with no output, results go to out.
    """

    def __init__(self, sources: list[Source], output: Path | None, fmt: str, summary: Summary, *,
                 say: Say, out: Out) -> None:
        self.sources, self.output, self.fmt, self.summary = sources, output, fmt, summary
        self.say, self.out = say, out
        # One file for everything when jsonl is asked for, or -o names a .jsonl file (or one page's .json).
        self.single = one_file(fmt, output)
        self.stopped = False
        self.shared: AtomicWriter | None = None
        if self.single and output is not None:
            try:
                self.shared = AtomicWriter(output)
            except OSError as exc:
                self._cannot_write(output, exc)
                self.stopped = True
        # Page outputs and per-input record files are made durable many at a time (see SyncBatch).
        self.batch = SyncBatch()
        self._batched_pages: set[str] = set()  # page outputs in the batch, uncounted if it fails
        self.per_input: dict[int, AtomicWriter] = {}
        self.dropped: set[int] = set()  # inputs whose output failed: their later records are dropped
        self.line_base: dict[int, int] = {}
        self.names = self._plan_names() if output is not None and not self.single else {}
        for folder in {rel.parent for rel in self.names.values()}:
            # Before any worker starts: temp files of killed runs go, and this run knows every
            # folder its workers may leave temp files in when it is interrupted.
            sweep(Path(output).joinpath(*folder.parts))

    def take(self, outcome: Outcome) -> list[int]:
        """Write an outcome's outputs, report its errors; return the inputs it finished."""
        task, s = outcome.task, self.summary
        s.bytes_in += outcome.bytes_in
        s.bytes_out += outcome.bytes_out
        s.by_rule.update(outcome.by_rule)
        s.pages.update(outcome.pages)
        for index, message in outcome.warnings:
            self.say(f"{self.sources[index].display}: warning: {message}")
        if isinstance(task, PageTask):
            for index, message in outcome.notes:
                self.say(f"{self.sources[index].display}: note: {message}")
            errors = dict(outcome.errors)
            for index, text in outcome.outputs:
                source = self.sources[index]
                if text is None:
                    self._fail(source.display, errors[index])
                elif self._adopt(text) if isinstance(text, Written) else self.page(source, text):
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
        """Finish every output file (ok) and make them durable, or drop the unfinished ones."""
        writers, shared = list(self.per_input.items()), self.shared
        self.per_input.clear()
        self.shared = None
        if not ok:
            for _index, writer in writers:
                writer.abort()
            if shared is not None:
                shared.abort()
            self.batch.abort()
            return
        for index, writer in writers:
            self._commit(index, writer)
        self._flushed(self.batch.flush())
        if shared is not None:
            try:
                shared.commit()
            except OSError as exc:
                self._cannot_write(shared.path, exc)

    def page(self, source: Source, text: str | bytes) -> bool:
        """Write one page's output; False (reported) when it cannot be written."""
        if self.output is None:
            self.out(text)
        elif self.single:
            return self._write_shared(text)
        else:
            try:
                target = safe_output_path(self.output, self.names[source.rel])
            except ValueError as exc:
                self._fail(source.display, f"cannot write output: {exc}")
                return False
            data = text.encode("utf-8") if isinstance(text, str) else text
            try:
                tmp = write_temp(target, data)
            except OSError as exc:
                self._cannot_write(target, exc)
                return False
            return self._adopt(Written(tmp, str(target), len(data)))
        return True

    def _adopt(self, written: Written) -> bool:
        """Take a page output written to a temp file into the batch; False if it failed."""
        if written.error is not None:
            self._fail(written.target, f"cannot write: {written.error}")
            return False
        self._batched_pages.add(written.target)
        self._flushed(self.batch.adopt(written.tmp, written.target, written.size))
        return True

    def page_names(self) -> list[str | None] | None:
        """For output into a folder, each input's output name (None for record inputs)."""
        if not self.names:
            return None
        return [None if s.records else str(self.names[s.rel]) for s in self.sources]

    def _write_shared(self, data: str | bytes) -> bool:
        """Append to the one output file; on failure drop it and stop the run."""
        return self._shared_do(lambda writer: writer.write(data))

    def _shared_do(self, action: Callable[[AtomicWriter], object]) -> bool:
        """Apply action to the one output file; on failure drop it and stop the run."""
        if self.shared is None:
            return False
        try:
            action(self.shared)
        except OSError as exc:
            self.shared.abort()
            self._cannot_write(self.shared.path, exc)
            self.shared, self.stopped = None, True
            return False
        return True

    def _commit(self, index: int, writer: AtomicWriter) -> None:
        """Hand a finished per-input file to the batch."""
        try:
            self._flushed(writer.commit_into(self.batch))
        except OSError as exc:
            self._cannot_write(writer.path, exc)
            self.dropped.add(index)

    def _flushed(self, failures: list[Failure]) -> None:
        """Report the outputs a batch could not make durable or move into place."""
        for path, exc in failures:
            if str(path) in self._batched_pages:
                self.summary.files -= 1  # counted when written, lost after all
            self._cannot_write(path, exc)
        if not self.batch.pending:
            self._batched_pages.clear()

    def _cannot_write(self, path: Path, exc: OSError) -> None:
        self._fail(str(path), f"cannot write: {exc.strerror or exc}")

    def _plan_names(self) -> dict[PurePosixPath, PurePosixPath]:
        """Output names of the page inputs, no two alike; each rename is announced on stderr."""
        suffix = SUFFIX[self.fmt]
        plan = plan_output_names([s.rel for s in self.sources if not s.records], suffix)
        for rel, out in plan.items():
            wanted = rel.with_name(output_name(rel.name, suffix))
            if out != wanted:
                self.say(f"{rel}: note: another input is also written as {wanted}; this one goes to {out}")
        return plan

    def _records(self, index: int, lines: list[bytes]) -> None:
        data = b"".join(lines)
        if self.output is None:
            if data:
                self.out(data)
        elif self.single:
            self._write_shared(data)
        else:
            self._per_input(index, lambda writer: writer.write(data))

    def _per_input(self, index: int, action: Callable[[AtomicWriter], object]) -> None:
        """Apply action to the input's output file (opened on first use); drop it on failure."""
        if index in self.dropped:
            return
        writer = self.per_input.get(index)
        try:
            if writer is None:
                target = safe_output_path(self.output, self.sources[index].rel)
                writer = self.per_input[index] = AtomicWriter(target)
            action(writer)
        except OSError as exc:
            self.per_input.pop(index, None)
            if writer is not None:
                writer.abort()
            self._cannot_write(writer.path if writer else safe_output_path(self.output, self.sources[index].rel), exc)
            self.dropped.add(index)

    def _spooled(self, index: int, path: str) -> None:
        try:
            if self.output is None:
                with open(path, "rb") as handle:
                    self.out(handle.read())
            elif self.single:
                self._shared_do(lambda writer: writer.append_file(path))
            else:
                self._per_input(index, lambda writer: writer.append_file(path))
        finally:
            os.unlink(path)

    def _done(self, index: int) -> None:
        if self.output is not None and not self.single:
            self._records(index, [])  # an input without records still gets its (empty) output
            writer = self.per_input.pop(index, None)
            if writer is not None:
                self._commit(index, writer)

    def _fail(self, where: str, message: str, *, record: bool = False) -> None:
        self.say(f"{where}: error: {message}")
        self.summary.fail(where, message, record=record)
