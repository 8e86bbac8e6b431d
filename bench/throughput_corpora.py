"""The three JSON Lines corpora of bench/throughput.py, built once in the work folder.

- seed: copies of seeds/000_*.txt as records, the page a site file (cri.cn) claims by content:
  captures, strip-spans and a drop-block fire on it;
- learned: pages of daniel_zh_dev (scraped text) with a `url`, each site's rule file learned by
  `cleaner learn` from the site's other pages (the first page of each site with two or more is
  held out and cleaned; the others teach), repeated;
- unclaimed: every page of ../shared/corpora rendered as scraped text, which no site file claims
  (the fallback packs and main-content selection do the work), repeated.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from corpora import html_of, manifest_rows, scrape_text  # noqa: E402

SEED = REPO / "seeds" / "000_a376c9bc92ac9e28.txt"
SEED_COPIES = 24_000


def write_repeated(records: list[dict], target: Path, size_mb: float) -> Path:
    """records repeated (ids made unique) until their text holds size_mb MB, as JSON Lines; built once."""
    if target.exists():
        return target
    sizes = [len(r["text"].encode("utf-8")) for r in records]
    total, copy = 0, 0
    tmp = target.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        while total < size_mb * 1_000_000:
            for record, size in zip(records, sizes):
                handle.write(json.dumps({**record, "id": f"{record['id']}#{copy}"}, ensure_ascii=False) + "\n")
                total += size
            copy += 1
    tmp.rename(target)
    return target


def seed_corpus(workdir: Path, copies: int = SEED_COPIES) -> Path:
    """copies of the seed page, one record each."""
    target = workdir / f"seed-{copies}.jsonl"
    if not target.exists():
        workdir.mkdir(parents=True, exist_ok=True)
        text = SEED.read_text(encoding="utf-8")
        tmp = target.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            for n in range(copies):
                handle.write(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n")
        tmp.rename(target)
    return target


def learned_corpus(workdir: Path, size_mb: float, corpus: str = "daniel_zh_dev") -> tuple[Path, Path]:
    """(records, rules folder): held-out pages of each site and the rule files learned from the others."""
    from cleaner import RuleSet
    from cleaner.learn import learn_site, render_rule_file

    rules_dir = workdir / f"rules-learned-{corpus}"
    target = workdir / f"learned-{corpus}-{size_mb:g}mb.jsonl"
    if target.exists() and rules_dir.exists():
        return target, rules_dir
    render = scrape_text()
    sites: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in manifest_rows(corpus):
        site = row.get("domain") or row.get("domain_guess")
        if site:
            sites[site].append((row["id"], render(html_of(row, corpus))))
    base = RuleSet.load()
    rules_dir.mkdir(parents=True, exist_ok=True)
    held_out = []
    for site, pages in sorted(sites.items()):
        if len(pages) < 2:
            continue
        learned = learn_site(pages[1:], site, base=base)
        (rules_dir / f"{site}.yaml").write_text(render_rule_file(learned), encoding="utf-8")
        held_out.append({"id": pages[0][0], "url": f"http://{site}/", "text": pages[0][1]})
    return write_repeated(held_out, target, size_mb), rules_dir


def unclaimed_corpus(workdir: Path, size_mb: float) -> Path:
    """Every page of the shared corpora as scraped text, repeated (bench/throughput.py's first corpus)."""
    from throughput import build_corpus

    return build_corpus(workdir, int(size_mb))


def page_texts(corpus: Path) -> list[tuple[str, str | None]]:
    """(text, url) of each record of a corpus."""
    out = []
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            out.append((record["text"], record.get("url")))
    return out
