"""Idempotence on real pages: clean the scraped text of every corpus page twice, count differences.

Usage: .venv/bin/python bench/idempotence.py [--shared ../shared] [--corpus NAME ...] [--show N] [--cost]

Every page's HTML is rendered to scraped text with the shared scrape_text.py, cleaned with the
bundled rules (rules only, and rules + main content, as `cleaner clean` runs by default), and
the output cleaned again. A page counts when the second pass changes the text. --cost also
times cleaning all pages with and without the engine's settling rounds (engine.settle, what makes
positional limits idempotent), best of 5, as a ratio.
"""
from __future__ import annotations

import argparse
import difflib
import importlib.util
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import SHARED, html_of, manifest_rows  # noqa: E402
from cleaner import RuleSet, clean_text  # noqa: E402
from cleaner.core import text as engine  # noqa: E402


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
    parser.add_argument("--cost", action="store_true", help="time cleaning with and without settling")
    args = parser.parse_args(argv)
    root = args.shared / "corpora"
    render = renderer(args.shared)
    rules = RuleSet.load()
    corpora = args.corpus or sorted(p.name for p in root.iterdir() if (p / "manifest.jsonl").exists())
    counts = {"rules only": 0, "rules + main content": 0}
    pages, shown, texts = 0, 0, []
    for corpus in corpora:
        for row in manifest_rows(corpus, root):
            text = render(html_of(row, corpus, root))
            texts.append(text)
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
    if args.cost:
        cost(texts, rules)
    return 0


def cost(texts: list[str], rules: RuleSet) -> None:
    """CPU seconds to clean every page with and without settling, interleaved, best of 5."""
    settle = engine.settle
    for main_content in (False, True):
        times: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(5):
            for name, fn in (("with", settle), ("without", lambda *a, **k: None)):
                engine.settle = fn
                start = time.process_time()  # CPU time: the machine may be shared
                for text in texts:
                    clean_text(text, rules, main_content=main_content)
                times[name].append(time.process_time() - start)
        engine.settle = settle
        with_, without = min(times["with"]), min(times["without"])
        mode = "rules + main content" if main_content else "rules only"
        print(f"{mode}: {with_:.3f} CPU s with settling, {without:.3f} without: {with_ / without:.3f}x")


if __name__ == "__main__":
    sys.exit(main())
