"""Shared by the red-team tests (`from harness import cli`): the CLI run as a user runs it, in a real process on real files.

Each test asserts on three things a user sees: the exit code, what stderr says (one
`path: error: ...` line per bad input), and the files left behind (outputs complete,
inputs untouched, no temp files).
"""
from __future__ import annotations

import os
import subprocess
import sys
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
        timeout: float = 120, env: dict | None = None) -> Run:
    """Run `cleaner ARGS` in a fresh interpreter on this checkout's code."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli.main", *map(os.fspath, args)],
                          input=stdin, capture_output=True, cwd=cwd, env=environ, timeout=timeout)
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def leftovers(folder: Path) -> list[str]:
    """Temp files a run may have left under folder (hidden *.tmp files and spool folders)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.endswith(".tmp") or p.name.startswith("cleaner-spool-"))
