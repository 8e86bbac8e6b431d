"""`cleaner clean`: clean files, folders, JSON Lines record streams or stdin; on N processes or Ray."""
from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from pathlib import Path, PurePosixPath
from typing import Iterator

import click

from cleaner.io.globs import SEMANTICS

from cleaner.core.document import clean_document
from cleaner.core.huge import PIECES_NOTE, in_pieces
from cleaner.io import InputError, plan_output_names, read_stdin
from cleaner.io.guess import DOUBTFUL, encoding_warning
from cleaner.io.tempfiles import make_spool_dir, owner, remove_own_temps
from cleaner.io.walk import Problem, is_within, iter_inputs, mark_output_folder
from cleaner.io import jsonl
from cleaner.io.jsonl import is_compressed, is_jsonl_name, iter_blocks, open_stream, read_blocks
from cleaner.core.result import utf8_size
from cleaner.run.local import PageTask, RangeTask, Setup, Task, default_jobs, record_tasks, run_ordered
from cleaner.cli.common import (EXIT_FOUND, EXIT_OK, EXIT_USAGE, load_rules, main_content_option, no_default_option, size_option,
                     rules_option, url_option)
from cleaner.run.formats import FORMATS, SUFFIX, render, shown_path
from cleaner.run.sinks import RunSummary, Sink, Source
from cleaner.cli.signals import deferred

PAGES_PER_TASK = 8
SMALL_RUN = 1 << 20  # below this many input bytes, starting worker processes costs more than it saves


@click.command()
# readable=False: a file that cannot be read is that file's error, reported when it is read; the run goes on.
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True, readable=False))
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
@click.option("--exclude", multiple=True, help=f"Glob of paths to skip inside folders ({SEMANTICS}). Repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (default 0: all cores).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: run on Ray Data (a local cluster, or the one RAY_ADDRESS names); needs cleaner[ray].")
@main_content_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def clean(paths, output, fmt, rule_dirs, no_default_rules, url, kind, input_format, max_size, exclude, jobs, engine,
          main_content, quiet):
    """Clean PATHS (files, folders, JSON Lines files, or - for stdin)."""
    _big_blocks_to_the_os()
    limit = size_option(max_size)
    rules = load_rules(rule_dirs, no_default_rules, main_content=main_content)
    summary = RunSummary()
    stdin = "-" in [str(p) for p in paths]
    if stdin and len(paths) > 1:
        raise click.UsageError("'-' (stdin) cannot be mixed with other paths")
    single = output is not None and (fmt == "jsonl" or is_jsonl_name(output.name))
    if output is not None and not single:
        _check_output_folder(output, [] if stdin else list(paths))
    elif single and output.is_dir():
        raise click.UsageError(f"-o {output} is a folder; --format jsonl and names ending .jsonl write one file")
    if stdin and input_format != "jsonl":
        _mark(output, single)
        return _clean_stdin_page(output, fmt, rules, url, kind, limit, summary, quiet)
    sources = _sources(paths, exclude, input_format, summary)
    holds_inputs = False
    if fmt == "json" and output is None and sum(not s.records for s in sources) > 1:
        raise click.UsageError("--format json to stdout takes one file; use --format jsonl or -o DIR")
    if output is not None and not stdin:
        holds_inputs = not single and any(is_within(p, output) for p in paths)
        _check_overwrites(output, single, holds_inputs, sources, fmt)
    sink = Sink(sources, output, fmt, summary)
    if sink.single and fmt != "jsonl" and any(not s.records for s in sources):
        raise click.UsageError(f"-o {output} is a JSON Lines file; use --format jsonl for page inputs")
    _mark(output, single, holds_inputs)
    setup = Setup(tuple(str(d) for d in rule_dirs), not no_default_rules, kind, fmt, url, limit, main_content)
    cleanups: list = []
    if engine == "ray":
        from cleaner.integrations.ray import ray_outcomes, require_ray

        if stdin:
            raise click.UsageError("--engine ray reads files, not stdin")
        try:
            require_ray()
        except ImportError as exc:
            raise click.UsageError(str(exc)) from None
        outcomes = ray_outcomes(sources, setup, jobs or None)
    else:
        workers = _jobs(jobs, sources)
        if sink.names:  # output into a folder: workers write the pages, this process moves them in
            setup = dataclasses.replace(setup, out_dir=str(output), owner=owner())
        if workers > 1:
            spool = make_spool_dir()  # named with this run's pid; stale ones of killed runs go
            cleanups.append(lambda: shutil.rmtree(spool, ignore_errors=True))
            setup = dataclasses.replace(setup, spool_dir=spool)
        outcomes = run_ordered(_tasks(sources, limit, sink.page_names()), setup, workers, rules)
    show = not quiet and sys.stderr.isatty() and len(sources) > 1
    ok = False
    try:
        with click.progressbar(length=len(sources), label="cleaning", file=sys.stderr, hidden=not show) as bar:
            for outcome in outcomes:
                bar.update(len(sink.take(outcome)))
                if sink.stopped:
                    break  # the one output failed: nothing more can be written
        ok = True
    finally:
        with deferred():  # a signal now waits until the cleanup is done
            # Ends the worker pool first (also on an interrupt): no worker writes a spool file
            # after its folder is removed, and none outlives the run.
            getattr(outcomes, "close", lambda: None)()
            sink.close(ok)
            if not ok:
                remove_own_temps()  # those of tasks whose outcomes never came back
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


def _sources(paths: tuple[Path, ...], exclude: tuple[str, ...], input_format: str,
             summary: RunSummary) -> list[Source]:
    """The inputs, each once; a path that cannot be read is reported and fails the run, which goes on."""
    if [str(p) for p in paths] == ["-"]:
        return [Source(Path("-"), PurePosixPath("stdin.jsonl"), True)]

    def report(problem: Problem) -> None:
        shown = shown_path(problem.path)
        click.echo(f"{shown}: {'error' if problem.error else 'note'}: {problem.message}", err=True)
        if problem.error:
            summary.failed.append(shown)

    try:
        inputs = list(iter_inputs(paths, exclude=exclude, report=report))
    except FileNotFoundError as exc:
        raise click.UsageError(f"{shown_path(exc.filename)}: no such file or folder") from None
    force = {"page": False, "jsonl": True}.get(input_format)
    return [Source(i.path, i.rel, is_jsonl_name(i.path.name) if force is None else force) for i in inputs]


def _check_output_folder(output: Path, paths: list[Path]) -> None:
    """Refuse, before any work, an output folder that is a file, or is or lies inside an input folder."""
    existing = next((p for p in (output, *output.parents) if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        raise click.UsageError(f"-o {output}: {existing} is a file, not a folder "
                               "(a single output file takes --format jsonl or a name ending .jsonl)")
    for path in paths:
        if path.is_dir() and is_within(output, path):
            where = "is the input folder" if is_within(path, output) else "lies inside the input folder"
            raise click.UsageError(f"-o {output} {where} {path}: outputs would overwrite or mix with the inputs; "
                                   "write them elsewhere, or clean files in place with `cleaner fix`")


def _check_overwrites(output: Path, single: bool, holds_inputs: bool, sources: list[Source], fmt: str) -> None:
    """Refuse, before any work, a run that would write an output (the -o file, or a file in the -o folder)
    over one of its inputs."""
    if single:
        targets = [output]
    elif holds_inputs:
        # Only then can an output land on an input: the walk follows no folder link out of a named folder.
        names = plan_output_names([s.rel for s in sources if not s.records], SUFFIX[fmt])
        targets = [output.joinpath(*(names.get(s.rel) or s.rel).parts) for s in sources]
    else:
        return
    inputs = {key: s.path for s in sources if (key := _identity(s.path)) is not None}
    for target in targets:
        hit = inputs.get(_identity(target))
        if hit is not None:
            raise click.UsageError(f"-o {output}: the output {shown_path(target)} would overwrite the input "
                                   f"{shown_path(hit)}; write elsewhere, or clean page files in place with `cleaner fix`")


def _identity(path: Path) -> tuple[int, int] | None:
    """A file's device and inode, or None when it does not exist."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _mark(output: Path | None, single: bool, holds_inputs: bool = False) -> None:
    """Mark an output folder so that no later walk of a folder above it reads the outputs as inputs.

    A folder that holds inputs of this run (`clean pages/a.html -o pages`) is not marked: the mark
    would hide those inputs from later runs.
    """
    if output is not None and not single and not holds_inputs:
        try:
            mark_output_folder(output)
        except OSError as exc:  # nothing can be written: one line, as `cp -r` says it
            click.echo(f"{shown_path(output)}: error: cannot write: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_FOUND)


def _tasks(sources: list[Source], max_line: int, names: list[str | None] | None = None) -> Iterator[Task]:
    """Tasks in input order: page files a few at a time, record streams in chunks.

    With names (output into a folder), page tasks carry each page's output name: the worker
    writes the output itself.
    """
    pages: list[tuple[int, str]] = []

    def task() -> PageTask:
        return PageTask(tuple(pages), tuple(str(names[i]) for i, _p in pages) if names else ())

    for index, source in enumerate(sources):
        if not source.records:
            pages.append((index, str(source.path)))
            if len(pages) >= PAGES_PER_TASK:
                yield task()
                pages = []
            continue
        if pages:
            yield task()
            pages = []
        yield from _record_tasks(index, source.path, max_line)
    if pages:
        yield task()


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
    if decoded.confidence < DOUBTFUL:
        click.echo(f"<stdin>: warning: {encoding_warning(decoded)}", err=True)
    result = clean_document(decoded.text, rules, url=url, kind=kind)
    if in_pieces(decoded.text, kind):
        click.echo(f"<stdin>: note: {PIECES_NOTE}", err=True)
    out = render(result, fmt, None, decoded)
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
