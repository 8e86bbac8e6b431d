"""`cleaner report`: a static review site of what the rules did to PATHS (cleaner/report builds it)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from cleaner.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    load_rules,
    main_content_option,
    no_cache_option,
    no_default_option,
    rules_option,
    size_option,
    url_option,
)
from cleaner.io.globs import SEMANTICS
from cleaner.options import MARKUPS, Options
from cleaner.report.build import Job, build
from cleaner.run.guards import Refused, check_output_folder, mark
from cleaner.run.sources import find_sources


@click.command(short_help="Write a review site of what the rules remove.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, readable=False))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Folder for the report: index.html and one page view per input under pages/.")
@rules_option
@no_default_option
@no_cache_option
@url_option
@click.option("--as", "markup", type=click.Choice(MARKUPS), default="auto", show_default=True,
              help="Treat input as scraped text or HTML (auto: by content).")
@click.option("--input-format", type=click.Choice(["auto", "page", "jsonl"]), default="auto", show_default=True,
              help="jsonl: inputs are JSON Lines records (one view per record); auto: by name (.jsonl/.ndjson).")
@click.option("--max-size", default="50MB", show_default=True, help="Skip (and report) input files, or JSON records, larger than this.")
@click.option("--exclude", multiple=True, help=f"Glob of paths to skip inside folders ({SEMANTICS}). Repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (default: all cores).")
@main_content_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no closing line.")
def report(paths, output, rule_dirs, no_default_rules, url, markup, input_format, max_size, exclude, jobs,
           main_content, quiet):
    """Write a review site of what the rules remove from PATHS: OUTPUT/index.html and a view per page.

    \b
    Examples:
      cleaner report pages/ -o review/        # then open review/index.html
      cleaner report corpus.jsonl -o review/ --rules my-rules/
    """
    options = Options(markup=markup, main_content=main_content, max_size=size_option(max_size))
    rules = load_rules(rule_dirs, no_default_rules)
    failed: list[str] = []
    try:
        check_output_folder(output, list(paths))
    except Refused as exc:
        raise click.UsageError(str(exc)) from None
    sources = find_sources(paths, exclude, input_format, lambda m: click.echo(m, err=True), failed)
    try:
        mark(output, False)
    except OSError as exc:
        click.echo(f"{output}: error: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_FOUND)
    job = Job(tuple(str(d) for d in rule_dirs), not no_default_rules, options, url, str(output))
    show = not quiet and sys.stderr.isatty() and len(sources) > 1
    with click.progressbar(length=len(sources), label="reporting", file=sys.stderr, hidden=not show) as bar:
        rows = build(sources, job, rules, jobs=jobs, advance=bar.update)
    errors = [r for r in rows if r.error]
    for row in errors:
        click.echo(f"{row.path}: error: {row.error}", err=True)
    if not quiet:
        flagged = sum(bool(r.flags) for r in rows if not r.error)
        click.echo(f"{output / 'index.html'}: {len(rows) - len(errors)} pages, {flagged} flagged, "
                   f"{len(errors) + len(failed)} errors", err=True)
    if rules.errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FOUND if errors or failed else EXIT_OK)
