"""Build a report: clean every input on N processes, render its page view there, write the index.

Workers read, clean and render each page and leave its view in a temp file beside its target;
this process moves the views into place many at a time (io.atomic.SyncBatch) and writes the
index last, so a report costs about what `cleaner clean` of the same inputs costs.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from cleaner.core.cleaner import Cleaner
from cleaner.io import InputError, read_input
from cleaner.io.atomic import SyncBatch, make_folders, write_atomic, write_temp
from cleaner.io.jsonl import read_lines
from cleaner.io.tempfiles import owner, remove_own_temps, set_owner
from cleaner.options import Options
from cleaner.report.flags import page_flags
from cleaner.report.html_view import page_blocks
from cleaner.report.index import Row, render_index
from cleaner.report.page import PageView, render_page
from cleaner.report.rules import RuleInfo, rule_table
from cleaner.result import Result, utf8_size
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.formats import shown_path
from cleaner.run.local import default_jobs
from cleaner.run.pools import imap_in_pool
from cleaner.run.records import RecordError, page_of, parse_record
from cleaner.run.sources import Source

PAGES = "pages"  # the page views' folder inside the report
SMALL_RUN = 1 << 20  # below this many input bytes, worker processes cost more than they save
CHUNK = 8  # inputs per task: fewer round trips, still an even share between workers


@dataclass(frozen=True)
class Job:
    """What every worker needs: how to clean, where the views go (picklable)."""

    rule_dirs: tuple[str, ...]
    bundled: bool
    options: Options
    url: str | None
    out_dir: str
    owner: int = 0


Done = tuple[list[Row], list[tuple[str, str, int]]]  # rows, and (temp, target, size) of the views written
_state: tuple[Cleaner, dict[str, RuleInfo], Job] | None = None


def _init(job: Job, rules: RuleSet | None = None) -> None:
    """Load the rules once for this process (a pool initializer)."""
    global _state
    if multiprocessing.parent_process() is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the pool
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        set_owner(job.owner)
    rules = rules if rules is not None else RuleSet.load([Path(d) for d in job.rule_dirs], bundled=job.bundled)
    _state = (Cleaner(rules, job.options), rule_table(rules), job)


def _report_source(item: tuple[int, Source]) -> Done:
    """Rows and views of one input: a page file, or every record of a JSON Lines file."""
    assert _state is not None, "_init was not called"
    cleaner, table, job = _state
    index, source = item
    rows: list[Row] = []
    views: list[tuple[str, str, int]] = []
    if not source.records:
        try:
            decoded = read_input(source.path, max_bytes=job.options.max_size)
        except InputError as exc:
            return [Row(source.display, None, error=str(exc))], []
        row, view = _page(table, job, source.display, f"{index:06d}", decoded.text, job.url,
                          decoded.encoding, decoded.confidence, cleaner)
        return [row], [view] if view else []
    try:
        for number, line in read_lines(source.path, max_line=job.options.max_size):
            where = f"{source.display}:{number}"
            try:
                text, url, markup = page_of(parse_record(line), cleaner.options.markup, parsed=True)
            except RecordError as exc:
                rows.append(Row(where, None, error=str(exc)))
                continue
            row, view = _page(table, job, where, f"{index:06d}-{number}", text, url or job.url,
                              "a JSON record", 1.0, cleaner.reading(markup))
            rows.append(row)
            if view:
                views.append(view)
    except (InputError, OSError) as exc:
        rows.append(Row(source.display, None, error=f"cannot read: {exc}"))
    return rows, views


def _page(table: dict[str, RuleInfo], job: Job, where: str, name: str, text: str, url: str | None,
          encoding: str, confidence: float, reading: Cleaner) -> tuple[Row, tuple[str, str, int] | None]:
    """Clean one page and write its view into a temp file; its row for the index."""
    try:
        result = reading.clean(text, url, keep_extracted=True)
        view = _view(where, text, result, reading.is_html(text), encoding, confidence)
        html = render_page(view, table)
    except Exception as exc:  # a page that breaks the cleaner is that page's error; the run goes on
        return Row(where, None, error=f"cannot clean: {type(exc).__name__}: {exc}"), None
    row = Row(where, f"{PAGES}/{name}.html", result.site, result.packs, view.size_in, view.size_out,
              _counts(result), view.flags)
    target = os.path.join(job.out_dir, PAGES, f"{name}.html")
    data = html.encode("utf-8")
    try:
        return row, (write_temp(target, data), target, len(data))
    except OSError as exc:
        return Row(where, None, error=f"cannot write {shown_path(target)}: {exc.strerror or exc}"), None


def _view(where: str, text: str, result: Result, is_html: bool, encoding: str, confidence: float) -> PageView:
    reading = encoding if confidence >= 1 else f"{encoding} (guessed, confidence {confidence:.2f})"
    size_in, size_out = utf8_size(text), utf8_size(result.text)
    if not is_html:
        return PageView(where, result, text, reading, page_flags(result, len(text.strip()), confidence), size_in, size_out)
    blocks, lost = page_blocks(text, result.removals)
    flags = page_flags(result, sum(len(b.text) for b in blocks), confidence)
    return PageView(where, result, result.extracted or "", reading, flags, size_in, size_out, blocks, lost)


def _counts(result: Result) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in result.removals:
        counts[r.rule] = counts.get(r.rule, 0) + 1
    return counts


def build(sources: list[Source], job: Job, rules: RuleSet, *, jobs: int = 0, title: str = "cleaner report",
          advance: Callable[[int], None] = lambda n: None) -> list[Row]:
    """Write the report of sources into job.out_dir; return the index's rows (errors among them)."""
    make_folders(os.path.join(job.out_dir, PAGES))
    job = Job(job.rule_dirs, job.bundled, job.options, job.url, job.out_dir, owner())
    rows: list[Row] = []
    batch = SyncBatch()
    ok = False
    try:
        for done_rows, views in _run(sources, job, rules, jobs):
            rows += done_rows
            for tmp, target, size in views:
                _failed(rows, batch.adopt(tmp, target, size), job.out_dir)
            advance(1)
        _failed(rows, batch.flush(), job.out_dir)
        write_atomic(Path(job.out_dir) / "index.html", render_index(rows, rule_table(rules), title))
        ok = True
    finally:
        if not ok:
            batch.abort()
            remove_own_temps()
    return rows


def _failed(rows: list[Row], failures: list, out_dir: str) -> None:
    """Views that could not be moved into place: their rows say so and link nowhere."""
    if not failures:
        return
    lost = {os.fspath(path): exc for path, exc in failures}
    for row in rows:
        exc = lost.get(os.path.join(out_dir, row.href)) if row.href else None
        if exc is not None:
            row.href, row.error = None, f"cannot write its view: {exc.strerror or exc}"


def _run(sources: list[Source], job: Job, rules: RuleSet, jobs: int) -> Iterator[Done]:
    """Each input's rows and views, in input order, on `jobs` processes (0: all cores, one for a small run)."""
    items = list(enumerate(sources, 1))
    if not jobs:
        size = sum(_size(s.path) for s in sources)
        jobs = 1 if size < SMALL_RUN else default_jobs()
    if jobs <= 1:
        _init(job, rules)
        yield from map(_report_source, items)
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    yield from imap_in_pool(_report_source, items, jobs, initializer=_init,
                            initargs=(job, rules) if fork else (job,), chunksize=CHUNK)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
