"""Shared by the red-team tests (`from harness import cli`): the CLI run as a user runs it, in a real process on real files.

Each test asserts on three things a user sees: the exit code, what stderr says (one
`path: error: ...` line per bad input), and the files left behind (outputs complete,
inputs untouched, no temp files).
"""
from __future__ import annotations

import ctypes
import functools
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a376c9bc92ac9e28.txt"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def cli(*args: str | os.PathLike, stdin: bytes | None = None, cwd: Path | None = None,
        timeout: float = 120, env: dict | None = None, unprivileged: bool = False) -> Run:
    """Run `cleaner ARGS` in a fresh interpreter on this checkout's code.

    unprivileged: permission bits apply to the run even under root (see drop_file_privileges);
    tests that use it skip first with `pytest.mark.skipif(unprivileged_skip_reason(), ...)`.
    """
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    preexec = drop_file_privileges if unprivileged and os.geteuid() == 0 else None
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli.main", *map(os.fspath, args)],
                          input=stdin, capture_output=True, cwd=cwd, env=environ, timeout=timeout,
                          preexec_fn=preexec, check=False)
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def leftovers(folder: Path) -> list[str]:
    """Temp files a run may have left under folder (hidden *.tmp files and spool folders)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.endswith(".tmp") or p.name.startswith("cleaner-spool-"))


_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def drop_file_privileges() -> None:
    """In the child before exec: take from root the capabilities that let it ignore permission bits.

    Root reads a chmod 000 file through CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH; with both out of
    the bounding set, the program exec'd next runs as root without them, so a file or folder with
    no permission for its owner (root) cannot be read. Switching to an unprivileged user instead
    would need the interpreter (under /root here) readable by that user.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@functools.cache
def unprivileged_skip_reason() -> str:
    """Why `cli(..., unprivileged=True)` cannot honour permission bits here; "" when it can."""
    if not sys.platform.startswith("linux"):
        return "permission tests drop Linux capabilities; not on " + sys.platform
    folder = tempfile.mkdtemp(prefix="cleaner-perm-")
    probe = Path(folder) / "probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        preexec = drop_file_privileges if os.geteuid() == 0 else None
        proc = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}).read()"], capture_output=True,
                              preexec_fn=preexec, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"cannot run a process that honours permission bits: {exc}"
    finally:
        probe.unlink()
        os.rmdir(folder)
    return "" if proc.returncode != 0 else "a chmod 000 file stays readable here (capabilities cannot be dropped)"
