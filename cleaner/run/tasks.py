"""The one task splitter: a run's sources cut into picklable tasks, in input order, for any runner.

Page files go a few at a time; an uncompressed record file goes as byte ranges that the worker
reads itself (nothing passes through the parent); a compressed file or stdin goes as blocks of
lines the parent reads, or, for a runner whose workers read their own files (Ray), as one
stream task per file.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from cleaner.io import InputError
from cleaner.io.compression import open_stream
from cleaner.io.jsonl import BLOCK_BYTES, is_compressed, iter_blocks, read_blocks
from cleaner.run.sources import Source

PAGES_PER_TASK = 8
# With several workers, a record file is cut into at least this many ranges per worker (none
# under MIN_RANGE_BYTES): the run's last ranges then leave a worker idle for a short time only.
RANGES_PER_WORKER = 8
MIN_RANGE_BYTES = 64 << 10


@dataclass(frozen=True)
class PageTask:
    """Page files to clean: (input index, path), and with Setup.out_dir their output names."""

    files: tuple[tuple[int, str], ...]
    names: tuple[str, ...] = ()  # relative output names, one per file; () returns the text


@dataclass(frozen=True)
class RecordTask:
    """A block of whole JSON lines of one input and its first line's number; last marks the final one."""

    index: int
    first_line: int = 1
    data: bytes = b""
    last: bool = False


@dataclass(frozen=True)
class RangeTask:
    """Bytes [start, end) of an uncompressed record file, read by the worker itself.

    The parent hands out offsets, not data; line numbers in the outcome count from the range's
    first line, and the sink, taking outcomes in order, adds the lines before it.
    """

    index: int
    path: str
    start: int
    end: int
    last: bool = False


@dataclass(frozen=True)
class StreamTask:
    """A whole (compressed) record file that the worker reads itself, as record tasks (see streamed)."""

    index: int
    path: str


@dataclass(frozen=True)
class FailedTask:
    """An input that failed before any task could be made of it (unreadable, corrupt stream)."""

    index: int
    message: str
    last: bool = True


Task = Union[PageTask, RecordTask, RangeTask, StreamTask, FailedTask]


def split(sources: list[Source], max_size: int, *, names: list[str | None] | None = None,
          range_bytes: int = BLOCK_BYTES, streams_here: bool = True, absolute: bool = False,
          workers: int = 1) -> Iterator[Task]:
    """Tasks in input order: page files a few at a time, record streams in ranges or blocks.

    names (output into a folder): page tasks carry each page's output name, and the worker
    writes the output itself. streams_here=False: compressed files go as StreamTasks, for
    workers that read them; absolute: paths that hold on workers with another working folder.
    workers: how many processes share the tasks (a small record file is cut finer for more).
    """
    pages: list[tuple[int, str]] = []

    def task() -> PageTask:
        return PageTask(tuple(pages), tuple(str(names[i]) for i, _p in pages) if names else ())

    for index, source in enumerate(sources):
        path = os.path.abspath(source.path) if absolute and str(source.path) != "-" else str(source.path)
        if not source.records:
            pages.append((index, path))
            if len(pages) >= PAGES_PER_TASK:
                yield task()
                pages = []
            continue
        if pages:
            yield task()
            pages = []
        yield from _record_tasks(index, path, max_size, range_bytes, streams_here, workers)
    if pages:
        yield task()


def _record_tasks(index: int, path: str, max_size: int, range_bytes: int, here: bool, workers: int) -> Iterator[Task]:
    """The tasks of one record input (a file, or "-" for stdin)."""
    if path != "-":
        try:
            size = os.stat(path).st_size
            plain = Path(path).is_file() and not is_compressed(Path(path))
        except OSError:
            plain = False
        if plain:
            if workers > 1:
                range_bytes = min(range_bytes, max(MIN_RANGE_BYTES, -(-size // (workers * RANGES_PER_WORKER))))
            starts = list(range(0, size, range_bytes)) or [0]
            for n, start in enumerate(starts):
                last = n == len(starts) - 1  # the last range ends at the end (a longer one would be empty past it)
                yield RangeTask(index, path, start, max(size, start + 1) if last else start + range_bytes, last)
            return
        if not here:
            yield StreamTask(index, path)
            return
    # Lines over the record limit travel as stand-ins, so one huge line costs no memory here.
    if path == "-":
        blocks = iter_blocks(open_stream(sys.stdin.buffer), max_line=max_size)
    else:
        blocks = read_blocks(Path(path), max_line=max_size)
    yield from record_tasks(index, blocks)


def record_tasks(index: int, blocks: Iterable[tuple[int, bytes]], *, last: bool = True) -> Iterator[Task]:
    """Tasks of one record stream, read as they are needed; a read error ends the stream."""
    try:
        for first_line, data in blocks:
            yield RecordTask(index, first_line, data)
    except InputError as exc:  # truncated or corrupt stream: its message says so; what came before is kept
        yield FailedTask(index, str(exc), last)
        return
    except Exception as exc:  # unreadable stream: report, keep what came before
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else (str(exc) or type(exc).__name__)
        yield FailedTask(index, f"cannot read: {reason}", last)
        return
    yield RecordTask(index, last=last)


def pieces(task: Task, max_size: int, piece_bytes: int = BLOCK_BYTES) -> Iterator[Task]:
    """A task as the smaller tasks a worker runs one by one: a big range in BLOCK_BYTES ranges, a
    stream in blocks; the outcomes, taken in order, are those of the whole."""
    if isinstance(task, RangeTask):
        starts = list(range(task.start, task.end, piece_bytes)) or [task.start]
        for n, start in enumerate(starts):
            last = task.last and n == len(starts) - 1
            yield RangeTask(task.index, task.path, start, min(start + piece_bytes, task.end), last)
    elif isinstance(task, StreamTask):
        yield from record_tasks(task.index, read_blocks(Path(task.path), max_line=max_size))
    else:
        yield task
