"""What naming removed HTML elements costs: the HTML path with and without their CSS paths.

Usage: .venv/bin/python bench/selector_cost.py [--rounds 3] [--corpora-root DIR]

Every page of the three HTML corpora is cleaned twice per round in this one process, once with
`css_path` (html/selectors.py) as shipped and once with it returning nothing, the order swapped
each round; CPU time (process_time) is summed per variant. Prints the ratio with/without.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cleaner.html.steps as steps  # noqa: E402
from bench.corpora import CORPORA, html_of, manifest_rows  # noqa: E402
from cleaner import load_rules  # noqa: E402
from cleaner.core.cleaner import Cleaner  # noqa: E402
from cleaner.options import Options  # noqa: E402

CORPUS_NAMES = ("scrapinghub_aeb", "cwced_zh", "daniel_zh_dev")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages (default: %(default)s)")
    parser.add_argument("--corpora-root", type=Path, default=CORPORA, help="where corpus folders live (default: %(default)s)")
    args = parser.parse_args(argv)
    pages = [(html_of(row, name, args.corpora_root), row.get("url"))
             for name in CORPUS_NAMES for row in manifest_rows(name, args.corpora_root)]
    cleaner = Cleaner(load_rules(), Options(markup="html"))
    shipped = steps.css_path
    variants = {"with": shipped, "without": lambda node: None}
    seconds = dict.fromkeys(variants, 0.0)
    removals = 0
    for n in range(args.rounds):
        order = list(variants) if n % 2 == 0 else list(reversed(variants))
        for html, url in pages:
            for name in order:
                steps.css_path = variants[name]
                start = time.process_time()
                result = cleaner.clean(html, url)
                seconds[name] += time.process_time() - start
                removals += name == "with" and n == 0 and sum(1 for r in result.removals if r.selector)
    steps.css_path = shipped
    print(f"{len(pages)} pages x {args.rounds} rounds, {removals} element removals named per round")
    print(f"CPU with selectors {seconds['with']:.2f} s, without {seconds['without']:.2f} s: "
          f"ratio {seconds['with'] / seconds['without']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
