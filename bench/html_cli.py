"""HTML through the CLI against trafilatura on the same files: CPU per page, both in one run.

Usage: .venv/bin/python bench/html_cli.py [--corpus scrapinghub_aeb ...] [--runs 3]

The pages of each corpus are written as they came (bytes, decompressed) to a folder of .html
files. `cleaner clean -q DIR -o OUT --jobs 1` runs in a process of its own; so does the peer, a
Python process that imports trafilatura, reads each file's bytes and writes
`extract(data, favor_precision=True)` to a file. Each side's CPU time (user + system of the
child, start-up and imports included) is taken --runs times, the two alternating; the medians
and their ratio are printed as a table.
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


def write_pages(corpus: str, folder: Path) -> int:
    """The corpus's pages as .html files in folder (bytes as fetched); how many."""
    count = 0
    for n, row in enumerate(manifest_rows(corpus)):
        path = CORPORA / row["html_path"]
        if not path.exists():
            path = CORPORA / corpus / row["html_path"]
        data = path.read_bytes()
        (folder / f"{n:04d}.html").write_bytes(gzip.decompress(data) if path.suffix == ".gz" else data)
        count += 1
    return count


def child_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one child process running cmd."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(corpus: str, runs: int) -> tuple[int, float, float]:
    """(pages, cleaner CPU s, trafilatura CPU s): medians of runs, the two alternating."""
    with tempfile.TemporaryDirectory() as tmp:
        pages, out, peer_out = Path(tmp) / "pages", Path(tmp) / "out", Path(tmp) / "peer"
        for folder in (pages, out, peer_out):
            folder.mkdir()
        count = write_pages(corpus, pages)
        ours = [sys.executable, "-c", CLEANER, "clean", "-q", str(pages), "-o", str(out), "--jobs", "1"]
        theirs = [sys.executable, "-c", PEER, str(pages), str(peer_out)]
        mine, peer = [], []
        for _ in range(runs):
            mine.append(child_cpu(ours))
            peer.append(child_cpu(theirs))
    return count, statistics.median(mine), statistics.median(peer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"| corpus (CPU per page, median of {args.runs}) | `cleaner clean -q DIR -o OUT --jobs 1` | "
          "trafilatura `extract(favor_precision=True)` | cleaner / trafilatura speed |")
    print("|---|---|---|---|")
    for corpus in args.corpus or DEFAULT_CORPORA:
        count, mine, peer = measure(corpus, args.runs)
        print(f"| {corpus} ({count} pages) | {mine * 1000 / count:.1f} ms | {peer * 1000 / count:.1f} ms | "
              f"**{peer / mine:.1f}x** |", flush=True)


if __name__ == "__main__":
    main()
