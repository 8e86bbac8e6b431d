"""HTML through the CLI against trafilatura on the same files: CPU per page, both in one run.

Usage: .venv/bin/python bench/html_cli.py [--corpus scrapinghub_aeb ...] [--runs 3] [--copies 1]

The pages of each corpus are written as they came (bytes, decompressed) to a folder of .html
files (--copies times each, under other names: more pages to spread the start-up over).
`cleaner clean -q DIR -o OUT --jobs 1` runs in a process of its own; so does the peer, a Python
process that imports trafilatura, reads each file's bytes and writes
`extract(data, favor_precision=True)` to a file. Each side's CPU time (user + system of the
child) is taken --runs times, the two alternating, on the pages and on an empty folder (the
start-up: Python, imports, rules; trafilatura's import for the peer). Printed: the medians per
page with start-up, and net of it; each ratio is the median of the runs' own ratios (a run of
each side, one right after the other, sees the machine alike), with their range. Cleaner's own
lazy import of trafilatura (for nearly empty pages) stays in its per-page figure.
"""
from __future__ import annotations

import argparse
import gzip
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import CORPORA, manifest_rows  # noqa: E402

CLEANER = "import sys; from cleaner.cli.main import main; sys.exit(main())"
PEER = """
import sys
from pathlib import Path
import trafilatura
out = Path(sys.argv[2])
for path in sorted(Path(sys.argv[1]).glob("*.html")):
    text = trafilatura.extract(path.read_bytes(), favor_precision=True)
    (out / (path.stem + ".txt")).write_text(text or "", encoding="utf-8")
"""
DEFAULT_CORPORA = ("scrapinghub_aeb", "cwced_zh", "daniel_zh_dev")


def write_pages(corpus: str, folder: Path, copies: int = 1) -> int:
    """The corpus's pages as .html files in folder (bytes as fetched), copies times; how many."""
    count = 0
    for n, row in enumerate(manifest_rows(corpus)):
        path = CORPORA / row["html_path"]
        if not path.exists():
            path = CORPORA / corpus / row["html_path"]
        data = path.read_bytes()
        data = gzip.decompress(data) if path.suffix == ".gz" else data
        for copy in range(copies):
            (folder / f"{n:04d}-{copy}.html").write_bytes(data)
            count += 1
    return count


def child_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one child process running cmd."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=REPO)  # `-c` imports from the cwd first
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(corpus: str, runs: int, copies: int) -> tuple[int, list[list[float]]]:
    """(pages, [cleaner, cleaner start-up, trafilatura, trafilatura start-up] CPU s of each run)."""
    with tempfile.TemporaryDirectory() as tmp:
        pages, empty, out, peer_out = (Path(tmp) / name for name in ("pages", "empty", "out", "peer"))
        for folder in (pages, empty, out, peer_out):
            folder.mkdir()
        count = write_pages(corpus, pages, copies)
        ours = [sys.executable, "-c", CLEANER, "clean", "-q", "-o", str(out), "--jobs", "1"]
        theirs = [sys.executable, "-c", PEER]
        commands = [ours + [str(pages)], ours + [str(empty)], theirs + [str(pages), str(peer_out)],
                    theirs + [str(empty), str(peer_out)]]
        spent: list[list[float]] = [[] for _ in commands]
        for _ in range(runs):
            for k in (0, 2, 1, 3):  # each side's run next to the other's: a pair sees the machine alike
                spent[k].append(child_cpu(commands[k]))
    return count, spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    print(f"| corpus (CPU ms per page, median of {args.runs}) | `cleaner clean -q DIR -o OUT --jobs 1` | "
          "trafilatura `extract(favor_precision=True)` | speed ratio (range) | net of start-up: cleaner | trafilatura "
          "| speed ratio (range) |")
    print("|---|---|---|---|---|---|---|")
    for corpus in args.corpus or DEFAULT_CORPORA:
        count, spent = measure(corpus, args.runs, args.copies)
        mine, mine_start, peer, peer_start = (statistics.median(times) for times in spent)
        # Ratios of each run's pair (taken one after the other), not of the two medians.
        ratios = [p / m for m, p in zip(spent[0], spent[2])]
        net = [(p - ps) / (m - ms) for m, ms, p, ps in zip(*spent)]
        print(f"| {corpus} ({count} pages) | {mine * 1000 / count:.1f} | {peer * 1000 / count:.1f} | "
              f"**{statistics.median(ratios):.1f}x** ({min(ratios):.1f}-{max(ratios):.1f}) | "
              f"{(mine - mine_start) * 1000 / count:.1f} | {(peer - peer_start) * 1000 / count:.1f} | "
              f"**{statistics.median(net):.1f}x** ({min(net):.1f}-{max(net):.1f}) |", flush=True)
        print(f"<!-- start-up: cleaner {mine_start:.2f} s, trafilatura {peer_start:.2f} s -->", flush=True)


if __name__ == "__main__":
    main()
