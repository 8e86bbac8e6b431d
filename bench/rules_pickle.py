"""A RuleSet pickles as its source: how long unpickling takes against loading the same rules.

Usage: .venv/bin/python bench/rules_pickle.py [--runs 9] [--sites 200]

Times (median of --runs, one process) RuleSet.load() and pickle.loads() of the same set, for the
bundled rules and for the bundled rules plus --sites generated site files of five rules each;
prints the pickle's size. Unpickling parses and compiles the texts again, so it should cost what
a load costs, less reading the files.
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import RuleSet


def site_file(n: int) -> str:
    """A generated site file: five drop-line rules, a host and a fingerprint."""
    rules = "".join(f"  - {{id: r{k}, kind: drop-line, description: d, pattern: '^栏目{k}-{n}\\s*$'}}\n" for k in range(5))
    return (f"site: site{n}.example\ndescription: Generated site {n}.\nextends: [zh-news]\n"
            f"match: {{hosts: [site{n}.example], fingerprints: ['站点{n}号']}}\nrules:\n{rules}")


def median_ms(fn, runs: int) -> float:
    """Median wall-clock milliseconds of fn over runs calls, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(label: str, folders: list[Path], runs: int) -> None:
    rules = RuleSet.load(folders)
    assert not rules.errors, rules.errors[:3]
    data = pickle.dumps(rules)
    load = median_ms(lambda: RuleSet.load(folders), runs)
    unpickle = median_ms(lambda: pickle.loads(data), runs)
    n = sum(len(f.rules) for f in rules.files.values())
    print(f"{label:34s} {len(rules.files):4d} files {n:5d} rules  load {load:7.1f} ms  "
          f"unpickle {unpickle:7.1f} ms  ({unpickle / load:.2f}x)  pickle {len(data) / 1000:.1f} kB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sites", type=int, default=200)
    args = parser.parse_args()
    measure("bundled", [], args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.sites):
            (Path(tmp) / f"site{n}.yaml").write_text(site_file(n), encoding="utf-8")
        measure(f"bundled + {args.sites} generated sites", [Path(tmp)], args.runs)


if __name__ == "__main__":
    main()
