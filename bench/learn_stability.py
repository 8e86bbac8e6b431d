"""How a learned file changes: re-learning the same pages in another order, and with one more page.

Usage: .venv/bin/python bench/learn_stability.py [--corpus daniel_zh_dev] [--min-pages 6] [--corpora-root DIR]

For every site with at least --min-pages pages (text mode, as bench/learn_loo.py renders them),
the file is learned from all pages but the last (by id) and from all of them, and once more from
all of them in reverse order. Prints, per site, the changed lines of the one-more-page diff
(unified diff, no context) against the file's length, and whether the reversed order gave the
same bytes.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import CORPORA  # noqa: E402
from bench.learn_loo import load_sites  # noqa: E402
from cleaner.learn import learn_site, render_rule_file  # noqa: E402
from cleaner.ruleset.ruleset import RuleSet  # noqa: E402


def changed_lines(before: str, after: str) -> int:
    """Lines added or removed by the diff from before to after."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return sum(1 for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="daniel_zh_dev", help="a folder with manifest.jsonl (default: %(default)s)")
    parser.add_argument("--corpora-root", type=Path, default=CORPORA, help="where corpus folders live (default: %(default)s)")
    parser.add_argument("--min-pages", type=int, default=6, help="sites with at least this many pages (default: %(default)s)")
    args = parser.parse_args(argv)
    base = RuleSet.load()
    total_changed = total_lines = unstable = 0
    for site, pages in load_sites(args.corpora_root, args.corpus, args.min_pages).items():
        pairs = sorted((p.id, p.text) for p in pages)
        fewer = render_rule_file(learn_site(pairs[:-1], site, base=base))
        full = render_rule_file(learn_site(pairs, site, base=base))
        reversed_order = render_rule_file(learn_site(list(reversed(pairs)), site, base=base))
        changed = changed_lines(fewer, full)
        total_changed += changed
        total_lines += len(full.splitlines())
        unstable += reversed_order != full
        print(f"{site}: {len(pages)} pages; one more page changes {changed} of {len(full.splitlines())} lines; "
              f"{'same bytes' if reversed_order == full else 'DIFFERENT bytes'} in reverse order")
    print(f"total: {total_changed} of {total_lines} lines changed; {unstable} site(s) whose file depends on page order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
