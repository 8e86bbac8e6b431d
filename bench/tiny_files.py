"""Many tiny files: `cleaner clean DIR -o OUT` end to end (the CLI in a subprocess), in files/s.

3,000 pages of ~150 bytes in 10 folders, cleaned with --jobs 1 and --jobs 2, against two peers
timed in the same run on the same files: `cp -r` of the folder, and a plain-Python loop that
reads each file and writes it to a new folder (neither syncs anything; the cleaner's outputs
are durable when it exits). Each figure is the best of --repeat runs, interleaved, so that a
busy machine slows every system alike; compare the ratios more than the absolute figures.

    .venv/bin/python bench/tiny_files.py                       # this checkout
    .venv/bin/python bench/tiny_files.py --also ../other-checkout   # and another one, same run
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = "第{n}篇报道\n\n分享到：微信 微博\n正文第一段，记者从现场获悉有关情况并进行了采访。编号{n}。\n"


def make_pages(folder: Path, count: int) -> None:
    """count tiny pages in 10 subfolders."""
    for n in range(count):
        path = folder / f"d{n % 10}" / f"p{n:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(n=n), encoding="utf-8")


def cpu() -> float:
    """CPU seconds used so far by this process and its ended children (the CLI and its workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(run) -> tuple[float, float]:
    """Wall seconds and CPU seconds of run()."""
    start, cpu_start = time.perf_counter(), cpu()
    run()
    return time.perf_counter() - start, cpu() - cpu_start


def cleaner_run(checkout: Path, src: Path, out: Path, jobs: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    cmd = [sys.executable, "-m", "cleaner.cli.main", "clean", "-q", str(src), "-o", str(out), "--jobs", str(jobs)]
    proc = subprocess.run(cmd, env=env, capture_output=True)
    if proc.returncode != 0:
        raise SystemExit(f"{checkout}: exit {proc.returncode}: {proc.stderr.decode()[-500:]}")


def python_loop(src: Path, out: Path) -> None:
    """The floor for any Python tool: read each file, write it under out (no cleaning, no sync)."""
    for path in src.rglob("*.txt"):
        target = out / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--also", type=Path, action="append", default=[], help="Another checkout to time too.")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tiny-files-"))
    try:
        src = work / "pages"
        make_pages(src, args.files)
        systems = {"cp -r": lambda out: subprocess.run(["cp", "-r", str(src), str(out)], check=True),
                   "python read+write loop": lambda out: python_loop(src, out)}
        for checkout in [ROOT, *args.also]:
            label = "this checkout" if checkout == ROOT else str(checkout)
            for jobs in (1, 2):
                systems[f"cleaner --jobs {jobs} ({label})"] = \
                    lambda out, c=checkout, j=jobs: cleaner_run(c, src, out, j)
        best: dict[str, tuple[float, float]] = {}
        for _round in range(args.repeat):
            for name, run in systems.items():
                out = work / "out"
                shutil.rmtree(out, ignore_errors=True)
                wall, used = timed(lambda: run(out))
                best[name] = min(best.get(name, (wall, used)), (wall, used))
        cp, loop = best["cp -r"][0], best["python read+write loop"][0]
        print(f"{args.files} files, best of {args.repeat}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'system':44} {'files/s':>9} {'vs cp -r':>9} {'vs loop':>9} {'CPU ms/file':>12}")
        for name, (wall, used) in best.items():
            print(f"{name:44} {args.files / wall:9.0f} {cp / wall:8.2f}x {loop / wall:8.2f}x {1000 * used / args.files:12.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
