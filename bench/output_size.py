"""Output size of `cleaner clean` on seed-shaped JSON Lines records under each `--removed`.

Usage: .venv/bin/python bench/output_size.py [--size-mb 5] [--workdir /tmp/cleaner-bench]

The records are those of bench/throughput.py (every page of ../shared/corpora rendered as a
naive crawler scrapes it, plus the seed page, repeated to --size-mb of page text). Each shape is
run through the CLI as a user runs it; the table gives bytes in, bytes out and their ratio.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import throughput  # noqa: E402

# A checkout elsewhere (a worktree) names the shared folder as the tests do.
throughput.SHARED = Path(os.environ.get("CLEANER_SHARED", throughput.SHARED))

SHAPES = ("none", "rules", "full")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cleaner-bench"))
    args = parser.parse_args()
    corpus = throughput.build_corpus(args.workdir, args.size_mb)
    size_in = corpus.stat().st_size
    print("| `--removed` | records in | out | out / in |\n|---|---|---|---|")
    for shape in SHAPES:
        out = args.workdir / f"out-{shape}.jsonl"
        subprocess.run([sys.executable, "-m", "cleaner.cli.main", "clean", "-q", str(corpus), "-o", str(out),
                        "--removed", shape], check=True, cwd=REPO)
        size_out = out.stat().st_size
        print(f"| `{shape}` | {size_in / 1e6:.1f} MB | {size_out / 1e6:.1f} MB | {size_out / size_in:.2f} |")
        out.unlink()


if __name__ == "__main__":
    main()
