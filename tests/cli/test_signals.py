"""SIGTERM/SIGINT handling of the CLI: raised once as Interrupted, held back during a cleanup."""
from __future__ import annotations

import os
import signal

import pytest

from cleaner.cli import signals


@pytest.fixture(autouse=True)
def default_handlers():
    """Each test starts from Python's own handlers, however the suite was launched: a job put in
    the background by a shell without job control (nohup, `cmd &`) inherits SIGINT ignored."""
    old = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    for sig, handler in old.items():
        signal.signal(sig, handler)


@pytest.fixture
def installed():
    restore = signals.install()
    yield
    restore()


def test_sigterm_raises_interrupted_once_then_is_ignored(installed):
    with pytest.raises(signals.Interrupted) as caught:
        os.kill(os.getpid(), signal.SIGTERM)
    assert caught.value.signum == signal.SIGTERM and isinstance(caught.value, KeyboardInterrupt)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN  # a second one cannot cut the cleanup short
    os.kill(os.getpid(), signal.SIGINT)  # ignored: nothing raised


def test_a_signal_during_a_cleanup_is_raised_after_it(installed):
    done = []
    with pytest.raises(signals.Interrupted) as caught:
        with signals.deferred():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("cleanup finished")
    assert done == ["cleanup finished"] and caught.value.signum == signal.SIGINT


def test_previous_handlers_come_back_and_ignored_signals_stay_ignored():
    old = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        restore = signals.install()
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN  # nohup'd: left alone
        assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        restore()
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGTERM, old)
