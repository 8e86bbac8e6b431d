"""`cleaner clean`: flags -> Options and sources -> a corpus run (run/corpus.py) -> stderr report, exit code."""
from __future__ import annotations

import contextlib
import functools
import json
import sys
from pathlib import Path
from typing import Callable

import click

from cleaner.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    disable_option,
    load_rules,
    main_content_option,
    no_cache_option,
    no_default_option,
    rules_option,
    size_option,
    url_option,
)
from cleaner.cli.foreign_lines import without_foreign_lines
from cleaner.cli.signals import deferred
from cleaner.io import InputError
from cleaner.io.atomic import write_atomic
from cleaner.io.globs import SEMANTICS
from cleaner.io.walk import is_within
from cleaner.options import MARKUPS, Options
from cleaner.result import PREFIX, REMOVED_SHAPES, Fields
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run import corpus
from cleaner.run.formats import FORMATS, one_file, output_format, shown_path
from cleaner.run.guards import Refused, check_output_folder, check_overwrites, mark
from cleaner.run.local import Setup
from cleaner.run.sinks import Sink
from cleaner.run.sources import Source, find_sources
from cleaner.run.summary import Summary


def say(message: str) -> None:
    """One message line on stderr."""
    click.echo(message, err=True)


def out(data: str | bytes) -> None:
    """Results on stdout, as they are."""
    click.echo(data, nl=False)


def _prefix(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """--field-prefix: an empty one would let our fields overwrite the record's own."""
    if not value:
        raise click.BadParameter("must not be empty: the added fields would overwrite a record's own "
                                 "`metadata`, `site` or `removed`")
    return value


@click.command(short_help="Clean pages, folders and JSON Lines records.")
# readable=False: a file that cannot be read is that file's error, reported when it is read; the run goes on.
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True, readable=False))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output folder; one file for a name ending .jsonl[.gz|.zst] (or --format jsonl), "
                   "or .json for a single page. Default: stdout.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format of page inputs. Default: what the -o name says (.jsonl, .json), else txt.")
@click.option("--field-prefix", default=PREFIX, show_default=True, callback=_prefix,
              help="Prefix of the fields added to records and JSON pages (PREFIXsite, PREFIXmetadata, PREFIXremoved).")
@click.option("--removed", "removed", type=click.Choice(REMOVED_SHAPES), default="rules", show_default=True,
              help="What records and JSON pages say of removals: none; rules (counts per rule id); full (every removal).")
@rules_option
@no_default_option
@no_cache_option
@disable_option
@url_option
@click.option("--as", "markup", type=click.Choice(MARKUPS), default="auto", show_default=True, help="Treat input as scraped text or HTML (auto: by content).")
@click.option("--input-format", type=click.Choice(["auto", "page", "jsonl"]), default="auto", show_default=True,
              help="jsonl: inputs are JSON Lines records; auto: for names ending .jsonl/.ndjson (.gz/.zst).")
@click.option("--max-size", default="50MB", show_default=True, help="Skip (and report) input files, or JSON records, larger than this.")
@click.option("--exclude", multiple=True, help=f"Glob of paths to skip inside folders ({SEMANTICS}). Repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: run on Ray Data (a local cluster, or the one RAY_ADDRESS names); needs cleaner[ray].")
@main_content_option
@click.option("--stats", "stats", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the run's counts to this JSON file: files, records, bytes, removals per rule, "
                   "empty/short/unchanged pages, errors by kind, elapsed time.")
@click.option("--comments", is_flag=True,
              help="Keep reader comments and a forum or blog thread's posts after the article, each after a "
                   "[comment] line (a `comments` list in JSON metadata). Default: the article alone.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def clean(paths, output, fmt, field_prefix, removed, rule_dirs, no_default_rules, disable, url, markup, input_format,
          max_size, exclude, jobs, engine,
          main_content, stats, comments, quiet):
    """Clean PATHS (files, folders, JSON Lines files, or - for stdin).

    \b
    Examples:
      cleaner clean page.txt                  # the clean text on stdout
      cleaner clean pages/ -o clean/          # same relative paths under clean/
      cleaner clean corpus.jsonl.zst -o clean.jsonl.zst --disable zh-news/share-bar
      cat page.html | cleaner clean - --url https://news.cri.cn/x.html
    """
    _big_blocks_to_the_os()
    fmt = output_format(fmt, output)
    options = Options(markup=markup, main_content=main_content, max_size=size_option(max_size), comments=comments)
    rules = load_rules(rule_dirs, no_default_rules, disable)
    setup = Setup(tuple(str(d) for d in rule_dirs), not no_default_rules, options, fmt, url,
                  fields=Fields(field_prefix, removed), disable=disable)
    summary = Summary()
    make_sink = functools.partial(Sink, output=output, fmt=fmt, summary=summary, say=say, out=out)
    close = functools.partial(_close, summary, rules, quiet, stats)
    stdin = "-" in [str(p) for p in paths]
    try:
        single = _check_usage(paths, output, fmt, stdin)
        if stdin and input_format != "jsonl":
            _mark(output, single)
            try:
                corpus.clean_stdin_page(make_sink, setup, rules, say)
            except InputError as exc:
                say(f"<stdin>: error: {exc}")
                summary.fail("<stdin>", str(exc))
                close()
            close()
        sources = _sources(paths, exclude, input_format, summary)
        _check_engine(engine, sources)
        sink = _sink(make_sink, sources, paths, output, fmt, single, stdin)
    except Refused as exc:
        raise click.UsageError(str(exc)) from None
    # A stream of records shows its rate and time even alone; a single page would only flash a bar.
    show = not quiet and sys.stderr.isatty() and (len(sources) > 1 or any(s.records for s in sources))
    # n/N inputs, then the input rate and the time so far (redrawn after every task, not only per input)
    foreign = without_foreign_lines() if engine == "ray" else contextlib.nullcontext()
    with foreign, click.progressbar(length=len(sources), label="cleaning", file=sys.stderr, hidden=not show,
                                    show_pos=True, item_show_func=lambda s: s and s.progress()) as bar:
        corpus.run(sink, setup, rules, engine=engine, jobs=jobs, advance=lambda n: bar.update(n, summary),
                   shield=deferred)
    close()


def _check_usage(paths: tuple[Path, ...], output: Path | None, fmt: str, stdin: bool) -> bool:
    """Refuse misuse before any work; tell whether -o names one output file (JSON Lines)."""
    if stdin and len(paths) > 1:
        raise Refused("'-' (stdin) cannot be mixed with other paths")
    single = one_file(fmt, output)
    if output is not None and not single:
        check_output_folder(output, [] if stdin else list(paths))
    elif single and output.is_dir():
        raise Refused(f"-o {output} is a folder; --format jsonl and names ending .jsonl or .json write one file")
    return single


def _check_engine(engine: str, sources: list[Source]) -> None:
    """Refuse the Ray engine when Ray is not installed; warn when the input is too small to gain from it."""
    if engine == "ray":
        from cleaner.run.ray import require_ray, too_small

        try:
            require_ray()
        except ImportError as exc:
            raise Refused(str(exc)) from None
        warning = too_small(sources)
        if warning:
            say(f"warning: {warning}")


def _sources(paths: tuple[Path, ...], exclude: tuple[str, ...], input_format: str, summary: Summary) -> list[Source]:
    """The inputs; a missing path is a usage error."""
    try:
        return find_sources(paths, exclude, input_format, say, summary.fail)
    except FileNotFoundError as exc:
        raise click.UsageError(f"{shown_path(exc.filename)}: no such file or folder") from None


def _sink(make_sink: Callable[[list[Source]], Sink], sources: list[Source], paths: tuple[Path, ...],
          output: Path | None, fmt: str, single: bool, stdin: bool) -> Sink:
    """The sink of a run over sources, once the run is known not to harm its inputs."""
    if fmt == "json" and output is None and sum(not s.records for s in sources) > 1:
        raise Refused("--format json to stdout takes one file; use --format jsonl or -o DIR")
    holds_inputs = False
    if output is not None and not stdin:
        holds_inputs = not single and any(is_within(p, output) for p in paths)
        check_overwrites(output, single, holds_inputs, sources, fmt)
    if single and fmt == "json":
        _one_json_document(output, sources)
    sink = make_sink(sources)
    if sink.single and fmt == "txt" and any(not s.records for s in sources):
        raise Refused(f"-o {output} is a JSON Lines file; --format txt pages cannot go in it (leave --format out)")
    _mark(output, single, holds_inputs)
    return sink


def _one_json_document(output: Path | None, sources: list[Source]) -> None:
    """Refuse what a .json file cannot hold: several pages (or records) are not one JSON document."""
    if any(s.records for s in sources):
        raise Refused(f"-o {output}: records are written as JSON Lines; name the output .jsonl")
    if len(sources) > 1:
        raise Refused(f"-o {output}: a .json file holds one page, and {len(sources)} inputs were given; "
                      "use -o NAME.jsonl for one JSON Lines file, or -o DIR for a .json file each")


def _mark(output: Path | None, single: bool, holds_inputs: bool = False) -> None:
    """Mark the output folder (see guards.mark); one that cannot be written ends the run, as `cp -r` does."""
    try:
        mark(output, single, holds_inputs)
    except OSError as exc:
        say(f"{shown_path(output)}: error: cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FOUND)


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


def _close(summary: Summary, rules: RuleSet, quiet: bool, stats: Path | None) -> None:
    """The summary on stderr, the --stats file, and the exit code."""
    elapsed = summary.elapsed()
    if not quiet:
        for line in summary.lines(elapsed):
            say(line)
    if stats is not None:
        try:
            write_atomic(stats, json.dumps(summary.stats(elapsed), ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            say(f"{shown_path(stats)}: error: cannot write: {exc.strerror or exc}")
            sys.exit(EXIT_FOUND)
    if rules.errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FOUND if summary.failed else EXIT_OK)
