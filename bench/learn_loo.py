"""Leave-one-out benchmark of `cleaner learn`: learn from a site's other pages, clean the held-out one.

Usage: .venv/bin/python bench/learn_loo.py [--corpus daniel_zh_dev] [--mode text|html|both]

For every site with at least two pages, each page is cleaned with rules learned from the site's
other pages only (the held-out page never influences its own rules). Text mode renders pages
with the shared scrape_text.py; HTML mode learns from and cleans the HTML. Baselines of the same
run: no cleaning, CCNet-style dropping of every line seen on another page of the site, the
bundled rules alone, and trafilatura on the HTML. Outputs go to bench/results/learn_loo/<system>/
and are scored by the shared score.py, run as a subprocess on a manifest of the evaluated pages.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import CORPORA, TOOLS, html_of, manifest_rows, scrape_text  # noqa: E402
from cleaner.core.examples import check_examples  # noqa: E402
from cleaner.core.text import clean_text  # noqa: E402
from cleaner.learn import LearnOptions, learn_site, learned_rule_file, ruleset_with  # noqa: E402
from cleaner.learn.lines import normalise  # noqa: E402
from cleaner.matching.fold import fold, strip_line  # noqa: E402
from cleaner.ruleset.ruleset import RuleSet  # noqa: E402

RESULTS = REPO / "bench" / "results" / "learn_loo"


@dataclass
class Page:
    """A page of the corpus: id, site, HTML and its text-mode rendering."""

    id: str
    site: str
    html: str
    text: str
    row: dict


def load_sites(root: Path, corpus: str, min_pages: int) -> dict[str, list[Page]]:
    """Pages of the corpus grouped by site, only sites with at least min_pages pages."""
    render = scrape_text()
    sites: dict[str, list[Page]] = defaultdict(list)
    for row in manifest_rows(corpus, root):
        site = row.get("domain") or row.get("domain_guess")
        if not site:
            continue  # a page of an unknown site has no other pages to learn from
        html = html_of(row, corpus, root)
        sites[site].append(Page(row["id"], site, html, render(html), row))
    return {s: pages for s, pages in sorted(sites.items()) if len(pages) >= min_pages}


def ccnet(page: Page, others: list[Page]) -> str:
    """Drop every line whose normalised form occurs on another page of the site."""
    seen = {normalise(fold(strip_line(l))) for o in others for l in o.text.split("\n") if l.strip()}
    return "\n".join(l for l in page.text.split("\n") if l.strip() and normalise(fold(strip_line(l))) not in seen)


def run_text(sites: dict[str, list[Page]], base: RuleSet, options: LearnOptions) -> tuple[dict[str, dict[str, str]], dict]:
    """Every text-mode system on every page; returns outputs by system and timing figures."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    learn_seconds, learned_pages, checks = 0.0, 0, Checks()
    for site, pages in sites.items():
        url = f"http://{site}/"
        for i, page in enumerate(pages):
            others = pages[:i] + pages[i + 1:]
            out["none"][page.id] = page.text
            out["ccnet-style"][page.id] = ccnet(page, others)
            out["bundled-rules"][page.id] = clean_text(page.text, base, url=url).text
            start = time.perf_counter()
            learned = learn_site([(o.id, o.text) for o in others], site, options=options, base=base)
            learn_seconds += time.perf_counter() - start
            learned_pages += len(others)
            rule_file = learned_rule_file(learned)  # raises if the learned file does not validate
            checks.add(rule_file)
            out["learned"][page.id] = clean_text(page.text, ruleset_with(base, rule_file), url=url).text
    return out, {"learn_seconds": learn_seconds, "learned_pages": learned_pages, **checks.figures()}


@dataclass
class Checks:
    """Learned files, their rules, and rule examples that fail (there should be none)."""

    files: int = 0
    rules: int = 0
    failing: int = 0

    def add(self, rule_file) -> None:
        """Count one learned file and run its rules' examples."""
        self.files += 1
        self.rules += len(rule_file.rules)
        self.failing += sum(1 for rule in rule_file.rules if check_examples(rule))

    def figures(self) -> dict:
        """The counts, for the report."""
        return {"learned_files": self.files, "learned_rules": self.rules, "failing_examples": self.failing}


def run_html(sites: dict[str, list[Page]], base: RuleSet, options: LearnOptions) -> tuple[dict[str, dict[str, str]], dict]:
    """HTML mode: the HTML path with the bundled rules, and with rules learned from the other pages' HTML."""
    from cleaner.core.html_page import clean_html
    from cleaner.learn.html import learn_html_site

    out: dict[str, dict[str, str]] = defaultdict(dict)
    seconds, checks = 0.0, Checks()
    for site, pages in sites.items():
        url = f"http://{site}/"
        for i, page in enumerate(pages):
            others = pages[:i] + pages[i + 1:]
            out["bundled-rules"][page.id] = clean_html(page.html, base, url=url).text
            start = time.perf_counter()
            learned = learn_html_site([(o.id, o.html) for o in others], site, options=options, base=base)
            seconds += time.perf_counter() - start
            rule_file = learned_rule_file(learned)
            checks.add(rule_file)
            out["learned"][page.id] = clean_html(page.html, ruleset_with(base, rule_file), url=url).text
    return out, {"learn_seconds": seconds, **checks.figures()}


def run_trafilatura(sites: dict[str, list[Page]]) -> dict[str, str]:
    """trafilatura on the HTML, as a user would call it."""
    import trafilatura

    return {p.id: trafilatura.extract(p.html, include_comments=False) or "" for ps in sites.values() for p in ps}


def score(pages: list[Page], outputs: dict[str, str], folder: Path) -> str:
    """Write outputs, score them with the shared scorer on a manifest of exactly these pages."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for page in pages:
        (folder / f"{page.id}.txt").write_text(outputs.get(page.id, ""), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "manifest.jsonl"
        manifest.write_text("".join(json.dumps(p.row, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
        proc = subprocess.run([sys.executable, str(TOOLS / "score.py"), str(manifest), str(folder)],
                              capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table of F1 by system."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="daniel_zh_dev", help="a folder with manifest.jsonl (default: %(default)s)")
    parser.add_argument("--corpora-root", type=Path, default=CORPORA, help="where corpus folders live (default: %(default)s)")
    parser.add_argument("--mode", choices=("text", "html", "both"), default="both")
    parser.add_argument("--min-pages", type=int, default=2)
    args = parser.parse_args(argv)
    options = LearnOptions()
    sites = load_sites(args.corpora_root, args.corpus, args.min_pages)
    pages = [p for ps in sites.values() for p in ps]
    base = RuleSet.load()
    systems: dict[str, dict[str, str]] = {}
    figures = {}
    if args.mode in ("text", "both"):
        text_out, figures = run_text(sites, base, options)
        systems.update({f"text: {name}": outs for name, outs in text_out.items()})
    if args.mode in ("html", "both"):
        html_out, html_figures = run_html(sites, base, options)
        systems.update({f"html: {name}": outs for name, outs in html_out.items()})
        figures.update({f"html_{k}": v for k, v in html_figures.items()})
    systems["html: trafilatura"] = run_trafilatura(sites)
    print(f"corpus {args.corpus}: {len(sites)} sites with >= {args.min_pages} pages, {len(pages)} pages")
    print(f"thresholds: {options}")
    print("\n| mode: system | P | R | F1 | page F1 |\n|---|---|---|---|---|")
    for name, outputs in systems.items():
        line = score(pages, outputs, RESULTS / re.sub(r"\W+", "-", name))
        f = dict(kv.split("=") for kv in line.split() if "=" in kv)
        print(f"| {name} | {f['P']} | {f['R']} | {f['F1']} | {f['pageF1']} |")
    for key, value in figures.items():
        print(f"{key}: {value:.2f}" if isinstance(value, float) else f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
