"""Idempotence on real pages: clean the scraped text of every corpus page twice, count differences.

Usage: .venv/bin/python bench/idempotence.py [--shared ../shared] [--corpus NAME ...] [--show N]

Every page's HTML is rendered to scraped text with the shared scrape_text.py, cleaned with the
bundled rules (rules only, and rules + main content, as `cleaner clean` runs by default), and
the output cleaned again. A page counts when the second pass changes the text.
"""
from __future__ import annotations

import argparse
import difflib
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import SHARED, html_of, manifest_rows  # noqa: E402
from cleaner import RuleSet, clean_text  # noqa: E402


def renderer(shared: Path):
    """The shared renderer of HTML to scraped text."""
    spec = importlib.util.spec_from_file_location("scrape_text", shared / "tools" / "scrape_text.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (corpora/, tools/)")
    parser.add_argument("--corpus", action="append", help="corpus folder name (repeatable; default all)")
    parser.add_argument("--show", type=int, default=0, help="print a diff for the first N pages that differ")
    args = parser.parse_args(argv)
    root = args.shared / "corpora"
    render = renderer(args.shared)
    rules = RuleSet.load()
    corpora = args.corpus or sorted(p.name for p in root.iterdir() if (p / "manifest.jsonl").exists())
    counts = {"rules only": 0, "rules + main content": 0}
    pages, shown = 0, 0
    for corpus in corpora:
        for row in manifest_rows(corpus, root):
            text = render(html_of(row, corpus, root))
            pages += 1
            for mode, main_content in (("rules only", False), ("rules + main content", True)):
                once = clean_text(text, rules, main_content=main_content).text
                twice = clean_text(once, rules, main_content=main_content).text
                if twice != once:
                    counts[mode] += 1
                    print(f"{corpus}/{row['id']}: {mode}: second pass differs", flush=True)
                    if shown < args.show:
                        shown += 1
                        sys.stdout.writelines(difflib.unified_diff(
                            once.splitlines(True), twice.splitlines(True), "once", "twice", n=1))
    for mode, n in counts.items():
        print(f"{mode}: {n} of {pages} pages change on a second pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
