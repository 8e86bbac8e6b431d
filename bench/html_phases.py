"""Where an HTML page's time goes: claim, parse, metadata, flattening, scoring, the rest; trafilatura beside it.

Usage: .venv/bin/python bench/html_phases.py [--corpus scrapinghub_aeb] [--repeat 3]

Each step of `Cleaner.clean` on an HTML page is wrapped in a CPU timer (time.process_time), and
the pages of a corpus are cleaned --repeat times (the best pass counts); trafilatura
`extract(favor_precision=True)` runs on the same decoded pages in the same process. Figures are
ms per page; the wrappers add a few µs per call. Then, unwrapped, the two run page by page in
turn (--repeat passes): the ratio to quote, since both are timed in the same moments.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import html_of, manifest_rows  # noqa: E402
from cleaner import RuleSet  # noqa: E402
from cleaner.core import html_page  # noqa: E402
from cleaner.core.cleaner import Cleaner  # noqa: E402
from cleaner.core.plan import Plans  # noqa: E402
from cleaner.html import extract  # noqa: E402

# (module, function, step): the steps of extract_html and clean_html_page, in the order they run.
STEPS = [
    (Plans, "plan_for", "claim (fingerprints over the markup)"),
    (extract, "limit_nesting", "nesting bound"),
    (extract, "LexborHTMLParser", "parse (selectolax/Lexbor)"),
    (extract, "extract_metadata", "metadata"),
    (extract, "flatten", "block flattening (furniture filter included)"),
    (extract, "extract_fast", "scoring and selection"),
    (extract, "furniture_removals", "removal records"),
    (extract, "_trafilatura", "trafilatura fallback (nearly empty pages)"),
    (html_page, "run_plan", "text rules on the extracted text"),
]


def instrument(spent: Counter) -> None:
    """Wrap each step in a CPU timer adding to spent[step]."""
    for owner, name, step in STEPS:
        inner = getattr(owner, name)

        def timed(*args, _inner=inner, _step=step, **kwargs):
            start = time.process_time()
            try:
                return _inner(*args, **kwargs)
            finally:
                spent[_step] += time.process_time() - start
        setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="scrapinghub_aeb")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = [(html_of(row, args.corpus), row.get("url")) for row in manifest_rows(args.corpus)]
    cleaner = Cleaner(RuleSet.load())
    import trafilatura

    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent: Counter = Counter()
        instrument(spent)
        start = time.process_time()
        for page, url in pages:
            cleaner.clean(page, url)
        spent["whole Cleaner.clean"] = time.process_time() - start
        start = time.process_time()
        for page, _url in pages:
            trafilatura.extract(page, favor_precision=True)
        spent["trafilatura extract(favor_precision=True)"] = time.process_time() - start
        if not best or spent["whole Cleaner.clean"] < best["whole Cleaner.clean"]:
            best = dict(spent)
        for owner, name, _step in STEPS:  # unwrap for the next pass
            setattr(owner, name, getattr(owner, name).__kwdefaults__["_inner"])
    print(f"| step ({args.corpus}, {len(pages)} pages, CPU, best of {args.repeat}) | ms per page | share |")
    print("|---|---|---|")
    whole = best["whole Cleaner.clean"]
    for step, seconds in best.items():
        print(f"| {step} | {seconds * 1000 / len(pages):.2f} | {seconds / whole:.0%} |")
    ours, theirs = interleaved(cleaner, trafilatura, pages, args.repeat)
    print(f"\nInterleaved page by page ({args.repeat} passes; both see the machine in the same state): "
          f"Cleaner.clean {ours * 1000 / len(pages) / args.repeat:.2f} ms, trafilatura "
          f"{theirs * 1000 / len(pages) / args.repeat:.2f} ms a page: **{theirs / ours:.1f}x**")


def interleaved(cleaner: Cleaner, trafilatura: object, pages: list, repeat: int) -> tuple[float, float]:
    """CPU seconds of Cleaner.clean and of trafilatura, each page cleaned by one then the other.

    On a shared machine the speed of both moves by a quarter within a minute, and trafilatura's
    (lxml, memory-bound) more than the cleaner's: timing one whole pass of each after the other
    leaves their ratio to chance. Alternating page by page, both are timed in the same moments.
    """
    ours = theirs = 0.0
    clock = time.process_time
    for _ in range(repeat):
        for page, url in pages:
            start = clock()
            cleaner.clean(page, url)
            middle = clock()
            trafilatura.extract(page, favor_precision=True)  # type: ignore[attr-defined]
            ours += middle - start
            theirs += clock() - middle
    return ours, theirs


if __name__ == "__main__":
    main()
