"""Keep other programs' log lines off our stderr: Ray's C++ core writes its own to file descriptor 2.

A Ray driver's core worker logs in glog's shape (`[2026-12-01 10:00:00,123 E 4242 4242]
core_worker.cc:2465: …`) straight to descriptor 2, past Python's sys.stderr, where they break into
the progress bar and read like errors of the run. While Ray runs, descriptor 2 is a pipe that a
thread copies to the real stderr, line by line, leaving out those lines; they are still in Ray's
own log files (/tmp/ray/session_*/logs). Partial lines (the progress bar's) pass at once.
"""
from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
from typing import Iterator

_GLOG = re.compile(rb"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ [DIWEF] \d+ \d+\] ")


@contextlib.contextmanager
def without_foreign_lines() -> Iterator[None]:
    """Descriptor 2 filtered of glog-shaped lines for the duration; where it cannot be, left as it is."""
    sys.stderr.flush()
    try:
        real = os.dup(2)
        read, write = os.pipe()
    except OSError:
        yield
        return
    os.dup2(write, 2)
    os.close(write)
    pump = threading.Thread(target=_pump, args=(read, real), name="stderr-filter", daemon=True)
    pump.start()
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(real, 2)  # the pipe ends when the last process holding it (Ray's, which end with it) lets go
        pump.join(timeout=2)


def _pump(read: int, real: int) -> None:
    """Copy read to real until the pipe ends, without glog-shaped lines."""
    pending = b""
    try:
        while True:
            chunk = os.read(read, 1 << 16)
            if not chunk:
                break
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            out = b"".join(line + b"\n" for line in lines if not _GLOG.match(line))
            if pending and not pending.startswith(b"["):  # a partial line that cannot be Ray's: now
                out, pending = out + pending, b""
            if out:
                os.write(real, out)
        if pending and not _GLOG.match(pending):
            os.write(real, pending)
    except OSError:
        pass
    finally:
        os.close(read)
        os.close(real)
