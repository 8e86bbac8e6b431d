"""What reading dates as ISO 8601 costs, on every page of the shared corpora (HTML and scraped text).

Usage: .venv/bin/python bench/date_cost.py [--corpora-root ../shared/corpora]

Each page is cleaned as `cleaner clean` does (HTML, then its scraped text); the dates it gives
(`date_raw`) are then read again by cleaner.core.dates in a timed loop (cleaning read them
once already, so dateparser's first call, ~0.5 s to load its language data, is not in it).
Printed: how many dates the small parser read, how many went to dateparser and how many stayed
raw, and the time of reading them as a share of the time of cleaning the same pages.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import corpora  # noqa: E402

import cleaner  # noqa: E402
from cleaner.core import dates  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora-root", type=Path, default=corpora.CORPORA)
    args = parser.parse_args()
    rules, render = cleaner.load_rules(), corpora.scrape_text()
    raws: list[str] = []
    cleaning = 0.0
    pages = 0
    for manifest in sorted(args.corpora_root.glob("*/manifest.jsonl")):
        corpus = manifest.parent.name
        for row in corpora.manifest_rows(corpus, args.corpora_root):
            html = corpora.html_of(row, corpus, args.corpora_root)
            for page in (html, render(html)):
                start = time.perf_counter()
                metadata = cleaner.clean(page, rules).metadata
                cleaning += time.perf_counter() - start
                pages += 1
                if "date_raw" in metadata:
                    raws.append(metadata["date_raw"])
    cheap = sum(any(p.search(dates.unicodedata.normalize("NFKC", r)) for p in (dates._NUMERIC, dates._MONTH_FIRST,
                                                                              dates._DAY_FIRST)) for r in raws)
    start = time.perf_counter()
    read = [dates.iso_date(raw) for raw in raws]
    reading = time.perf_counter() - start
    print(f"pages cleaned: {pages}; dates found: {len(raws)}; read by the small parser: {cheap}; "
          f"other shapes (dateparser, when they hold a year): {len(raws) - cheap}; left raw (no ISO date): {read.count(None)}")
    print(f"reading them: {reading * 1000:.1f} ms, {100 * reading / cleaning:.2f} % of cleaning the pages "
          f"({cleaning:.1f} s)")
    print("left raw:", sorted({raw for raw, iso in zip(raws, read) if iso is None}))


if __name__ == "__main__":
    main()
