"""`cleaner check`: report site furniture in text pages (the files are chosen and read by cli/inspection.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cleaner.cli.common import EXIT_FOUND, EXIT_OK, disable_option, no_cache_option, no_default_option, rules_option
from cleaner.cli.findings import (
    finding_line,
    finding_record,
    github_command,
    github_line,
    statistics,
    statistics_lines,
    statistics_records,
    unified_diff,
)
from cleaner.cli.inspection import Inspection, collect, inspect_all, report_inspection
from cleaner.run.formats import shown_path
from cleaner.run.summary import plural

# Existence is checked by the walk (a missing path is a usage error); a path that exists but cannot be
# read is an error of that file alone, so that the other files named by a hook are still checked.
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
config_option = click.option(
    "--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this .cleaner.toml or pyproject.toml for every file instead of the nearest one.",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No closing summary.")
jobs_option = click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
                           help="Worker processes when there are many files (default: all cores).")
FORMATS = ("text", "json", "github")


def beyond_rules_note(ins: Inspection) -> str:
    """What check's silence must not hide: `cleaner clean` would take much more from this page."""
    return (f"`cleaner clean` would also remove {plural(ins.beyond_rules, 'line')} by main-content selection "
            "(menus, link lists); check and fix apply the rules only")


@click.command(short_help="Report site furniture in text pages; exit 1 if found.")
@paths_argument
@click.option("--diff", is_flag=True, help="Print the unified diff that `cleaner fix` would make instead of findings.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: one `path:line:col: rule-id message` line per finding; json: a list of findings; "
                   "github: GitHub Actions error annotations.")
@click.option("--statistics", "statistics_", is_flag=True, help="Print how many findings each rule made instead of the findings.")
@config_option
@rules_option
@no_default_option
@no_cache_option
@disable_option
@jobs_option
@quiet_option
def check(paths, diff, fmt, statistics_, config_file, rule_dirs, no_default_rules, disable, jobs, quiet):
    """Report site furniture in PATHS (files, or folders searched for *.txt or `include`); exit 1 if found.

    \b
    Examples:
      cleaner check articles/
      cleaner check --format github pages/*.txt      # annotations in a GitHub Actions log
      cleaner check --statistics --disable zh-news/share-bar articles/
      cleaner check --diff articles/page.txt | git apply -p0
    """
    if diff and (fmt != "text" or statistics_):
        raise click.UsageError("--diff prints a diff; it cannot be combined with --format json/github or --statistics")
    if statistics_ and fmt == "github":
        raise click.UsageError("--statistics prints counts; use --format text or json with it")
    records: list[dict[str, object]] = []
    found: list[tuple[str, object]] = []
    dirty = beyond = 0
    targets, failed = collect(paths, config_file, rule_dirs, no_default_rules, disable)
    for ins in inspect_all(targets, jobs, main_content=True, texts=diff):
        failed += report_inspection(ins, github=fmt == "github")
        shown = shown_path(ins.path)
        if ins.beyond_rules:
            beyond += 1
            _note(fmt, shown, beyond_rules_note(ins))
        if not ins.dirty:
            continue
        removals = ins.result.removals
        dirty += 1
        found.extend((shown, r) for r in removals)
        if statistics_:
            continue
        if diff:
            click.echo(unified_diff(shown, ins.decoded.text, ins.head + ins.result.text), nl=False)
        elif fmt == "json":
            records.extend(finding_record(shown, r, ins.offset) for r in removals)
        else:
            show = github_line if fmt == "github" else finding_line
            for r in removals:
                click.echo(show(shown, r, ins.offset))
    if statistics_:
        rows = statistics(found)
        if fmt == "json":
            click.echo(json.dumps(statistics_records(rows), ensure_ascii=False, indent=2))
        else:
            for line in statistics_lines(rows):
                click.echo(line)
    elif fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, allow_nan=False, indent=2))
    if dirty and not quiet:
        click.echo(f"Found {plural(len(found), 'finding')} in {plural(dirty, 'file')}; `cleaner fix` removes them.", err=True)
    if beyond and not quiet:
        click.echo(f"{plural(beyond, 'file')} would lose more to `cleaner clean` than to the rules "
                   "(main-content selection; see the notes above).", err=True)
    sys.exit(EXIT_FOUND if dirty or failed else EXIT_OK)


def _note(fmt: str, shown: str, text: str) -> None:
    """A note about a file: a notice annotation in GitHub's log, else a `path: note:` line on stderr."""
    if fmt == "github":
        click.echo(github_command("notice", text, file=shown))
    else:
        click.echo(f"{shown}: note: {text}", err=True)
