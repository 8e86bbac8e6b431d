"""`cleaner check` on the shared corpora: how often it notes that `clean` would take much more, and
what --jobs 2 gains over --jobs 1 on many files.

Usage: .venv/bin/python bench/check_notes.py [--corpus NAME ...] [--runs 3]

Every page is written twice into a temp folder: as scraped text (its HTML rendered with the shared
scrape_text.py, menus and all) and as its human ground truth (a clean article). `cleaner check`
runs on each folder through the command line; the notes it prints are counted. The note should
come on scraped pages and rarely on clean ones. Then `cleaner check -j 1` and `-j 2` on the
scraped pages, timed in the same run (best of --runs): the ratios of wall-clock time and of CPU
time (the pool's own cost), never an absolute time, are the figures. The load average is printed:
on a machine whose cores are busy, a second process gains nothing.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import html_of, manifest_rows, scrape_text  # noqa: E402

DEFAULT_CORPORA = ("daniel_zh_dev", "cwced_zh", "scrapinghub_aeb")
CHECK = [sys.executable, "-m", "cleaner.cli.main", "check"]


def notes(folder: Path) -> int:
    """How many files `cleaner check` notes in folder."""
    proc = subprocess.run([*CHECK, str(folder)], capture_output=True, text=True, cwd=REPO)
    return sum(1 for line in proc.stderr.splitlines() if ": note: `cleaner clean` would also remove" in line)


def best_time(args: list[str], runs: int) -> tuple[float, float]:
    """Best wall-clock seconds of runs runs, and the CPU seconds (the check and its workers) of that run."""
    best = (float("inf"), 0.0)
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*CHECK, *args], capture_output=True, cwd=REPO)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", help="corpus folder name (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each --jobs setting")
    args = parser.parse_args(argv)
    render = scrape_text()
    with tempfile.TemporaryDirectory() as tmp:
        scraped, truth = Path(tmp, "scraped"), Path(tmp, "truth")
        scraped.mkdir()
        truth.mkdir()
        n = 0
        for corpus in args.corpus or DEFAULT_CORPORA:
            for row in manifest_rows(corpus):
                if not (row.get("truth_text") or "").strip():
                    continue
                (scraped / f"{n:04d}.txt").write_text(render(html_of(row, corpus)), encoding="utf-8")
                (truth / f"{n:04d}.txt").write_text(row["truth_text"], encoding="utf-8")
                n += 1
        print(f"pages: {n}")
        print(f"noted as scraped text:      {notes(scraped)} of {n}")
        print(f"noted as ground-truth text: {notes(truth)} of {n}")
        (one, cpu_one), (two, cpu_two) = (best_time(["-j", j, str(scraped)], args.runs) for j in ("1", "2"))
        print(f"check -j 2 over -j 1 on {n} scraped pages: {one / two:.2f}x wall (best of {args.runs}); "
              f"CPU of -j 2 over -j 1: {cpu_two / cpu_one:.2f}x; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
