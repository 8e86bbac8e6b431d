"""What `cleaner check` and `cleaner fix` share: choosing the files, reading and cleaning each one.

A page is dirty when a rule removes something from it and the cleaned text differs from the page;
check reports each removal of a dirty page, fix writes the cleaned text over it. Whitespace alone
is not furniture: a page without removals is never reported and never rewritten. A leading YAML
front matter block is the page's own metadata: rules never see it, and it is written back as it was.
"""
from __future__ import annotations

import os
import signal
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, NoReturn

import click

from cleaner.cli.common import EXIT_USAGE, rule_cache, without
from cleaner.cli.findings import github_command
from cleaner.core.keep_markers import KEEP_MARKER, keep_marker
from cleaner.core.page import Page
from cleaner.core.text import MAIN_CONTENT_RULE, clean_text, keep_main_content
from cleaner.io import Decoded, InputError, looks_like_html, read_input
from cleaner.io.front_matter import split_front_matter
from cleaner.io.jsonl import is_jsonl_name
from cleaner.io.walk import Problem, iter_inputs
from cleaner.result import Result
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.config import Config, ConfigError, ConfigFinder
from cleaner.run.formats import shown_path

SKIP_MARKER = "cleaner: skip-file"  # anywhere in a page: check and fix leave the whole file alone
_HTML_NOTE = "skipped: an HTML page (check and fix work on scraped text; `cleaner clean` extracts HTML)"
_JSONL_NOTE = ("skipped: JSON Lines records (check and fix work on page files; `cleaner clean` cleans records, "
               "`cleaner explain FILE --record LINE` shows one)")
# check says when `cleaner clean` would take at least this many lines more than the rules, and this
# share of the lines the rules leave. Set on the development corpora (../shared/corpora, 454 pages):
# the note comes on 428 of their pages as scraped text and on 22 of their human ground-truth texts
# (lists and short paragraphs that the selection takes from clean articles); a lone line is the norm.
NOTE_MIN_LINES = 10
NOTE_MIN_SHARE = 0.25
# Below this many files a pool costs more than it saves: a page takes ~1.5 ms of CPU to check,
# and forking two workers, feeding them and reaping them took ~140 ms more than checking 16 pages
# in one process on the busy 2-core development machine.
PARALLEL_MIN_FILES = 64


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
    head: str = ""  # the page's front matter block, "\n" line endings (rules never see it)
    beyond_rules: int = 0  # lines main-content selection (`cleaner clean`) would remove besides, when many
    known_dirty: bool | None = None  # `dirty`, kept when slim() drops the texts
    warnings: tuple[tuple[int, str], ...] = ()  # (line, message): markers naming no rule

    @property
    def body(self) -> str:
        """The page's text below its front matter, "\\n" line endings."""
        return _lf(self.decoded.text)[len(self.head):] if self.decoded is not None else ""

    @property
    def offset(self) -> int:
        """Lines before the body: a finding's line in the file is its line in the body plus this."""
        return self.head.count("\n")

    @property
    def dirty(self) -> bool:
        """Whether fixing would change the file (check and fix share this one test)."""
        if self.known_dirty is not None:
            return self.known_dirty
        if self.result is None or not self.result.removals:
            return False
        return self.result.text != self.body


    def slim(self) -> Inspection:
        """This inspection without the page's texts (its findings kept): what a worker sends back
        when the texts are not needed, a fraction of the bytes to pickle."""
        result = replace(self.result, text="", extracted=None) if self.result is not None else None
        return replace(self, decoded=None, result=result, known_dirty=self.dirty)


def collect(paths: tuple[Path, ...], config_file: Path | None, rule_dirs: tuple[Path, ...],
            no_default: bool, disable: tuple[str, ...] = ()) -> tuple[list[Target], int]:
    """Files named or found under paths that their configuration selects, and the number of paths
    that could not be read (each reported on stderr); exit 2 on a missing path or config errors."""
    finder = ConfigFinder(forced=config_file)
    rulesets: dict[tuple[tuple[Path, ...], bool, tuple[str, ...]], RuleSet] = {}
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
                usage_exit([str(exc)])
            if path.resolve() in seen or not config.selects(path, named=item.named):
                continue
            seen.add(path.resolve())
            key = (config.rules + tuple(rule_dirs), config.no_default_rules or no_default, config.disable)
            if key not in rulesets:
                rulesets[key] = _load(key[0], key[1], config, disable, problems)
            targets.append(Target(path, config, rulesets[key]))
    except FileNotFoundError as exc:
        raise click.UsageError(f"{shown_path(exc.filename)}: no such file or folder") from None
    if problems:
        usage_exit(problems)  # results under broken rules would mislead, and fix would write them
    return targets, len(failed)


def _load(folders: tuple[Path, ...], no_default: bool, config: Config, disable: tuple[str, ...],
          problems: list[str]) -> RuleSet:
    """The rules of one configuration, with its `disable` and --disable switched off."""
    rules = RuleSet.load(folders, bundled=not no_default, cache=rule_cache())
    problems.extend(str(e) for e in rules.errors)
    try:
        rules = rules.without(config.disable)
    except ValueError as exc:
        where = shown_path(_relative(config.path)) if config.path else "configuration"
        problems.append(f'{where}: "disable": {exc}')
    return without(rules, disable)


def _relative(path: Path) -> Path:
    """path below the working folder, as configuration errors name files; else as it is."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _walk_problem(problem: Problem) -> bool:
    """Print what the walk met on stderr; True for an error (it fails the run)."""
    click.echo(f"{shown_path(problem.path)}: {'error' if problem.error else 'note'}: {problem.message}", err=True)
    return problem.error


def inspect(target: Target, *, main_content: bool = False) -> Inspection:
    """Read and clean one file (never raises for a bad input: the error is in the result).

    main_content: also count the lines that main-content selection would remove after the rules.
    """
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
    head, body = split_front_matter(_lf(decoded.text))
    # Findings are what rules find: main-content selection would flag the short lines of clean articles.
    result = clean_text(body, target.rules, main_content=False)
    beyond = _beyond_rules(body, result, target.rules) if main_content else 0
    warnings = _unknown_keeps(body, target.rules, head.count("\n")) if KEEP_MARKER in body else ()
    return Inspection(target.path, decoded, result, head=head, beyond_rules=beyond, warnings=warnings)


def _unknown_keeps(body: str, rules: RuleSet, offset: int) -> tuple[tuple[int, str], ...]:
    """(line, message) for each `cleaner: keep[…]` item that names no rule: a typo, or a rule since
    renamed, would otherwise keep nothing in silence (ruff warns of such `# noqa` codes too)."""
    out = []
    for n, line in enumerate(body.split("\n"), start=1 + offset):
        if KEEP_MARKER in line:
            unknown = [s for s in keep_marker(line) or () if s != MAIN_CONTENT_RULE.id and not rules.names_something(s)]
            if unknown:
                out.append((n, f"`cleaner: keep[…]` names no rule: {', '.join(unknown)}"))
    return tuple(out)


def _beyond_rules(body: str, result: Result, rules: RuleSet) -> int:
    """How many more lines `cleaner clean` would take from this page with main-content selection;
    0 unless they are many (NOTE_MIN_LINES) and a good share (NOTE_MIN_SHARE) of what the rules leave.

    Counted on the rules' output, with the selection that `clean` runs after the rules: cheap (no
    second pass of the rules), and what a reader of check's silence needs to know.
    """
    if not result.text or not rules.scope_for(body).main_content:
        return 0
    page = Page(result.text)
    keep_main_content(page, site=result.site is not None)
    more = sum(1 for r in page.removals if r.rule == MAIN_CONTENT_RULE.id)
    left = sum(1 for line in page.lines if line.strip())
    return more if more >= NOTE_MIN_LINES and more >= NOTE_MIN_SHARE * left else 0


def inspect_all(targets: list[Target], jobs: int, *, main_content: bool = False,
                texts: bool = True) -> Iterator[Inspection]:
    """Inspections of targets in order, on `jobs` processes (0: all cores) when there are enough files.

    pre-commit runs the hook once (require_serial) with every file, and the work is spread here,
    as ruff does: one process sees every file, so a run prints one summary. texts=False: the
    caller needs no page text (findings only); workers send back only the dirty pages' texts
    otherwise, since the clean ones are neither shown nor written.
    """
    if jobs == 0 and len(targets) >= PARALLEL_MIN_FILES:
        from cleaner.run.local import default_jobs  # lazy: a hook on a few files never needs a pool

        jobs = default_jobs()
    if jobs <= 1 or len(targets) < PARALLEL_MIN_FILES:
        for target in targets:
            yield inspect(target, main_content=main_content)
        return
    from cleaner.run.pools import imap_in_pool  # lazy: a hook on a few files starts faster without it

    rulesets = list({id(t.rules): t.rules for t in targets}.values())
    index = {id(r): n for n, r in enumerate(rulesets)}
    work = [(t.path, t.config, index[id(t.rules)], main_content, texts) for t in targets]
    # Forked where possible: no re-import, rules inherited as they are.
    yield from imap_in_pool(_inspect_in_worker, work, min(jobs, len(targets)), initializer=_init_worker,
                            initargs=(rulesets,), chunksize=max(1, len(work) // (4 * jobs)))


_worker_rules: list[RuleSet] = []


def _init_worker(rulesets: list[RuleSet]) -> None:
    global _worker_rules
    # The parent handles Ctrl-C (sent to the whole group) and ends the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_rules = rulesets


def _inspect_in_worker(work: tuple[Path, Config, int, bool, bool]) -> Inspection:
    path, config, n, main_content, texts = work
    ins = inspect(Target(path, config, _worker_rules[n]), main_content=main_content)
    return ins if texts and ins.dirty else ins.slim()


def report_inspection(ins: Inspection, *, github: bool = False) -> int:
    """Print a file's error, note or warnings on stderr (warnings as annotations for github);
    1 for an error (it fails the run), else 0."""
    if ins.error:
        click.echo(f"{shown_path(ins.path)}: error: {ins.error}", err=True)
        return 1
    if ins.note:
        click.echo(f"{shown_path(ins.path)}: {ins.note}", err=True)
    for line, warning in ins.warnings:
        if github:
            click.echo(github_command("warning", warning, file=shown_path(ins.path), line=line))
        else:
            click.echo(f"{shown_path(ins.path)}:{line}: warning: {warning}", err=True)
    return 0


def usage_exit(problems: list[str]) -> NoReturn:
    """Print each problem as `error: …` on stderr and exit 2."""
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    raise SystemExit(EXIT_USAGE)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
