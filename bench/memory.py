"""Peak memory of `cleaner clean` on one huge page, as a ratio to the page's size; trafilatura as a peer.

Usage: .venv/bin/python bench/memory.py [--mb 20] [--workdir /tmp/cleaner-memory] [--only table,text]
       [--jobs 1,0] [--no-peer]

Each shape is generated once in --workdir: an HTML table of many small cells, an HTML page of
article paragraphs, scraped text of many short lines, a single line without a newline, and a
JSON Lines file holding one record with the article page. Every measurement is one child
process (`cleaner clean FILE -o DIR --jobs N`), whose peak RSS is read with
getrusage(RUSAGE_CHILDREN) after it exits; a fresh measuring process per run keeps one child's
peak from hiding another's. The same command on a tiny page is the start-up baseline, taken off
before dividing by the input's size. trafilatura `extract` runs on the HTML shapes the same way.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
SHAPES = ("table", "article", "text", "line", "jsonl")
HTML_SHAPES = ("table", "article")
_HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]

# Run a command and print the peak RSS (bytes) of its process tree: a fresh process each time.
_MEASURE = ("import resource, subprocess, sys\n"
            "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
            "sys.stderr.write(p.stderr.decode('utf-8', 'replace')[-2000:] if p.returncode else '')\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, p.returncode)\n")
_TRAFILATURA = ("import sys, trafilatura\n"
                "html = open(sys.argv[1], encoding='utf-8').read()\n"
                "trafilatura.extract(html, include_comments=False)\n")


def _words(rng: random.Random, n: int) -> str:
    """n Han characters of 'prose', with commas."""
    chars = [rng.choice(_HAN) for _ in range(n)]
    for i in range(7, n, 9):
        chars[i] = "，"
    return "".join(chars)


def _fill(size: int, head: str, piece, tail: str) -> str:
    """head, then pieces until about size UTF-8 bytes, then tail."""
    parts, total = [head], len(head.encode())
    while total < size:
        p = piece()
        parts.append(p)
        total += len(p.encode())
    parts.append(tail)
    return "".join(parts)


def build(shape: str, size: int, rng: random.Random) -> str:
    """The page of one shape, about size bytes in UTF-8."""
    if shape == "table":
        row = iter(range(10**9))
        return _fill(size, "<html><head><title>数据表</title></head><body><table>",
                     lambda: f"<tr><td>{next(row)}</td><td>{_words(rng, 3)}</td><td>{rng.randint(0, 999)}</td></tr>\n",
                     "</table></body></html>\n")
    if shape in ("article", "jsonl"):
        return _fill(size, "<html><head><title>长篇报道</title></head><body><div class=\"content\">\n",
                     lambda: f"<p>{_words(rng, rng.randint(60, 200))}。</p>\n", "</div></body></html>\n")
    if shape == "text":
        return _fill(size, "", lambda: f"{_words(rng, rng.randint(2, 12))}\n", "")
    if shape == "line":
        return _fill(size, "", lambda: _words(rng, 500) + "。", "")
    raise ValueError(shape)


def write_input(workdir: Path, shape: str, size: int) -> Path:
    """Generate (once) the input file of a shape; the tiny baseline page has size 0."""
    name = {"jsonl": "jsonl"}.get(shape, "html" if shape in HTML_SHAPES else "txt")
    path = workdir / f"{shape}-{size}.{name}"
    if not path.exists():
        page = build(shape, size, random.Random(7)) if size else _tiny(shape)
        if shape == "jsonl":
            page = json.dumps({"id": 1, "html": page}, ensure_ascii=False) + "\n"
        path.write_text(page, encoding="utf-8")
    return path


def _tiny(shape: str) -> str:
    """A small page of the same kind: what start-up and imports cost."""
    if shape in HTML_SHAPES or shape == "jsonl":
        return "<html><head><title>短</title></head><body><p>" + "正文内容，记者从现场获悉有关情况。" * 20 + "</p></body></html>\n"
    return "标题\n" + "正文内容，记者从现场获悉有关情况并进行了采访。" * 5 + "\n"


def peak(cmd: list[str]) -> int:
    """Peak RSS in bytes of cmd and its children, measured by a fresh process."""
    out = subprocess.run([PY, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    rss, code = out.stdout.split()
    if code != "0":
        sys.stderr.write(f"{' '.join(cmd)}: exit {code}\n{out.stderr}")
    return int(rss)


def cleaner_cmd(path: Path, workdir: Path, jobs: int) -> list[str]:
    """`cleaner clean PATH -o OUT --jobs N`, quiet."""
    out = workdir / ("out.jsonl" if path.suffix == ".jsonl" else "out")
    return [PY, "-m", "cleaner.cli.main", "clean", "-q", str(path), "-o", str(out), "--jobs", str(jobs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cleaner-memory"))
    parser.add_argument("--only", default=",".join(SHAPES))
    parser.add_argument("--jobs", default="1,0", help="comma-separated --jobs values (0: the default)")
    parser.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    size = int(args.mb * 1e6)
    jobs = [int(j) for j in args.jobs.split(",")]
    print("| shape | size MB | system | baseline MB | peak MB | (peak - baseline) / size |")
    print("|---|---|---|---|---|---|")
    for shape in args.only.split(","):
        big, tiny = write_input(args.workdir, shape, size), write_input(args.workdir, shape, 0)
        mb = big.stat().st_size / 1e6
        runs = [(f"cleaner --jobs {j}", cleaner_cmd(big, args.workdir, j), cleaner_cmd(tiny, args.workdir, j))
                for j in jobs]
        if shape in HTML_SHAPES and not args.no_peer:
            runs.append(("trafilatura extract", [PY, "-c", _TRAFILATURA, str(big)], [PY, "-c", _TRAFILATURA, str(tiny)]))
        for name, cmd, base_cmd in runs:
            base, top = peak(base_cmd), peak(cmd)
            ratio = (top - base) / big.stat().st_size
            print(f"| {shape} | {mb:.1f} | {name} | {base / 1e6:.0f} | {top / 1e6:.0f} | {ratio:.2f} |", flush=True)


if __name__ == "__main__":
    main()
