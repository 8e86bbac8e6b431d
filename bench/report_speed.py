"""`cleaner report` against `cleaner clean` on the same folder, in the same run (the CLI in subprocesses).

The folder holds --pages pages (default 10,000) made from the shared corpora: each corpus page
as it is (HTML) and as seed-like scraped text (../shared/tools/scrape_text.py), repeated under
new names. Both commands write into a fresh folder with their defaults (all cores); the figure
is the ratio of wall and CPU seconds, best of --repeat interleaved runs, so a busy machine slows
both alike. The report's goal: about the time `clean` takes.

    .venv/bin/python bench/report_speed.py                  # 10,000 pages, mixed (~5 min on 2 cores)
    .venv/bin/python bench/report_speed.py --pages 2000 --kind text
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import CORPORA, html_of, manifest_rows, scrape_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS_NAMES = ("daniel_zh_dev", "cwced_zh", "scrapinghub_aeb")


def make_pages(folder: Path, count: int, kind: str) -> int:
    """count pages (HTML, scraped text, or both alternating) in folders of 500; their bytes."""
    render = scrape_text()
    htmls = [html_of(row, name) for name in CORPUS_NAMES for row in manifest_rows(name)]
    pages: list[tuple[str, str]] = []
    if kind in ("html", "mixed"):
        pages += [(".html", h) for h in htmls]
    if kind in ("text", "mixed"):
        pages += [(".txt", render(h)) for h in htmls]
    total = 0
    for n in range(count):
        suffix, text = pages[n % len(pages)]
        path = folder / f"d{n // 500:03d}" / f"p{n:05d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        total += path.write_text(text, encoding="utf-8")
    return total


def cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def run(command: str, src: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `cleaner COMMAND -q SRC -o OUT`."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start, cpu_start = time.perf_counter(), cpu()
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli.main", command, "-q", str(src), "-o", str(out)],
                          env=env, capture_output=True)
    wall, used = time.perf_counter() - start, cpu() - cpu_start
    if proc.returncode not in (0, 1):  # 1: some page could not be read, said on stderr
        raise SystemExit(f"{command}: exit {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return wall, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--kind", choices=("mixed", "html", "text"), default="mixed")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not CORPORA.exists():
        raise SystemExit(f"{CORPORA}: the shared corpora are missing")
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        src = Path(tmp) / "pages"
        size = make_pages(src, args.pages, args.kind)
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeat):
            for command in ("clean", "report"):
                wall, used = run(command, src, Path(tmp) / command)
                if command not in best or wall < best[command][0]:
                    best[command] = (wall, used)
        print(f"{args.pages:,} pages ({args.kind}, {size / 1e6:.0f} MB), {os.cpu_count()} cores, best of {args.repeat}")
        print("| command | wall s | CPU s |")
        print("|---|---|---|")
        for command, (wall, used) in best.items():
            print(f"| cleaner {command} | {wall:.1f} | {used:.1f} |")
        (cw, cc), (rw, rc) = best["clean"], best["report"]
        print(f"report / clean: {rw / cw:.2f}x wall, {rc / cc:.2f}x CPU")


if __name__ == "__main__":
    main()
