"""Run cleaning tasks on N processes: rules loaded once per worker, results in input order.

Work goes out in tasks — a few page files, a byte range of an uncompressed record file that the
worker reads itself, or a block of lines the parent read from a compressed stream — and at most
a few tasks per worker are in flight, so memory stays flat however large the input. Results come
back in the order the tasks were made, so the output is the same for any number of jobs; a
worker's output records can wait in a spool file, which the parent appends without reading.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Sequence

from cleaner.core.cleaner import Cleaner
from cleaner.core.huge import PIECES_NOTE
from cleaner.io import InputError, read_input, safe_output_path
from cleaner.io.atomic import write_temp
from cleaner.io.guess import DOUBTFUL, encoding_warning
from cleaner.io.jsonl import numbered, range_lines, split_block
from cleaner.io.tempfiles import set_owner
from cleaner.options import Options
from cleaner.result import Fields, Result, utf8_size
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.formats import render
from cleaner.run.pools import WorkerPool, fork_context
from cleaner.run.records import RecordError, clean_line
from cleaner.run.sources import Source
from cleaner.run.summary import page_shape
from cleaner.run.tasks import FailedTask, PageTask, RangeTask, RecordTask, Task, split

IN_FLIGHT_PER_JOB = 3  # enough to keep a worker busy while the parent writes, small enough for memory


@dataclass(frozen=True)
class Setup:
    """What every worker needs to know, picklable: where the rules are and how to clean."""

    rule_dirs: tuple[str, ...] = ()
    bundled: bool = True
    options: Options = Options()  # markup, main content, max size: how pages are cleaned
    fmt: str = "txt"  # output format of page inputs (records always give records)
    url: str | None = None  # --url, for page inputs
    # Where workers leave a task's output records, for the parent to append with sendfile: the
    # data then never passes through the parent (worth 0.1x of --jobs 2 on two cores).
    spool_dir: str | None = None
    out_dir: str | None = None  # -o DIR: workers write page outputs beside their targets; the parent renames
    owner: int = 0  # the run's pid, which temp names carry (0: this process's)
    fields: Fields = Fields()  # how records and JSON pages name our fields and hold the removals
    disable: tuple[str, ...] = ()  # --disable: rule ids or file names switched off

    def load(self) -> RuleSet:
        """The rule set this setup names."""
        rules = RuleSet.load([Path(d) for d in self.rule_dirs], bundled=self.bundled)
        return rules.without(self.disable) if self.disable else rules


@dataclass(frozen=True)
class Written:
    """A page output a worker left in a temp file beside its target, to be moved into place."""

    tmp: str
    target: str
    size: int
    error: str | None = None  # why it could not be written (nothing is left behind then)


@dataclass
class Outcome:
    """What a task gives back: outputs in order, errors, and counts for the summary."""

    task: Task  # for records, without their lines: the parent needs only where they belong
    outputs: list[tuple[int, str | bytes | Written | None]] = field(default_factory=list)  # (index or line, output)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (index or line, message)
    bytes_in: int = 0
    bytes_out: int = 0
    by_rule: Counter = field(default_factory=Counter)
    pages: Counter = field(default_factory=Counter)  # empty, short, unchanged: see summary.page_shape
    lines: int = 0  # for a RangeTask: how many lines its range held (its numbers are relative)
    spool: str | None = None  # the file holding the output records, instead of `outputs`
    records: int = 0  # records cleaned
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (index, message): doubtful encodings
    notes: list[tuple[int, str]] = field(default_factory=list)  # (index, message): said, not failed

    def count(self, result: Result, size_in: int, size_out: int) -> None:
        """Count one cleaned page or record."""
        self.bytes_in += size_in
        self.bytes_out += size_out
        # Plain loops: Counter.update asks whether its argument is a Mapping (an ABC check) and
        # costs more than the few items of a record it adds.
        by_rule = self.by_rule
        for removal in result.removals:
            by_rule[removal.rule] += 1
        pages = self.pages
        for shape in page_shape(result):
            pages[shape] += 1


_worker: tuple[Cleaner, Setup] | None = None


def init_worker(setup: Setup, rules: RuleSet | None = None) -> None:
    """Load the rules once for this process (a pool initializer)."""
    global _worker
    # The parent handles Ctrl-C (sent to the whole group) and ends the pool with SIGTERM.
    if multiprocessing.parent_process() is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if setup.owner:
        set_owner(setup.owner)
    _worker = (Cleaner(rules if rules is not None else setup.load(), setup.options), setup)


def run_task(task: Task) -> Outcome:
    """Clean one task with this process's rules."""
    assert _worker is not None, "init_worker was not called"
    cleaner, setup = _worker
    outcome = Outcome(task)
    if isinstance(task, FailedTask):
        outcome.errors.append((task.index, task.message))
    elif isinstance(task, PageTask):
        for n, (index, path) in enumerate(task.files):
            try:
                decoded = read_input(Path(path), max_bytes=setup.options.max_size)
                result = cleaner.clean(decoded.text, setup.url)
                out = render(result, setup.fmt, path, decoded, setup.fields)
                if cleaner.in_pieces(decoded.text):
                    outcome.notes.append((index, PIECES_NOTE))
            except Exception as exc:  # InputError, or a page that breaks the cleaner: report, go on
                message = str(exc) if isinstance(exc, InputError) else f"cannot clean: {type(exc).__name__}: {exc}"
                outcome.outputs.append((index, None))
                outcome.errors.append((index, message))
                continue
            if decoded.confidence < DOUBTFUL:
                outcome.warnings.append((index, encoding_warning(decoded)))
            size = decoded.utf8_size if decoded.utf8_size is not None else utf8_size(decoded.text)
            outcome.count(result, size, utf8_size(out))
            del decoded, result
            try:
                written = _write_page(setup, task.names[n], out) if task.names else out
            except ValueError as exc:  # a name that would land outside -o
                outcome.outputs.append((index, None))
                outcome.errors.append((index, f"cannot write output: {exc}"))
                continue
            if isinstance(written, str) and setup.spool_dir is not None:
                written = written.encode("utf-8")  # pickling a str would encode a huge page next to itself
            outcome.outputs.append((index, written))
            del out, written
    else:
        if isinstance(task, RangeTask):
            try:
                every = range_lines(Path(task.path), task.start, task.end, max_line=setup.options.max_size)
            except OSError as exc:
                outcome.errors.append((0, f"cannot read: {exc.strerror or exc}"))
                return outcome
            outcome.lines = len(every)
            lines = numbered(every, bom_line=1 if task.start == 0 else 0)
            del every  # numbered holds what it needs
        else:
            outcome.task = RecordTask(task.index, task.first_line, b"", task.last)
            lines = split_block(task.first_line, task.data)
        _clean_lines(outcome, lines, cleaner, setup.fields)
        if setup.spool_dir is not None and outcome.outputs:
            with contextlib.suppress(OSError):  # a full temp folder: the records travel back inline
                outcome.spool = _spool(setup.spool_dir, b"".join(data for _n, data in outcome.outputs))
                outcome.outputs = []
    return outcome


def _write_page(setup: Setup, name: str, text: str) -> Written:
    """Write a page's output into a temp file beside its target; a failure is told, not raised."""
    assert setup.out_dir is not None
    target = _output_path(setup.out_dir, name)
    data = text.encode("utf-8")
    try:
        return Written(write_temp(target, data), target, len(data))
    except OSError as exc:
        return Written("", target, 0, exc.strerror or str(exc))


_safe_folders: dict[tuple[str, str], str] = {}  # (out_dir, relative folder) -> its checked path


def _output_path(out_dir: str, name: str) -> str:
    """safe_output_path, with each folder's check done once: resolving every path costs ~8 lstat calls."""
    rel_folder, _slash, base = name.rpartition("/")
    folder = _safe_folders.get((out_dir, rel_folder))
    if folder is not None and base not in ("", ".", ".."):
        target = os.path.join(folder, base)
        if not os.path.islink(target):
            return target
    target = str(safe_output_path(Path(out_dir), PurePosixPath(name)))  # a symlink may lead out of -o
    if not os.path.islink(target):
        _safe_folders[(out_dir, rel_folder)] = os.path.dirname(target)
    return target


def _clean_lines(outcome: Outcome, lines: Iterable[tuple[int, bytes]], cleaner: Cleaner, fields: Fields) -> None:
    """Clean numbered JSON lines into outcome; each line is let go of as soon as it is parsed."""
    # Popped, not iterated: no variable here holds a line while it is cleaned, so a huge record
    # is not kept alive next to its parsed page and its output.
    queue = list(lines)
    queue.reverse()
    while queue:
        number, size = queue[-1][0], len(queue[-1][1])
        try:
            # UTF-8 bytes: they cross the process boundary and hit the file as they are.
            data, result = clean_line(queue.pop()[1], cleaner, fields)
        except RecordError as exc:
            outcome.errors.append((number, str(exc)))
            continue
        except Exception as exc:  # one page that breaks the cleaner must not stop the stream
            outcome.errors.append((number, f"cannot clean: {type(exc).__name__}: {exc}"))
            continue
        outcome.count(result, size, 0)
        del result
        outcome.outputs.append((number, data))
        outcome.records += 1
        outcome.bytes_out += len(data)


_spooled = 0


def _spool(folder: str, data: bytes) -> str:
    """Write data to a new file in folder; return its path."""
    global _spooled
    _spooled += 1
    path = os.path.join(folder, f"{os.getpid()}-{_spooled}.part")
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return path


def run_ordered(tasks: Iterable[Task], setup: Setup, jobs: int, rules: RuleSet | None = None) -> Iterator[Outcome]:
    """Outcomes of tasks in task order, on `jobs` processes (1: in this process, with `rules`)."""
    if jobs <= 1:
        init_worker(setup, rules)
        for task in tasks:
            yield run_task(task)
        return
    # fork: a worker starts in milliseconds, without importing anything again (the parent has
    # no other threads at this point); elsewhere the platform's default.
    context = fork_context()
    # A forked worker inherits the parent's rules as they are (nothing is pickled): loading them
    # again in every worker is start-up time that no number of jobs shortens.
    forked = context.get_start_method() == "fork"
    initargs = (setup, rules) if forked and rules is not None else (setup,)
    workers = WorkerPool(jobs, initializer=init_worker, initargs=initargs, context=context)
    done = False
    try:
        pending: deque = deque()
        in_flight = IN_FLIGHT_PER_JOB * jobs
        for task in tasks:
            pending.append(workers.pool.apply_async(run_task, (task,)))
            if len(pending) >= in_flight:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        done = True
    finally:
        # When the consumer stops early or is interrupted (close() of this generator) the
        # workers are ended; either way no process outlives the run.
        workers.end(done=done)


def outcomes(sources: list[Source], setup: Setup, jobs: int, *, rules: RuleSet | None = None,
             names: Sequence[str | None] | None = None) -> Iterator[Outcome]:
    """Outcomes of cleaning the sources, in input order, on `jobs` local processes (the runner interface).

    names: with Setup.out_dir, each page input's output name, which its worker writes itself.
    """
    tasks = split(sources, setup.options.max_size, names=list(names) if names else None, workers=jobs)
    return run_ordered(tasks, setup, jobs, rules)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
