"""Two checkouts timed end to end through the CLI in the same run: did a change cost speed?

Each checkout runs `cleaner clean` in a subprocess on the same inputs, interleaved, with
--jobs 1; the figure is CPU seconds (user + system of the child), the best of --repeat runs.
Inputs: the seed page as JSON Lines (a page a site file claims: captures, strip-spans and a
drop-block fire), and the HTML pages of one corpus of ../shared/corpora.

    .venv/bin/python bench/layout_speed.py ../other-checkout      # this checkout against another
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))


def cpu_of(checkout: Path, args: list[str]) -> float:
    """CPU seconds of one `cleaner clean` run from checkout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    subprocess.run([sys.executable, "-m", "cleaner.cli.main", "clean", "-q", "--jobs", "1", *args],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", type=Path, help="The checkout to compare with.")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--corpus", default="scrapinghub_aeb")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="layout-speed-"))
    seed = (ROOT / "seeds" / "000_a376c9bc92ac9e28.txt").read_text(encoding="utf-8")
    records = work / "seed.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for n in range(args.records):
            out.write(json.dumps({"id": n, "text": seed}, ensure_ascii=False) + "\n")
    inputs = {"seed-shaped JSON Lines": [str(records), "-o", str(work / "out.jsonl")],
              f"{args.corpus} HTML": [str(SHARED / "corpora" / args.corpus / "html"), "-o", str(work / "html")]}
    print(f"| input | this checkout (CPU s) | {args.other} (CPU s) | ratio |")
    print("|---|---|---|---|")
    for name, cli_args in inputs.items():
        best = {ROOT: float("inf"), args.other: float("inf")}
        for _ in range(args.repeat):
            for checkout in best:
                best[checkout] = min(best[checkout], cpu_of(checkout, cli_args))
        print(f"| {name} | {best[ROOT]:.2f} | {best[args.other]:.2f} | {best[args.other] / best[ROOT]:.2f}x |")


if __name__ == "__main__":
    main()
