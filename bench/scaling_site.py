"""Rule count on the site-claimed corpus: 10 -> 1,000 rules in force on the page a site file claims.

Usage: .venv/bin/python bench/scaling_site.py [--pages 3000] [--workdir /tmp/cleaner-bench]

The synthetic rules of bench/scaling.py go in a pack that an override of rules/cri.cn.yaml
extends (`extends: [zh-news, synthetic]`), so they are in force on the seed page, which cri.cn
claims by content, on top of its own rules. Their words are not on the page: what grows with N
is only the cost of having them in force. Figures are CPU ms per MB of page text, each read
against 10 rules in the same run (best of --repeat alternating passes, after a warm-up pass).
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
    parser.add_argument("--pages", type=int, default=1000, help="Seed pages cleaned per pass.")
    parser.add_argument("--repeat", type=int, default=7, help="Passes per rule count (the best is kept).")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cleaner-bench"))
    args = parser.parse_args(argv)
    seed = SEED.read_text(encoding="utf-8")
    mb = len(seed.encode("utf-8")) * args.pages / 1e6
    print("| synthetic rules | rules in force on the seed | claimed by | CPU ms per MB (best) | vs 10 rules | same text as with 10 |")
    print("|---|---|---|---|---|---|")
    cleaners = {n: Cleaner(claimed_rules(n, args.workdir)) for n in (10, 100, 1000)}
    results = {n: c.clean(seed) for n, c in cleaners.items()}  # warm-up: RE2 builds DFA states as text needs them
    best = dict.fromkeys(cleaners, float("inf"))
    for _ in range(args.repeat):  # alternating: a drift of the shared machine hits every count alike
        for n, cleaner in cleaners.items():
            start = time.process_time()
            for _page in range(args.pages):
                cleaner.clean(seed)
            best[n] = min(best[n], time.process_time() - start)
    for n, cleaner in cleaners.items():
        plan = plans_of(cleaner.rules).plan_for(seed)
        ms = best[n] * 1000 / mb
        same = "yes" if results[n].text == results[10].text else "NO"
        print(f"| {n} | {len(plan.text_rules)} | {plan.site} | {ms:.1f} | {ms / (best[10] * 1000 / mb):.2f}x | {same} |")

if __name__ == "__main__":
    main()
