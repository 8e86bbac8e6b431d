"""Quality on scraped text: pages of the shared corpora rendered as a crawler would, then cleaned.

Usage: .venv/bin/python bench/text_quality.py [--corpus NAME ...] [--limit N]

Every page's HTML is rendered to seed-like scraped text with the shared scrape_text.py (nothing
removed), then cleaned with the bundled rules only, with and without main-content selection, and
with comments kept (`--comments`). No
rule file names a host of these corpora: the zh-news and en-news packs apply as fallbacks.
Trafilatura (favor_precision, with include_comments False and True) on the page's HTML is the
peer: it sees the markup the text lost.
Outputs are scored by the shared scorer, run as a subprocess.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpora import TOOLS, html_of, manifest_rows, scrape_text  # noqa: E402
from cleaner import RuleSet, clean_text  # noqa: E402
from cleaner.core.cleaner import Cleaner  # noqa: E402
from cleaner.options import Options  # noqa: E402

DEFAULT_CORPORA = ("daniel_zh_dev", "cwced_zh", "scrapinghub_aeb")


def load(corpus: str, limit: int | None) -> list[tuple[dict, str]]:
    """(manifest row, decoded HTML) of a corpus's pages."""
    pages = []
    for row in manifest_rows(corpus):
        pages.append((row, html_of(row, corpus)))
        if limit and len(pages) >= limit:
            break
    return pages


def score(pages: list[dict], outputs: dict[str, str], folder: Path) -> tuple[float, float, float]:
    """P, R, F1 from the shared scorer on exactly these pages."""
    folder.mkdir(parents=True, exist_ok=True)
    for row in pages:
        (folder / f"{row['id']}.txt").write_text(outputs[row["id"]], encoding="utf-8")
    manifest = folder / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pages), encoding="utf-8")
    out = subprocess.run([sys.executable, str(TOOLS / "score.py"), str(manifest), str(folder)],
                         capture_output=True, text=True, check=True).stdout
    fields = dict(part.split("=") for part in out.split() if "=" in part)
    return float(fields["P"]), float(fields["R"]), float(fields["F1"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", help="corpus folder name (repeatable)")
    parser.add_argument("--limit", type=int, help="first N pages of each corpus")
    args = parser.parse_args(argv)
    render = scrape_text()
    import trafilatura

    rules = RuleSet.load()
    with_comments = Cleaner(rules, Options(markup="text", comments=True))
    print("| corpus | pages | system | P | R | F1 |\n|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="text-quality-") as tmp:
        for corpus in args.corpus or DEFAULT_CORPORA:
            pages = load(corpus, args.limit)
            manifest = [row for row, _html in pages]
            texts = {row["id"]: render(html) for row, html in pages}
            systems = {
                "scraped text, not cleaned": lambda pid: texts[pid],
                "cleaner, rules only": lambda pid: clean_text(texts[pid], rules, main_content=False).text,
                "cleaner (rules + main content)": lambda pid: clean_text(texts[pid], rules).text,
                "cleaner --comments": lambda pid: with_comments.clean(texts[pid]).text,
            }
            outputs = {name: {pid: run(pid) for pid in texts} for name, run in systems.items()}
            html = {row["id"]: page for row, page in pages}
            for name, keep in (("trafilatura favor_precision, on the HTML", False),
                               ("trafilatura favor_precision include_comments, on the HTML", True)):
                outputs[name] = {pid: trafilatura.extract(page, favor_precision=True, include_comments=keep) or ""
                                 for pid, page in html.items()}
            for n, (name, out) in enumerate(outputs.items()):
                p, r, f1 = score(manifest, out, Path(tmp) / corpus / str(n))
                print(f"| {corpus} | {len(manifest)} | {name} | {p:.3f} | {r:.3f} | {f1:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
