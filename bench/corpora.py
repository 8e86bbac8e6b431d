"""The shared development corpora as the benchmarks read them: manifests, pages, scraped text.

Pages are decoded the way `cleaner clean` reads a file (the charset the page declares, then
detection), not with the manifest's charset field, so benchmarks measure the product's path.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import os
from pathlib import Path
from typing import Callable, Iterator

from cleaner.io import decode_bytes, sniff_declared_charset

REPO = Path(__file__).resolve().parent.parent
# CLEANER_SHARED, else ../shared beside the checkout (or beside the folder of worktrees it sits in).
SHARED = Path(os.environ.get("CLEANER_SHARED") or next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()), REPO.parent / "shared"))
CORPORA = SHARED / "corpora"
TOOLS = SHARED / "tools"


def manifest_rows(corpus: str, root: Path = CORPORA) -> Iterator[dict]:
    """The manifest rows of a corpus."""
    with open(root / corpus / "manifest.jsonl", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def html_of(row: dict, corpus: str, root: Path = CORPORA) -> str:
    """A page's HTML, decoded. Manifest paths start with the corpus folder (or, in some, not)."""
    path = root / row["html_path"]
    if not path.exists():
        path = root / corpus / row["html_path"]
    data = path.read_bytes()
    data = gzip.decompress(data) if path.suffix == ".gz" else data
    return decode_bytes(data, declared=sniff_declared_charset(data[:4096])).text


def scrape_text() -> Callable[[str], str]:
    """The shared renderer of HTML to seed-like scraped text (../shared/tools/scrape_text.py)."""
    spec = importlib.util.spec_from_file_location("scrape_text", TOOLS / "scrape_text.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.render
