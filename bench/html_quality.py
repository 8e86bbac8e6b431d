"""Benchmark the HTML extractor against trafilatura on the shared development corpora.

Usage: .venv/bin/python bench/html_quality.py [--corpus NAME ...] [--limit N]

Each system runs with and without comments: `cleaner` and `cleaner --comments` (Options
comments=True), trafilatura with include_comments=False and with its default, True.

For each corpus, every system runs on the same decoded pages in this one process; only the
extraction calls are timed. Outputs go to bench/results/<corpus>/<system>/<id>.txt and are
scored by /work/shared/tools/score.py run as a subprocess, so the figures are the scorer's own.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import CORPORA, TOOLS, html_of, manifest_rows  # noqa: E402

SCORER = TOOLS / "score.py"
RESULTS = REPO / "bench" / "results"
DEFAULT_CORPORA = ("scrapinghub_aeb", "cwced_zh", "daniel_zh_dev")
BASELINE = "trafilatura-precision"


@dataclass
class Page:
    id: str
    url: str | None
    html: str


@dataclass
class Row:
    corpus: str
    system: str
    f1: float = 0.0
    page_f1: float = 0.0
    pages_per_s: float = 0.0
    extra: dict[str, str] = field(default_factory=dict)


def load_pages(corpus: str, limit: int | None) -> list[Page]:
    """Read and decode a corpus's pages (not timed)."""
    pages = []
    for row in manifest_rows(corpus):
        pages.append(Page(row["id"], row.get("url"), html_of(row, corpus)))
        if limit and len(pages) >= limit:
            break
    return pages


def write_manifest_subset(corpus: str, pages: list[Page], out_dir: Path) -> Path:
    """With --limit, score against only the pages that ran."""
    wanted = {p.id for p in pages}
    subset = out_dir / "manifest.jsonl"
    source = CORPORA / corpus / "manifest.jsonl"
    with open(source, encoding="utf-8") as src, open(subset, "w", encoding="utf-8") as dst:
        for line in src:
            if json.loads(line)["id"] in wanted:
                dst.write(line)
    return subset


def run_cleaner(pages: list[Page], comments: bool = False) -> tuple[float, dict[str, dict[str, str]]]:
    """The product's HTML path with the bundled rules, as `cleaner clean [--comments]` runs it (title first)."""
    from cleaner import RuleSet
    from cleaner.core.cleaner import Cleaner
    from cleaner.options import Options

    rules = RuleSet.load()  # generic packs only: no bundled file names a host of these corpora
    cleaner = Cleaner(rules, Options(markup="html", comments=comments))
    # Warm-up, as for the other systems: one call, and the lazy import of the fallback.
    import trafilatura  # noqa: F401

    cleaner.clean(pages[0].html, url=pages[0].url)
    name = "cleaner --comments" if comments else "cleaner"
    results = {}
    elapsed = 0.0
    for page in pages:
        start = time.perf_counter()
        result = cleaner.clean(page.html, url=page.url)
        elapsed += time.perf_counter() - start
        results[page.id] = {name: result.text, "_method": result.site or "+".join(result.packs) or "no rules",
                            "_type": result.metadata.get("page_type", "?")}
    return elapsed, results


def run_trafilatura(pages: list[Page], precision: bool, comments: bool = False) -> tuple[float, dict[str, dict[str, str]]]:
    """trafilatura.extract as a user would call it (its default keeps comments: include_comments=True)."""
    import trafilatura

    name = ("trafilatura-precision" if precision else "trafilatura") + (" include_comments" if comments else "")
    trafilatura.extract(pages[0].html, include_comments=comments, favor_precision=precision)
    results = {}
    elapsed = 0.0
    for page in pages:
        start = time.perf_counter()
        text = trafilatura.extract(page.html, include_comments=comments, favor_precision=precision)
        elapsed += time.perf_counter() - start
        results[page.id] = {name: text or ""}
    return elapsed, results


def score(manifest: Path, out_dir: Path) -> tuple[float, float]:
    """Run the shared scorer and parse its F1 and pageF1."""
    proc = subprocess.run([sys.executable, str(SCORER), str(manifest), str(out_dir)],
                          capture_output=True, text=True, check=True)
    f1 = re.search(r"\bF1=([0-9.]+)", proc.stdout)
    page_f1 = re.search(r"pageF1=([0-9.]+)", proc.stdout)
    return float(f1.group(1)), float(page_f1.group(1))


def bench_corpus(corpus: str, limit: int | None) -> list[Row]:
    """Run every system on one corpus, write outputs, score them."""
    pages = load_pages(corpus, limit)
    corpus_dir = RESULTS / corpus
    corpus_dir.mkdir(parents=True, exist_ok=True)
    manifest = CORPORA / corpus / "manifest.jsonl"
    if limit:
        manifest = write_manifest_subset(corpus, pages, corpus_dir)
    runs = [
        ("cleaner", lambda: run_cleaner(pages)),
        ("cleaner --comments", lambda: run_cleaner(pages, comments=True)),
        ("trafilatura", lambda: run_trafilatura(pages, precision=False)),
        ("trafilatura include_comments", lambda: run_trafilatura(pages, precision=False, comments=True)),
        ("trafilatura-precision", lambda: run_trafilatura(pages, precision=True)),
    ]
    rows = []
    for system, run in runs:
        elapsed, results = run()
        speed = len(pages) / elapsed if elapsed else 0.0
        outputs = {name for per_page in results.values() for name in per_page if not name.startswith("_")}
        for name in sorted(outputs):
            out_dir = corpus_dir / name
            out_dir.mkdir(parents=True, exist_ok=True)
            for old in out_dir.glob("*.txt"):
                old.unlink()
            for page_id, per_page in results.items():
                (out_dir / f"{page_id}.txt").write_text(per_page[name], encoding="utf-8")
            f1, page_f1 = score(manifest, out_dir)
            row = Row(corpus, name, f1, page_f1, speed)
            for key, extra in (("_method", "methods"), ("_type", "page types")):
                found = [per_page[key] for per_page in results.values() if key in per_page]
                if found:
                    counts = {m: found.count(m) for m in sorted(set(found))}
                    row.extra[extra] = ", ".join(f"{m} {n}" for m, n in counts.items())
            rows.append(row)
    return rows


def print_table(rows: list[Row]) -> None:
    """Markdown table; the speed ratio is against trafilatura favor_precision on the same corpus."""
    baseline = {r.corpus: r.pages_per_s for r in rows if r.system == BASELINE}
    print("| corpus | system | F1 | pageF1 | pages/s | speed vs trafilatura-precision |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        ratio = r.pages_per_s / baseline[r.corpus] if baseline.get(r.corpus) else float("nan")
        print(f"| {r.corpus} | {r.system} | {r.f1:.3f} | {r.page_f1:.3f} | {r.pages_per_s:.0f} "
              f"| {ratio:.2f}× |")
    for r in rows:
        if r.system == "cleaner" and r.extra.get("methods"):
            print(f"\n{r.corpus}: cleaner paths used: {r.extra['methods']}; page types: {r.extra.get('page types')}")


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the corpora, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=DEFAULT_CORPORA,
                        help="corpus to run (repeatable; default: all three)")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    args = parser.parse_args(argv)
    results = []
    for corpus in args.corpus or DEFAULT_CORPORA:
        results.extend(bench_corpus(corpus, args.limit))
    print(f"outputs in {RESULTS.relative_to(REPO)}/<corpus>/<system>/\n")
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
