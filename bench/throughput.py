"""Throughput of the text path, one core, against a plain-Python `re` line-by-line baseline.

Usage: .venv/bin/python bench/throughput.py [--only rules|cli|library] [--size-mb 200] [--workdir /tmp/cleaner-bench]

Three tables. `cli` and `library` (bench/throughput_cli.py): three corpora (the seed page a site
file claims, daniel_zh_dev with rules learned from each site's other pages, and the unclaimed
corpus below; bench/throughput_corpora.py) end to end through `cleaner clean` and in the library,
against the naive JSON Lines filter of bench/naive_filter.py in the same run. `rules`, the table
that follows:

The corpus is seed-like scraped text: every page of ../shared/corpora rendered with
../shared/tools/scrape_text.py, plus the seed page, written as JSON Lines and repeated until it
holds --size-mb of page text (built once in --workdir, never in the repository). Records are
read and parsed outside the timed region; only cleaning is timed. The baseline runs in the same
process on the same pages: it picks the same rules (the same plan) and applies their patterns,
compiled with Python's `re`, to each folded line. The cleaner is timed twice: with the rules
only (like for like with the baseline) and as `cleaner clean` runs by default, with main-content
selection after the rules. How the cost grows with the number of rules: bench/scaling.py.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLEANER_SHARED", REPO.parent / "shared"))  # as the acceptance test
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from cleaner import RuleSet, clean_text  # noqa: E402
from cleaner.core.plan import plans_of  # noqa: E402
from cleaner.io import read_input  # noqa: E402
from cleaner.matching.fold import fold  # noqa: E402

# RE2 syntax that Python's re spells differently (the baseline compiles the same patterns).
_HAN = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def build_pages(workdir: Path) -> Path:
    """Render every shared corpus page to scraped text, once; one JSON record a page."""
    out = workdir / "pages.jsonl"
    if out.exists():
        return out
    spec = importlib.util.spec_from_file_location("scrape_text", SHARED / "tools" / "scrape_text.py")
    scrape = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scrape)  # type: ignore[union-attr]
    workdir.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        for manifest in sorted((SHARED / "corpora").glob("*/manifest.jsonl")):
            for line in manifest.open(encoding="utf-8"):
                entry = json.loads(line)
                html = read_input(SHARED / "corpora" / entry["html_path"], max_bytes=50 << 20).text
                handle.write(json.dumps({"id": entry["id"], "text": scrape.render(html)}, ensure_ascii=False) + "\n")
        for seed in sorted((SHARED / "seeds").glob("*.txt")):
            handle.write(json.dumps({"id": seed.stem, "text": seed.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    return out


def build_corpus(workdir: Path, size_mb: int) -> Path:
    """The pages repeated until their text holds size_mb MB (UTF-8), as JSON Lines; built once."""
    out = workdir / f"corpus-{size_mb}mb.jsonl"
    if out.exists():
        return out
    pages = [line for line in build_pages(workdir).open(encoding="utf-8")]
    sizes = [len(json.loads(p)["text"].encode("utf-8")) for p in pages]
    total, copy = 0, 0
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        while total < size_mb * 1_000_000:
            for line, size in zip(pages, sizes):
                record = json.loads(line)
                record["id"] = f"{record['id']}#{copy}"
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                total += size
            copy += 1
    tmp.rename(out)
    return out


def pages_of(corpus: Path) -> Iterator[str]:
    """The page texts of a corpus, streamed."""
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["text"]


def to_re(source: str) -> re.Pattern[str]:
    """A rule pattern (RE2 syntax, already folded) compiled with Python's re."""
    flags = re.M
    if "(?i)" in source:  # RE2 takes a flag group anywhere; re only at the start
        source, flags = source.replace("(?i)", ""), flags | re.I
    return re.compile(source.replace(r"\p{Han}", f"[{_HAN}]"), flags)


class Baseline:
    """What a data team writes first: for each line, each applicable rule's pattern, with `re`."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.compiled: dict[int, list[tuple[str, re.Pattern[str]]]] = {}

    def clean(self, text: str) -> str:
        plan = plans_of(self.rules).plan_for(text)
        patterns = self.compiled.get(id(plan))
        if patterns is None:
            patterns = self.compiled[id(plan)] = [
                (r.kind, to_re(r.params["start" if r.kind == "drop-block" else "marker" if r.kind == "cut" else "pattern"].regex.pattern[4:]))
                for r in plan.text_rules]
        kept = []
        for line in text.split("\n"):
            folded = fold(line)
            for kind, pattern in patterns:
                if kind in ("strip-span", "replace"):
                    folded = pattern.sub("", folded)
                elif pattern.search(folded):
                    folded = ""
                    break
            if folded.strip():
                kept.append(folded.strip())
        return "\n\n".join(kept) + "\n"


def measure(corpus: Path, rules: RuleSet, *, baseline: bool = True, block: int = 500) -> dict[str, float]:
    """MB/s of cleaner and of the baseline over the corpus, timing only the cleaning calls.

    Both run on the same block of pages, one after the other, block after block: on a shared,
    noisy machine they see the same conditions, and neither disturbs the other's caches per page.
    """
    timed = {"cleaner": 0.0, "rules_only": 0.0, "baseline": 0.0}
    other = Baseline(rules) if baseline else None
    size = 0
    pages: list[str] = []
    for text in pages_of(corpus):
        pages.append(text)
        if len(pages) == block:
            size += _timed_block(pages, rules, other, timed)
            pages = []
    size += _timed_block(pages, rules, other, timed)
    result = {"mb": size / 1e6, "cleaner_mb_s": size / 1e6 / timed["cleaner"],
              "rules_only_mb_s": size / 1e6 / timed["rules_only"]}
    if other is not None:
        result["baseline_mb_s"] = size / 1e6 / timed["baseline"]
        result["speedup"] = timed["baseline"] / timed["cleaner"]
        result["rules_only_speedup"] = timed["baseline"] / timed["rules_only"]
    return result


def _timed_block(pages: list[str], rules: RuleSet, other: Baseline | None, timed: dict[str, float]) -> int:
    start = time.perf_counter()
    for text in pages:
        clean_text(text, rules)
    timed["cleaner"] += time.perf_counter() - start
    # Rules only: the like-for-like comparison with the baseline, which applies just the patterns.
    start = time.perf_counter()
    for text in pages:
        clean_text(text, rules, main_content=False)
    timed["rules_only"] += time.perf_counter() - start
    if other is not None:
        start = time.perf_counter()
        for text in pages:
            other.clean(text)
        timed["baseline"] += time.perf_counter() - start
    return sum(len(text.encode("utf-8")) for text in pages)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("rules", "cli", "library"), help="One table (default: all three).")
    parser.add_argument("--size-mb", type=int, default=200, help="Page text of the unclaimed corpus of the rules table.")
    parser.add_argument("--cli-size-mb", type=float, default=50, help="Page text of the learned and unclaimed CLI corpora.")
    parser.add_argument("--copies", type=int, default=24_000, help="Copies of the seed page in the seed corpus.")
    parser.add_argument("--repeat", type=int, default=3, help="CLI runs of each side (the median is reported).")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cleaner-bench"))
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    if args.only in (None, "cli"):
        from throughput_cli import cli_table

        cli_table(args.workdir, args.cli_size_mb, args.copies, args.repeat)
    if args.only in (None, "library"):
        from throughput_cli import library_table

        library_table(args.workdir, args.cli_size_mb, args.copies)
    if args.only in (None, "rules"):
        rules_table(args, RuleSet.load())


def rules_table(args: argparse.Namespace, rules: RuleSet) -> None:
    """The unclaimed corpus in the library: rules only and the default, against the re baseline."""
    corpus = build_corpus(args.workdir, args.size_mb)
    print(f"\n## Unclaimed corpus in the library: {corpus} ({corpus.stat().st_size / 1e6:.0f} MB as JSON Lines)\n")
    r = measure(corpus, rules, baseline=not args.no_baseline)
    nan = float("nan")
    print("| corpus text | cleaner, rules only | cleaner, rules + main content (default) | re line-by-line baseline "
          "| rules only / baseline | default / baseline |")
    print("|---|---|---|---|---|---|")
    print(f"| {r['mb']:.0f} MB | {r['rules_only_mb_s']:.1f} MB/s | {r['cleaner_mb_s']:.1f} MB/s "
          f"| {r.get('baseline_mb_s', nan):.1f} MB/s | {r.get('rules_only_speedup', nan):.1f}x | {r.get('speedup', nan):.1f}x |")


if __name__ == "__main__":
    main()
