"""`cleaner clean`: clean files, folders, JSON Lines record streams or stdin; on N processes or Ray."""
from __future__ import annotations

import dataclasses
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Iterator

import click

from ..document import PIECES_NOTE, clean_document, in_pieces
from ..io import InputError, iter_inputs, read_stdin
from .. import jsonl
from ..jsonl import is_compressed, is_jsonl_name, iter_blocks, open_stream, read_blocks
from ..result import utf8_size
from ..parallel import PageTask, RangeTask, Setup, Task, default_jobs, record_tasks, run_ordered
from .common import (EXIT_FOUND, EXIT_OK, EXIT_USAGE, load_rules, main_content_option, no_default_option, parse_size,
                     rules_option, url_option)
from .formats import FORMATS, render
from .outputs import RunSummary, Sink, Source

PAGES_PER_TASK = 8
SMALL_RUN = 1 << 20  # below this many input bytes, starting worker processes costs more than it saves


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output folder; a file for --format jsonl or a name ending .jsonl[.gz|.zst]. Default: stdout.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True, help="Output format of page inputs.")
@rules_option
@no_default_option
@url_option
@click.option("--as", "kind", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True, help="Treat input as scraped text or HTML (auto: by content).")
@click.option("--input-format", type=click.Choice(["auto", "page", "jsonl"]), default="auto", show_default=True,
              help="jsonl: inputs are JSON Lines records; auto: for names ending .jsonl/.ndjson (.gz/.zst).")
@click.option("--max-size", default="50MB", show_default=True, help="Skip (and report) input files, or JSON records, larger than this.")
@click.option("--exclude", multiple=True, help="Glob of paths to skip inside folders. Repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (default 0: all cores).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: run on Ray Data (a local cluster, or the one RAY_ADDRESS names); needs cleaner[ray].")
@main_content_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def clean(paths, output, fmt, rule_dirs, no_default_rules, url, kind, input_format, max_size, exclude, jobs, engine,
          main_content, quiet):
    """Clean PATHS (files, folders, JSON Lines files, or - for stdin)."""
    _big_blocks_to_the_os()
    limit = parse_size(max_size)
    rules = load_rules(rule_dirs, no_default_rules, main_content=main_content)
    summary = RunSummary()
    stdin = "-" in [str(p) for p in paths]
    if stdin and len(paths) > 1:
        raise click.UsageError("'-' (stdin) cannot be mixed with other paths")
    if stdin and input_format != "jsonl":
        return _clean_stdin_page(output, fmt, rules, url, kind, limit, summary, quiet)
    sources = _sources(paths, exclude, input_format)
    if fmt == "json" and output is None and sum(not s.records for s in sources) > 1:
        raise click.UsageError("--format json to stdout takes one file; use --format jsonl or -o DIR")
    sink = Sink(sources, output, fmt, summary)
    if sink.single and fmt != "jsonl" and any(not s.records for s in sources):
        raise click.UsageError(f"-o {output} is a JSON Lines file; use --format jsonl for page inputs")
    setup = Setup(tuple(str(d) for d in rule_dirs), not no_default_rules, kind, fmt, url, limit, main_content)
    cleanups: list = []
    if engine == "ray":
        from ..integrations.ray import ray_outcomes, require_ray

        if stdin:
            raise click.UsageError("--engine ray reads files, not stdin")
        try:
            require_ray()
        except ImportError as exc:
            raise click.UsageError(str(exc)) from None
        outcomes = ray_outcomes(sources, setup, jobs or None)
    else:
        workers = _jobs(jobs, sources)
        if workers > 1:
            spool = tempfile.mkdtemp(prefix="cleaner-spool-")
            cleanups.append(lambda: shutil.rmtree(spool, ignore_errors=True))
            setup = dataclasses.replace(setup, spool_dir=spool)
        outcomes = run_ordered(_tasks(sources, limit), setup, workers, rules)
    show = not quiet and sys.stderr.isatty() and len(sources) > 1
    ok = False
    try:
        with click.progressbar(length=len(sources), label="cleaning", file=sys.stderr, hidden=not show) as bar:
            for outcome in outcomes:
                bar.update(len(sink.take(outcome)))
        ok = True
    finally:
        sink.close(ok)
        for cleanup in cleanups:
            cleanup()
    _close(summary, rules, quiet)


def _big_blocks_to_the_os() -> None:
    """Have glibc map blocks of 1 MB and more on their own, so that freeing one gives it back.

    By default the threshold rises to the size of the largest block freed (up to 32 MB), and a
    huge page's copies (bytes, text, output) then come from the heap, which keeps what it had:
    a 20 MB page peaked 30 MB higher for it. Elsewhere than glibc this does nothing.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, 1 << 20)  # -3: M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


def _sources(paths: tuple[Path, ...], exclude: tuple[str, ...], input_format: str) -> list[Source]:
    if [str(p) for p in paths] == ["-"]:
        return [Source(Path("-"), PurePosixPath("stdin.jsonl"), True)]
    try:
        inputs = list(iter_inputs(paths, exclude=exclude))
    except FileNotFoundError as exc:
        raise click.UsageError(f"{exc.filename}: no such file or folder") from None
    force = {"page": False, "jsonl": True}.get(input_format)
    return [Source(i.path, i.rel, is_jsonl_name(i.path.name) if force is None else force) for i in inputs]


def _tasks(sources: list[Source], max_line: int) -> Iterator[Task]:
    """Tasks in input order: page files a few at a time, record streams in chunks."""
    pages: list[tuple[int, str]] = []
    for index, source in enumerate(sources):
        if not source.records:
            pages.append((index, str(source.path)))
            if len(pages) >= PAGES_PER_TASK:
                yield PageTask(tuple(pages))
                pages = []
            continue
        if pages:
            yield PageTask(tuple(pages))
            pages = []
        yield from _record_tasks(index, source.path, max_line)
    if pages:
        yield PageTask(tuple(pages))


def _record_tasks(index: int, path: Path, max_line: int) -> Iterator[Task]:
    """An uncompressed file goes out as byte ranges that workers read themselves (nothing passes
    through this process); a compressed file or stdin as blocks of lines read here."""
    if str(path) != "-":
        try:
            size = path.stat().st_size
            plain = path.is_file() and not is_compressed(path)
        except OSError:
            plain = False
        if plain:
            step = jsonl.BLOCK_BYTES
            starts = list(range(0, size, step)) or [0]
            for n, start in enumerate(starts):
                yield RangeTask(index, str(path), start, start + step, last=n == len(starts) - 1)
            return
    # Lines over the record limit travel as stand-ins, so one huge line costs no memory here.
    stream = iter_blocks(open_stream(sys.stdin.buffer), max_line=max_line) if str(path) == "-" else None
    blocks = stream if stream is not None else read_blocks(path, max_line=max_line)
    yield from record_tasks(index, blocks)


def _jobs(jobs: int, sources: list[Source]) -> int:
    """Worker processes: as asked (0: all cores), but one for a run too small to share out."""
    if jobs:
        return jobs
    if any(str(s.path) == "-" for s in sources):
        return default_jobs()  # a stream of unknown length
    try:
        if sum(s.path.stat().st_size for s in sources) < SMALL_RUN:
            return 1
    except OSError:
        pass
    return default_jobs()


def _clean_stdin_page(output, fmt, rules, url, kind, limit, summary, quiet) -> None:
    """One page on stdin, cleaned in this process."""
    try:
        decoded = read_stdin(sys.stdin.buffer, max_bytes=limit)
    except InputError as exc:
        click.echo(f"<stdin>: error: {exc}", err=True)
        sys.exit(EXIT_FOUND)
    result = clean_document(decoded.text, rules, url=url, kind=kind)
    if in_pieces(decoded.text, kind):
        click.echo(f"<stdin>: note: {PIECES_NOTE}", err=True)
    out = render(result, fmt, None)
    sink = Sink([Source(Path("-"), PurePosixPath("stdin"), False)], output, fmt, summary)
    try:
        if sink.page(sink.sources[0], out):
            summary.add(result, utf8_size(decoded.text), utf8_size(out))
    finally:
        sink.close()
    _close(summary, rules, quiet)


def _close(summary: RunSummary, rules, quiet: bool) -> None:
    if not quiet:
        summary.echo()
    if rules.errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FOUND if summary.failed else EXIT_OK)
