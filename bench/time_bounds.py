"""The timings that the test suite no longer asserts, each as a ratio to a peer in the same run.

Usage: .venv/bin/python bench/time_bounds.py [--only learn|patterns|bombs|ray] [--repeat 3]

- learn: learning 1,000 pages of a site against 100 pages (linear: about 10x; the suite checks
  the same by counting calls, tests/cli/test_learn_cli.py).
- patterns: catastrophic patterns ((a+)+$ ...) on a 100 kB line against a plain literal on the
  same line (RE2: the same order; Python's re would need hours).
- bombs: refusing a gzip/zstd bomb over --max-size against reading a plain file of the limit's
  size (the suite counts inflated bytes instead, tests/io/test_io_read.py).
- ray: starting and stopping a local two-CPU Ray cluster, in seconds (no peer; needs ray).

Each figure is the best of --repeat runs; seconds are printed beside the ratios for the record.
"""
from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from cleaner import RuleSet, clean_text  # noqa: E402
from cleaner.io import InputError, read_input  # noqa: E402
from cleaner.ruleset.loader import parse_rule_file  # noqa: E402


def best(run: Callable[[], object], repeat: int) -> float:
    """Best wall-clock seconds of repeat runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def learn(repeat: int) -> None:
    from test_learn import make_site

    from cleaner.learn import learn_site

    base = RuleSet.load()
    small, large = make_site(100, seed=11), make_site(1000, seed=11)
    few = best(lambda: learn_site(small, "example.com", base=base), repeat)
    many = best(lambda: learn_site(large, "example.com", base=base), repeat)
    print(f"| learn 1,000 pages vs 100 | {many:.2f} s vs {few:.2f} s | {many / few:.1f}x (linear: ~10x) |")


def _rules(pattern: str) -> RuleSet:
    text = ("site: t.example\ndescription: d\nmatch: {hosts: [t.example]}\nrules:\n"
            f"  - {{id: p, kind: drop-line, description: d, pattern: '{pattern}'}}\n")
    return RuleSet([parse_rule_file(text, "t.yaml")])


def patterns(repeat: int) -> None:
    page = "a" * 100_000 + "!"
    literal = _rules("a!$")  # the peer: a plain pattern that scans the same line
    plain = best(lambda: clean_text(page, literal, url="http://t.example/"), repeat)
    for evil in (r"(a+)+$", r"(a|aa)+$", r"(a*)*b", r"(x+x+)+y", r"^(\w+\s?)+$"):
        rules = _rules(evil)
        took = best(lambda: clean_text(page, rules, url="http://t.example/"), repeat)
        print(f"| pattern {evil} on 100 kB vs `a!$` | {took * 1000:.1f} ms vs {plain * 1000:.1f} ms | {took / plain:.1f}x |")


def bombs(repeat: int) -> None:
    import zstandard

    limit = 100_000
    with tempfile.TemporaryDirectory(prefix="time-bounds-") as tmp:
        plain = Path(tmp) / "plain.txt"
        plain.write_bytes(b"x" * limit)
        base = best(lambda: read_input(plain, max_bytes=limit), repeat)
        bombs = {"gzip 1 MB": gzip.compress(bytes(1_000_000)),
                 "zstd 1 MB": zstandard.ZstdCompressor().compress(bytes(1_000_000)),
                 "gzip 100 MB": gzip.compress(bytes(100_000_000), compresslevel=1)}
        for name, data in bombs.items():
            path = Path(tmp) / "bomb"
            path.write_bytes(data)

            def refuse() -> None:
                try:
                    read_input(path, max_bytes=limit)
                except InputError:
                    return
                raise AssertionError("bomb was read")

            took = best(refuse, repeat)
            print(f"| {name} bomb refused vs 100 kB file read | {took * 1000:.1f} ms vs {base * 1000:.1f} ms | {took / base:.1f}x |")


def ray_cluster(repeat: int) -> None:
    import os

    os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    try:
        import ray
    except ImportError:
        print("| ray cluster start + stop | ray not installed | - |")
        return

    def cycle() -> None:
        ray.init(num_cpus=2, include_dashboard=False, configure_logging=False, log_to_driver=False)
        ray.shutdown()

    print(f"| ray cluster start + stop (2 CPUs) | {best(cycle, repeat):.1f} s | - |")


SECTIONS = {"learn": learn, "patterns": patterns, "bombs": bombs, "ray": ray_cluster}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("| what | time | ratio |\n|---|---|---|")
    for name in args.only or SECTIONS:
        SECTIONS[name](args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
