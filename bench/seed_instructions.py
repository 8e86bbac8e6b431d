"""Instructions per seed page in `Cleaner.clean`, counted by callgrind (what load cannot disturb).

Usage: .venv/bin/python bench/seed_instructions.py [--pages 200] [--page seeds/000_*.txt]

Runs this script under `valgrind --tool=callgrind` twice: cleaning the page --pages times and 0
times, each after the same 20 warm-up runs (RE2's DFA states built, plans cached); the
difference over --pages is what one page costs. Needs valgrind on PATH.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = next((REPO / "seeds").glob("000_*.txt"))


def clean_pages(page: Path, count: int) -> None:
    """The measured work: warm up, then clean the page `count` times."""
    sys.path.insert(0, str(REPO))
    from cleaner import RuleSet
    from cleaner.core.cleaner import Cleaner

    text = page.read_text(encoding="utf-8")
    cleaner = Cleaner(RuleSet.load())
    for _ in range(20 + count):
        cleaner.clean(text)


def instructions(page: Path, count: int) -> int:
    """Instructions of a whole run of this script cleaning the page `count` times."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out",
                              sys.executable, __file__, "--inner", str(count), "--page", str(page)],
                             capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    return int(re.search(r"refs:\s+([\d,]+)", out.stderr).group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--page", type=Path, default=SEED)
    parser.add_argument("--inner", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner is not None:
        clean_pages(args.page, args.inner)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    per_page = (instructions(args.page, args.pages) - instructions(args.page, 0)) / args.pages
    print(f"{args.page.name}: {per_page / 1e6:.2f} M instructions a page in Cleaner.clean")


if __name__ == "__main__":
    main()
