"""`cleaner check`: report site furniture in text pages (and what `cleaner fix`, cli/fix.py, shares with it).

A page is dirty when a rule removes something from it and the cleaned text differs from the page;
check reports each removal of a dirty page, fix writes the cleaned text over it. Whitespace alone
is not furniture: a page without removals is never reported and never rewritten.
"""
from __future__ import annotations

import difflib
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from cleaner.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    no_default_option,
    rules_option,
)
from cleaner.core.text import clean_text
from cleaner.io import Decoded, InputError, looks_like_html, read_input
from cleaner.io.jsonl import is_jsonl_name
from cleaner.io.walk import Problem, iter_inputs
from cleaner.result import Removal, Result
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.config import Config, ConfigError, ConfigFinder
from cleaner.run.formats import shown_path
from cleaner.run.summary import plural

SKIP_MARKER = "cleaner: skip-file"  # anywhere in a page: check and fix leave the whole file alone
_QUOTE_CHARS = 40
_HTML_NOTE = "skipped: an HTML page (check and fix work on scraped text; `cleaner clean` extracts HTML)"
_JSONL_NOTE = ("skipped: JSON Lines records (check and fix work on page files; `cleaner clean` cleans records, "
               "`cleaner explain FILE --record LINE` shows one)")

# Existence is checked by the walk (a missing path is a usage error); a path that exists but cannot be
# read is an error of that file alone, so that the other files named by a hook are still checked.
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
config_option = click.option(
    "--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this .cleaner.toml or pyproject.toml for every file instead of the nearest one.",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No closing summary.")


@dataclass(frozen=True)
class Target:
    """A file to look at, with the configuration and rules in force for it."""

    path: Path
    config: Config
    rules: RuleSet


@dataclass(frozen=True)
class Inspection:
    """What looking at one file found."""

    path: Path
    decoded: Decoded | None = None
    result: Result | None = None
    error: str | None = None
    note: str | None = None

    @property
    def dirty(self) -> bool:
        """Whether fixing would change the file (check and fix share this one test)."""
        if self.result is None or not self.result.removals:
            return False
        return self.result.text != _lf(self.decoded.text)


def collect(paths: tuple[Path, ...], config_file: Path | None, rule_dirs: tuple[Path, ...],
            no_default: bool) -> tuple[list[Target], int]:
    """Files named or found under paths that their configuration selects, and the number of paths
    that could not be read (each reported on stderr); exit 2 on a missing path or config errors."""
    finder = ConfigFinder(forced=config_file)
    rulesets: dict[tuple[tuple[Path, ...], bool], RuleSet] = {}
    targets: list[Target] = []
    seen: set[Path] = set()
    problems: list[str] = []
    failed: list[Problem] = []

    def report(problem: Problem) -> None:
        if _walk_problem(problem):
            failed.append(problem)

    try:
        for item in iter_inputs(paths, report=report):
            path = item.path
            try:
                config = finder.for_path(path)
            except ConfigError as exc:
                _usage_exit([str(exc)])
            if path.resolve() in seen or not config.selects(path, named=item.named):
                continue
            seen.add(path.resolve())
            key = (config.rules + tuple(rule_dirs), config.no_default_rules or no_default)
            if key not in rulesets:
                rulesets[key] = RuleSet.load(key[0], bundled=not key[1])
                problems.extend(str(e) for e in rulesets[key].errors)
            targets.append(Target(path, config, rulesets[key]))
    except FileNotFoundError as exc:
        raise click.UsageError(f"{shown_path(exc.filename)}: no such file or folder") from None
    if problems:
        _usage_exit(problems)  # results under broken rules would mislead, and fix would write them
    return targets, len(failed)


def _walk_problem(problem: Problem) -> bool:
    """Print what the walk met on stderr; True for an error (it fails the run)."""
    click.echo(f"{shown_path(problem.path)}: {'error' if problem.error else 'note'}: {problem.message}", err=True)
    return problem.error


def inspect(target: Target) -> Inspection:
    """Read and clean one file (never raises for a bad input: the error is in the result)."""
    if is_jsonl_name(target.path.name):
        return Inspection(target.path, note=_JSONL_NOTE)  # its lines are records, not a page's lines
    try:
        mode = os.stat(target.path).st_mode
    except OSError as exc:
        return Inspection(target.path, error=f"cannot read: {exc.strerror or exc}")
    if not stat.S_ISREG(mode):
        # A FIFO would block until written to, and fix cannot write a device or a pipe back.
        return Inspection(target.path, error="not a regular file (check and fix read and rewrite files)")
    try:
        # No mojibake repair: fix writes the text back, and must change only what rules remove.
        decoded = read_input(target.path, max_bytes=target.config.max_size, repair=False)
    except InputError as exc:
        return Inspection(target.path, error=str(exc))
    if SKIP_MARKER in decoded.text:
        return Inspection(target.path, decoded)
    if looks_like_html(decoded.text):
        return Inspection(target.path, decoded, note=_HTML_NOTE)
    # Findings are what rules find: main-content selection would flag the short lines of clean articles.
    return Inspection(target.path, decoded, clean_text(decoded.text, target.rules, main_content=False))


def message(r: Removal) -> str:
    """What a removal does to the page, with its text shortened."""
    if r.replacement:
        return f"replaced {_quote(r.text)} with {_quote(r.replacement)}"
    return f"removed {_quote(r.text)}" if r.column is not None else f"removed line {_quote(r.text)}"


def finding_line(path: str, r: Removal) -> str:
    """`path:line:col: rule-id message`, the form editors and terminals make clickable."""
    return f"{path}:{r.line}:{r.column or 1}: {r.rule} {message(r)}"


def finding_record(path: str, r: Removal) -> dict[str, object]:
    """A finding for --format json."""
    record: dict[str, object] = {"path": path, "line": r.line, "column": r.column or 1, "rule": r.rule,
                                 "kind": r.kind, "message": message(r), "text": r.text}
    if r.replacement is not None:
        record["replacement"] = r.replacement
    return record


def unified_diff(path: str, old: str, new: str) -> str:
    """The unified diff from old to new, both labelled path ("\\n" line endings)."""
    out = []
    for line in difflib.unified_diff(_lf(old).splitlines(True), new.splitlines(True), path, path):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@click.command()
@paths_argument
@click.option("--diff", is_flag=True, help="Print the unified diff that `cleaner fix` would make instead of findings.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one `path:line:col: rule-id message` line per finding; json: a list of findings.")
@config_option
@rules_option
@no_default_option
@quiet_option
def check(paths, diff, fmt, config_file, rule_dirs, no_default_rules, quiet):
    """Report site furniture in PATHS (files, or folders searched for *.txt or `include`); exit 1 if found."""
    if diff and fmt == "json":
        raise click.UsageError("--diff prints a diff; it cannot be combined with --format json")
    records: list[dict[str, object]] = []
    found = dirty = 0
    targets, failed = collect(paths, config_file, rule_dirs, no_default_rules)
    for target in targets:
        ins = inspect(target)
        failed += report_inspection(ins)
        if not ins.dirty:
            continue
        shown, removals = shown_path(ins.path), ins.result.removals
        dirty += 1
        found += len(removals)
        if diff:
            click.echo(unified_diff(shown, ins.decoded.text, ins.result.text), nl=False)
        elif fmt == "json":
            records.extend(finding_record(shown, r) for r in removals)
        else:
            for r in removals:
                click.echo(finding_line(shown, r))
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, allow_nan=False, indent=2))
    if dirty and not quiet:
        click.echo(f"Found {plural(found, 'finding')} in {plural(dirty, 'file')}; `cleaner fix` removes them.", err=True)
    sys.exit(EXIT_FOUND if dirty or failed else EXIT_OK)


def report_inspection(ins: Inspection) -> int:
    """Print a file's error or note on stderr; 1 for an error (it fails the run), else 0."""
    if ins.error:
        click.echo(f"{shown_path(ins.path)}: error: {ins.error}", err=True)
        return 1
    if ins.note:
        click.echo(f"{shown_path(ins.path)}: {ins.note}", err=True)
    return 0


def _usage_exit(problems: list[str]) -> NoReturn:
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    sys.exit(EXIT_USAGE)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _quote(text: str) -> str:
    """JSON-quoted text with runs of space collapsed, cut to a readable length."""
    short = " ".join(text.split())
    if len(short) > _QUOTE_CHARS:
        short = short[: _QUOTE_CHARS - 1] + "…"
    return json.dumps(short, ensure_ascii=False, allow_nan=False)

