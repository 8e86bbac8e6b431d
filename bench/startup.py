"""Start-up of `cleaner check` on one small text file, as a commit hook runs it.

Usage: .venv/bin/python bench/startup.py [--runs 5] [--budget 0.5] [--before DIR]

Times whole processes for `cleaner check small.txt` (rule cache warm, as from the second run of a
hook on; and with --no-cache, as a first run parses the rule files) and for the baselines
`python -c pass` and `python -c 'import click'`, alternating them run by run: the median wall
clock and CPU time (user + system) of --runs, each also as a multiple of `import click` in the
same run, the figure that holds on a busy machine. Then lists what `python -X importtime` says the
check imports: the heavy HTML stack, YAML and pathspec must not be among them. Exits 1 when the
median is over --budget seconds or a heavy module is imported.

--before DIR adds `cleaner check page.txt` run from another checkout (`git archive REV | tar -x -C
DIR`), in the same alternation: the figure before a change, against the same peers.

The package's modules are byte-compiled first, as installing a wheel does: a checkout run with
PYTHONDONTWRITEBYTECODE would otherwise compile a hundred modules in every process. The rule
cache lives in a temporary folder (CLEANER_CACHE_DIR), not the user's.
"""
from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Union

HEAVY = ("lxml", "trafilatura", "selectolax", "charset_normalizer", "zstandard", "yaml", "pathspec")
PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
PAGE = "宿迁“三位一体”打防网络犯罪\n\n2018年以来，宿迁公安局在“净网2018”行动中打出了一套组合拳。\n"


Command = Union[list[str], tuple[dict[str, str], list[str]]]


def run_once(cmd: Command, env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of the process: user + system) of one run of cmd;
    a command given as (env overrides, argv) runs with those variables changed."""
    if isinstance(cmd, tuple):
        env, cmd = {**env, **cmd[0]}, cmd[1]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, _status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = 0  # reaped above
    return wall, usage.ru_utime + usage.ru_stime


def timed(commands: dict[str, Command], runs: int, env: dict[str, str]) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) of runs runs of each command, the commands alternating (after one warm-up run each)."""
    for cmd in commands.values():
        run_once(cmd, env)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            results[name].append(run_once(cmd, env))
    return results


def imports(cmd: list[str], env: dict[str, str]) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of every top-level import the command makes."""
    err = subprocess.run(cmd, capture_output=True, text=True, env=env).stderr
    rows = []
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _self, cumulative, name = line[len("import time:"):].split("|")
            rows.append((int(cumulative), name.rstrip()[1:]))  # one space, then nesting
    return rows


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=0.5)
    parser.add_argument("--before", type=Path, help="a checkout of an earlier revision, timed in the same runs")
    args = parser.parse_args()
    compileall.compile_dir(PACKAGE, quiet=1)
    if args.before:
        compileall.compile_dir(args.before / "cleaner", quiet=1)
    cleaner = str(Path(sysconfig.get_path("scripts")) / "cleaner")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CLEANER_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("CLEANER_NO_CACHE", None)
        page = Path(tmp) / "page.txt"
        page.write_text(PAGE, encoding="utf-8")
        check = [cleaner, "check", str(page)]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import click'": [sys.executable, "-c", "import click"],
            "cleaner check page.txt": check,
            "cleaner check --no-cache": [cleaner, "check", "--no-cache", str(page)],
        }
        if args.before:
            commands["check page.txt, --before"] = ({"PYTHONPATH": str(args.before.resolve())}, check)
        results = timed(commands, args.runs, env)
        rows = imports([sys.executable, "-X", "importtime", "-m", "cleaner.cli.main", "check", str(page)], env)
    click = [statistics.median(t[i] for t in results["python -c 'import click'"]) for i in (0, 1)]
    for name, times in results.items():
        wall, cpu = (statistics.median(t[i] for t in times) for i in (0, 1))
        print(f"{name:26s} wall {wall * 1000:5.0f} ms (x{wall / click[0]:4.1f} import click)"
              f"  CPU {cpu * 1000:5.0f} ms (x{cpu / click[1]:4.1f})"
              f"  wall runs: {', '.join(f'{t[0] * 1000:.0f}' for t in times)}")
    top = sorted((r for r in rows if not r[1].startswith(" ")), reverse=True)[:8]
    print("slowest top-level imports of the check:", ", ".join(f"{n} {us / 1000:.0f} ms" for us, n in top))
    heavy = sorted({n.strip() for _us, n in rows if n.strip().split(".")[0] in HEAVY})
    print("heavy modules imported:", ", ".join(heavy) or "none")
    over = statistics.median(t[0] for t in results["cleaner check page.txt"]) > args.budget
    if over:
        print(f"over the {args.budget} s budget")
    return 1 if over or heavy else 0


if __name__ == "__main__":
    sys.exit(main())
