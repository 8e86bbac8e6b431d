"""SIGTERM and SIGINT end a run like Ctrl-C: an exception unwinds it, so every cleanup runs.

`timeout`, systemd, Docker, Slurm and Kubernetes stop a program with SIGTERM, whose default
action ends the process on the spot, temp files and worker processes left behind. Here the
first signal raises Interrupted in the main thread; later ones are ignored, so that the cleanup
it sets off is not cut short; and a cleanup already under way (deferred()) finishes first.
"""
from __future__ import annotations

import contextlib
import os
import signal
from typing import Callable, Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """SIGTERM (or SIGINT) received: unwinds like Ctrl-C, so every finally block cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_deferring = False
_pending: list[int] = []  # a signal that came while deferred, raised when the cleanup ends


def install() -> Callable[[], None]:
    """Handle SIGINT and SIGTERM in this process; return what restores the previous handlers."""
    # A signal ignored when the run started (nohup, `cmd &` in a script) stays ignored.
    previous = {sig: old for sig in SIGNALS if (old := signal.getsignal(sig)) is not signal.SIG_IGN}
    handler = _handler(os.getpid())
    for sig in previous:
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold a signal back while the block (a cleanup) runs, then raise it."""
    global _deferring
    outer, _deferring = _deferring, True
    try:
        yield
    finally:
        _deferring = outer
        if not outer and _pending:
            raise Interrupted(_pending.pop())


def _handler(owner: int) -> Callable[[int, object], None]:
    """A signal handler for the process `owner`, raising Interrupted once."""

    def handle(signum: int, frame: object) -> None:
        if os.getpid() != owner:
            # A worker forked before it could set its own handlers: end as the signal says.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        # Cleanup runs once, unbroken: a second Ctrl-C must not leave half of it undone.
        for sig in SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        if _deferring:
            _pending[:] = [signum]
            return
        raise Interrupted(signum)

    return handle
