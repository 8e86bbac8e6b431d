"""Start-up of `cleaner check` on one small text file, as a commit hook runs it.

Usage: .venv/bin/python bench/startup.py [--runs 5] [--budget 0.5]

Times whole processes (wall clock, median of --runs) for `cleaner check small.txt` and for the
baselines `python -c pass` and `python -c 'import click'`, then lists what `python -X importtime`
says the check imports: the heavy HTML stack (lxml, trafilatura, selectolax) must not be among
them. Exits 1 when the median is over --budget seconds or a heavy module is imported.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HEAVY = ("lxml", "trafilatura", "selectolax", "charset_normalizer", "zstandard")
PAGE = "宿迁“三位一体”打防网络犯罪\n\n2018年以来，宿迁公安局在“净网2018”行动中打出了一套组合拳。\n"


def timed(cmd: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of each of runs runs of cmd (after one warm-up run)."""
    subprocess.run(cmd, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def imports(cmd: list[str]) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of every top-level import the command makes."""
    err = subprocess.run(cmd, capture_output=True, text=True).stderr
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
    args = parser.parse_args()
    cleaner = str(Path(sysconfig.get_path("scripts")) / "cleaner")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.txt"
        page.write_text(PAGE, encoding="utf-8")
        check = [cleaner, "check", str(page)]
        results = {
            "python -c pass": timed([sys.executable, "-c", "pass"], args.runs),
            "python -c 'import click'": timed([sys.executable, "-c", "import click"], args.runs),
            "cleaner check page.txt": timed(check, args.runs),
        }
        rows = imports([sys.executable, "-X", "importtime", "-m", "cleaner.cli.main", "check", str(page)])
    click_median = statistics.median(results["python -c 'import click'"])
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:28s} median {median * 1000:6.0f} ms  (x{median / click_median:4.1f} import click)"
              f"  runs: {', '.join(f'{t * 1000:.0f}' for t in times)}")
    top = sorted((r for r in rows if not r[1].startswith(" ")), reverse=True)[:8]
    print("slowest top-level imports of the check:", ", ".join(f"{n} {us / 1000:.0f} ms" for us, n in top))
    heavy = sorted({n.strip() for _us, n in rows if n.strip().split(".")[0] in HEAVY})
    print("heavy modules imported:", ", ".join(heavy) or "none")
    over = statistics.median(results["cleaner check page.txt"]) > args.budget
    if over:
        print(f"over the {args.budget} s budget")
    return 1 if over or heavy else 0


if __name__ == "__main__":
    sys.exit(main())
