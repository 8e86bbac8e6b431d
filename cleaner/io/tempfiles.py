"""Temp files and spool folders named as ours, with the writing process's host and pid.

A run that is killed outright (SIGKILL, power loss) cannot clean up after itself. Its temp files
carry its host name and pid, so a later run can tell them from a user's own `x.tmp` and from a
live run's files: it removes those of this host whose process is gone, and nothing else.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

SPOOL_PREFIX = "cleaner-spool-"
# Host names may hold dots and dashes; the name keeps letters, digits and "_" so that it parses.
_NODE = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
HOST = re.sub(r"[^A-Za-z0-9]", "_", _NODE)[:32] or "host"
_TEMP = re.compile(r"^\..+\.cleaner-(?P<host>[A-Za-z0-9_]+)-(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")
_SPOOL = re.compile(rf"^{SPOOL_PREFIX}(?P<host>[A-Za-z0-9_]+)-(?P<pid>\d+)-")

_swept: set[str] = set()  # folders this process has swept (and may hold its own temp files)
# The pid temp names carry: the run's, also in its worker processes, so that the run can find
# (and, when interrupted, remove) the files its workers left, and a later run can tell when the
# run is gone. Forked workers inherit it; others are told (parallel.init_worker).
_owner: int | None = None


def owner() -> int:
    """The pid of the run this process writes for."""
    return _owner or os.getpid()


def set_owner(pid: int) -> None:
    """Name this process's temp files after the run with pid (a worker of that run)."""
    global _owner
    _owner = pid


def temp_path(path: str) -> str:
    """A fresh hidden temp name beside path, tagged with this host and the run's pid."""
    folder, name = os.path.split(path)
    # Hidden, so that a concurrent walk of the output folder skips it.
    return os.path.join(folder, f".{name[:100]}.cleaner-{HOST}-{owner()}-{os.urandom(4).hex()}.tmp")


def is_temp_name(name: str) -> bool:
    """Whether a file name is one of our temp files (of any process)."""
    return _TEMP.match(name) is not None


def _alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host (a reused pid counts as alive)."""
    if pid in (os.getpid(), owner()):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, owned by someone else
        return True
    return True


def _stale(match: re.Match[str] | None) -> bool:
    # Another host's process cannot be asked about, so its files are left alone.
    return match is not None and match["host"] == HOST and not _alive(int(match["pid"]))


def sweep(folder: str | Path) -> int:
    """Remove stale temp files of dead runs in folder, once per process; return how many."""
    key = os.path.abspath(folder)
    if key in _swept:
        return 0
    _swept.add(key)
    removed = 0
    try:
        entries = list(os.scandir(key))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.endswith(".tmp") and _stale(_TEMP.match(entry.name)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def remove_own_temps() -> int:
    """Remove every temp file of this run in the folders it writes to (after an interrupt)."""
    mine, removed = str(owner()), 0
    for folder in list(_swept):
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                match = _TEMP.match(entry.name)
                if match and match["host"] == HOST and match["pid"] == mine:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
    return removed


def make_spool_dir() -> str:
    """A new spool folder in the temp folder, after sweeping those of dead runs."""
    import shutil  # here, not at import: only --jobs runs make spool folders

    root = tempfile.gettempdir()
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            if entry.name.startswith(SPOOL_PREFIX) and _stale(_SPOOL.match(entry.name)):
                shutil.rmtree(entry.path, ignore_errors=True)
    return tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{HOST}-{owner()}-", dir=root)
