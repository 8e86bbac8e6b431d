"""A corpus run: sources cleaned by a runner (local processes or Ray) into a sink, and one page on stdin."""
from __future__ import annotations

import contextlib
import dataclasses
import shutil
import sys
from typing import Callable, ContextManager, Iterator

from cleaner.core.cleaner import Cleaner
from cleaner.core.huge import PIECES_NOTE
from cleaner.io import read_stdin
from cleaner.io.guess import DOUBTFUL, encoding_warning
from cleaner.io.tempfiles import make_spool_dir, owner, remove_own_temps
from cleaner.result import utf8_size
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run import local
from cleaner.run.formats import render
from cleaner.run.local import Outcome, Setup
from cleaner.run.sinks import Sink
from cleaner.run.sources import STDIN_PAGE, Say, Source

SMALL_RUN = 1 << 20  # below this many input bytes, starting worker processes costs more than it saves


def run(sink: Sink, setup: Setup, rules: RuleSet, *, engine: str = "local", jobs: int = 0,
        advance: Callable[[int], None] = lambda n: None,
        shield: Callable[[], ContextManager[None]] = contextlib.nullcontext) -> None:
    """Clean sink.sources into sink on the engine's runner, in input order.

    advance(n) is told of every n inputs finished; shield() guards the cleanup, which ends the
    workers, finishes (or, on an exception, drops) the outputs and removes the run's temp files.
    """
    cleanups: list[Callable[[], None]] = []
    outcomes = _outcomes(sink, setup, rules, engine, jobs, cleanups)
    ok = False
    try:
        for outcome in outcomes:
            advance(len(sink.take(outcome)))
            if sink.stopped:
                break  # the one output failed: nothing more can be written
        ok = True
    finally:
        with shield():  # a signal now waits until the cleanup is done
            # Ends the worker pool first (also on an interrupt): no worker writes a spool file
            # after its folder is removed, and none outlives the run.
            getattr(outcomes, "close", lambda: None)()
            sink.close(ok)
            if not ok:
                remove_own_temps()  # those of tasks whose outcomes never came back
            for cleanup in cleanups:
                cleanup()


def _outcomes(sink: Sink, setup: Setup, rules: RuleSet, engine: str, jobs: int,
              cleanups: list[Callable[[], None]]) -> Iterator[Outcome]:
    """The outcomes of the engine's runner (both offer `outcomes(sources, setup, jobs, ...)`)."""
    if engine == "ray":
        from cleaner.run import ray  # imports Ray only when asked for

        return ray.outcomes(sink.sources, setup, jobs or None)
    workers = jobs_for(jobs, sink)
    if sink.names:  # output into a folder: workers write the pages, this process moves them in
        setup = dataclasses.replace(setup, out_dir=str(sink.output), owner=owner())
    if workers > 1:
        spool = make_spool_dir()  # named with this run's pid; stale ones of killed runs go
        cleanups.append(lambda: shutil.rmtree(spool, ignore_errors=True))
        setup = dataclasses.replace(setup, spool_dir=spool)
    return local.outcomes(sink.sources, setup, workers, rules=rules, names=sink.page_names())


def jobs_for(jobs: int, sink: Sink) -> int:
    """Worker processes: as asked (0: all cores), but one for a run too small to share out."""
    if jobs:
        return jobs
    if any(str(s.path) == "-" for s in sink.sources):
        return local.default_jobs()  # a stream of unknown length
    try:
        if sum(s.path.stat().st_size for s in sink.sources) < SMALL_RUN:
            return 1
    except OSError:
        pass
    return local.default_jobs()


def clean_stdin_page(make_sink: Callable[[list[Source]], Sink], setup: Setup, rules: RuleSet, say: Say) -> Sink:
    """One page on stdin, cleaned in this process into the sink made for it; InputError when it
    cannot be read (then no sink is made, and no output file begun)."""
    decoded = read_stdin(sys.stdin.buffer, max_bytes=setup.options.max_size)
    if decoded.confidence < DOUBTFUL:
        say(f"<stdin>: warning: {encoding_warning(decoded)}")
    cleaner = Cleaner(rules, setup.options)
    result = cleaner.clean(decoded.text, setup.url)
    if cleaner.in_pieces(decoded.text):
        say(f"<stdin>: note: {PIECES_NOTE}")
    out = render(result, setup.fmt, None, decoded, setup.fields)
    sink = make_sink([STDIN_PAGE])
    try:
        if sink.page(STDIN_PAGE, out):
            sink.summary.add(result, utf8_size(decoded.text), utf8_size(out))
    finally:
        sink.close()
    return sink


__all__ = ["SMALL_RUN", "clean_stdin_page", "jobs_for", "run"]
