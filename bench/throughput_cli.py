"""The three corpora of bench/throughput.py end to end through the CLI, and in the library.

Each figure is read against the naive filter (bench/naive_filter.py) in the same run: through the
CLI, CPU seconds (user + system) of `cleaner clean -q IN -o OUT.jsonl --jobs 1` and of the filter
as a script on the same file, alternating, median of --repeat runs; MB/s is the JSON Lines file
over those seconds (per core). In the library, `Cleaner(rules).clean(text, url)` and the filter's
`clean(text)` on the same blocks of pages, alternating, timing only those calls.
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from naive_filter import NaiveFilter  # noqa: E402
from throughput_corpora import learned_corpus, page_texts, seed_corpus, unclaimed_corpus  # noqa: E402

CLEANER = [sys.executable, "-m", "cleaner.cli.main", "clean", "-q", "--jobs", "1"]
PEER = [sys.executable, str(REPO / "bench" / "naive_filter.py")]


def corpora(workdir: Path, size_mb: float, copies: int) -> dict[str, tuple[Path, list[str]]]:
    """name -> (records, extra CLI arguments) for the three corpora."""
    learned, rules = learned_corpus(workdir, size_mb)
    return {"seed (site-claimed)": (seed_corpus(workdir, copies), []),
            "daniel_zh_dev, learned rules": (learned, ["--rules", str(rules)]),
            "unclaimed (packs + main content)": (unclaimed_corpus(workdir, size_mb), [])}


def cpu_of(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO)})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def removed_modes() -> list[list[str]]:
    """The --removed variants to time: the default, and `full` where the CLI has the option."""
    help_text = subprocess.run([*CLEANER[:4], "--help"], capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)}).stdout
    return [[], ["--removed", "full"]] if "--removed" in help_text else [[]]


def cli_table(workdir: Path, size_mb: float, copies: int, repeat: int) -> None:
    """Print the CLI table: MB/s per core of the cleaner and the filter, and their ratio."""
    print("\n## Through the CLI, one job (CPU seconds of the process, median of "
          f"{repeat}; MB of JSON Lines per CPU second)\n")
    print("| corpus | command | cleaner MB/s | naive filter MB/s | cleaner / filter |")
    print("|---|---|---|---|---|")
    out = workdir / "out.jsonl"
    for name, (records, extra) in corpora(workdir, size_mb, copies).items():
        mb = records.stat().st_size / 1e6
        for mode in removed_modes():
            args = [str(records), "-o", str(out), *extra, *mode]
            ours, peer = [], []
            for _ in range(repeat):
                ours.append(cpu_of([*CLEANER, *args]))
                peer.append(cpu_of([*PEER, str(records), str(workdir / "peer.jsonl")]))
            a, b = statistics.median(ours), statistics.median(peer)
            command = " ".join(["cleaner clean -q IN -o out.jsonl --jobs 1", *extra[:1], *(["LEARNED/"] if extra else []), *mode])
            print(f"| {name} ({mb:.0f} MB) | `{command}` | {mb / a:.1f} | {mb / b:.1f} | **{b / a:.2f}x** |", flush=True)


def library_table(workdir: Path, size_mb: float, copies: int, block: int = 200, limit_mb: float = 20) -> None:
    """Print the library table: MB/s of page text, cleaner against the filter, same blocks."""
    from cleaner import RuleSet
    from cleaner.core.cleaner import Cleaner

    print(f"\n## In the library, one core (first {limit_mb:g} MB of page text of each corpus)\n")
    print("| corpus | cleaner MB/s | naive filter MB/s | cleaner / filter |")
    print("|---|---|---|---|")
    peer = NaiveFilter()
    for name, (records, extra) in corpora(workdir, size_mb, copies).items():
        cleaner = Cleaner(RuleSet.load([Path(extra[1])] if extra else []))
        pages, size, timed = [], 0, [0.0, 0.0]
        for text, url in page_texts(records):
            pages.append((text, url))
            size += len(text.encode("utf-8"))
            if len(pages) == block or size > limit_mb * 1e6:
                _timed_block(pages, cleaner, peer, timed)
                pages = []
            if size > limit_mb * 1e6:
                break
        _timed_block(pages, cleaner, peer, timed)
        print(f"| {name} | {size / 1e6 / timed[0]:.1f} | {size / 1e6 / timed[1]:.1f} | **{timed[1] / timed[0]:.2f}x** |", flush=True)


def _timed_block(pages: list[tuple[str, str | None]], cleaner, peer: NaiveFilter, timed: list[float]) -> None:
    start = time.process_time()
    for text, url in pages:
        cleaner.clean(text, url)
    timed[0] += time.process_time() - start
    start = time.process_time()
    for text, _url in pages:
        peer.clean(text)
    timed[1] += time.process_time() - start
