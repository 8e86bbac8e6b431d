"""What decoding costs per page: every HTML page of ../shared/corpora, read as `cleaner clean` reads it.

Times decode_payload (charset sniffing, UTF-8 or legacy decoding, mojibake repair) on the
decompressed bytes of each page, best of --repeat runs in CPU time, and prints the mean and median per
page, split by the encoding found. --digest FILE writes each page's encoding, confidence and a
hash of its text, so that two checkouts can be compared page by page:

    PYTHONPATH=OLD python bench/decode_cost.py --digest old.tsv
    PYTHONPATH=NEW python bench/decode_cost.py --digest new.tsv && diff old.tsv new.tsv
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import statistics
import time
from collections import defaultdict
from pathlib import Path

from cleaner.io.read import decode_payload

REPO = Path(__file__).resolve().parent.parent
# ../shared/corpora beside the checkout (or beside the folder of worktrees it sits in).
CORPORA = next((p for p in (REPO.parent / "shared" / "corpora", REPO.parent.parent / "shared" / "corpora")
                if p.exists()), REPO.parent / "shared" / "corpora")


def pages(root: Path) -> list[tuple[str, bytes]]:
    """(name, bytes) of every HTML page under the corpora, decompressed."""
    found = []
    for path in sorted(root.rglob("*")):
        name = path.name
        if not path.is_file() or not (name.endswith((".html", ".html.gz", ".htm")) or path.parent.name == "html"):
            continue
        if "peer_outputs" in path.parts or name.startswith("expected"):
            continue  # other tools' outputs and the truth, not pages
        data = path.read_bytes()
        found.append((str(path.relative_to(root)), gzip.decompress(data) if name.endswith(".gz") else data))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=CORPORA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--digest", type=Path, help="write page, encoding, confidence, text hash (TSV)")
    args = parser.parse_args()
    corpus = pages(args.root)
    by_encoding: dict[str, list[float]] = defaultdict(list)
    rows = []
    for name, data in corpus:
        best = float("inf")
        for _ in range(args.repeat):
            started = time.process_time()  # CPU time: the machine may be shared
            decoded = decode_payload(data, max_bytes=1 << 30)
            best = min(best, time.process_time() - started)
        by_encoding[decoded.encoding].append(best)
        confidence = getattr(decoded, "confidence", 1.0)
        rows.append(f"{name}\t{decoded.encoding}\t{confidence}\t{hashlib.sha1(decoded.text.encode()).hexdigest()[:12]}")
    times = [t for ts in by_encoding.values() for t in ts]
    size = sum(len(d) for _n, d in corpus)
    print(f"{len(corpus)} pages, {size / 1e6:.1f} MB: mean {statistics.mean(times) * 1e3:.3f} ms, "
          f"median {statistics.median(times) * 1e3:.3f} ms a page, {size / sum(times) / 1e6:.0f} MB/s")
    for encoding, ts in sorted(by_encoding.items(), key=lambda kv: -len(kv[1])):
        print(f"  {encoding:10} {len(ts):4} pages  mean {statistics.mean(ts) * 1e3:.3f} ms  "
              f"max {max(ts) * 1e3:.3f} ms")
    if args.digest:
        args.digest.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
