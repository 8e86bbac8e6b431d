"""Rule count on the site-claimed corpus: 10 -> 1,000 rules in force on the page a site file claims.

Usage: .venv/bin/python bench/scaling_site.py [--pages 3000] [--workdir /tmp/cleaner-bench]

The synthetic rules of bench/scaling.py go in a pack that an override of rules/cri.cn.yaml
extends (`extends: [zh-news, synthetic]`), so they are in force on the seed page, which cri.cn
claims by content, on top of its own rules. Their words are not on the page: what grows with N
is only the cost of having them in force. Figures are CPU ms per MB of page text, each read
against 10 rules in the same run (best of --repeat passes, after a warm-up pass).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from scaling import synthetic_rules  # noqa: E402
from throughput import build_pages  # noqa: E402
from throughput_corpora import SEED  # noqa: E402

from cleaner import RuleSet  # noqa: E402
from cleaner.core.cleaner import Cleaner  # noqa: E402
from cleaner.core.plan import plans_of  # noqa: E402


def claimed_rules(n: int, workdir: Path) -> RuleSet:
    """The bundled rules with n synthetic rules in force on pages that cri.cn claims."""
    folder = synthetic_rules(n, build_pages(workdir), workdir / f"site-rules-{n}")
    site = (REPO / "rules" / "cri.cn.yaml").read_text(encoding="utf-8")
    (folder / "cri.cn.yaml").write_text(site.replace("extends: [zh-news]", "extends: [zh-news, synthetic]"), encoding="utf-8")
    rules = RuleSet.load([folder])
    assert not rules.errors, rules.errors[:3]
    return rules


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000, help="Seed pages cleaned per pass.")
    parser.add_argument("--repeat", type=int, default=3, help="Passes per rule count (the best is kept).")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cleaner-bench"))
    args = parser.parse_args(argv)
    seed = SEED.read_text(encoding="utf-8")
    mb = len(seed.encode("utf-8")) * args.pages / 1e6
    print("| synthetic rules | rules in force on the seed | claimed by | CPU ms per MB | vs 10 rules | same text as with 10 |")
    print("|---|---|---|---|---|---|")
    first, text = None, None
    for n in (10, 100, 1000):
        rules = claimed_rules(n, args.workdir)
        plan = plans_of(rules).plan_for(seed)
        cleaner = Cleaner(rules)
        result = cleaner.clean(seed)  # warm-up: RE2 builds DFA states as text first needs them
        best = float("inf")
        for _ in range(args.repeat):
            start = time.process_time()
            for _page in range(args.pages):
                cleaner.clean(seed)
            best = min(best, time.process_time() - start)
        ms = best * 1000 / mb
        first = first or ms
        text = text or result.text
        print(f"| {n} | {len(plan.text_rules)} | {plan.site} | {ms:.1f} | {ms / first:.2f}x | {'yes' if result.text == text else 'NO'} |", flush=True)


if __name__ == "__main__":
    main()
