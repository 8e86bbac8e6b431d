"""Red team: one huge page must not cost many times its size in memory (it once cost 66x).

Each run is measured by a fresh process that starts `cleaner clean`, waits for it and reads
getrusage(RUSAGE_CHILDREN).ru_maxrss (workers included); the same command on a tiny page is
the start-up baseline. No timings: memory bounds only.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from harness import ROOT, cli, leftovers

MB = 1_000_000
SIZE = 20 * MB
# Peak RSS over the baseline, per byte of the page. The bound is for the regressions this file was
# made for (66x, 7-9x); one commit measured 3.2x and 4.0x for the scraped-text page on Python 3.10
# on two runs of the same machine (allocator state), so 4 was too tight to be a stable bound.
MAX_RATIO = 5
_MEASURE = ("import resource, subprocess, sys\n"
            "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
            "sys.stderr.buffer.write(p.stderr)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, p.returncode)\n")


def peak(*args: str | os.PathLike) -> tuple[int, int, str]:
    """Peak RSS in bytes of `cleaner ARGS` (its workers included), its exit code and stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "cleaner.cli.main",
                           *map(os.fspath, args)], capture_output=True, env=env, timeout=600)
    rss, code = proc.stdout.split()
    return int(rss), int(code), proc.stderr.decode("utf-8", "replace")


def fill(path: Path, head: str, row, tail: str) -> Path:
    """Write head, rows until SIZE bytes, tail."""
    parts, total, n = [head], 0, 0
    while total < SIZE:
        parts.append(row(n))
        total += len(parts[-1].encode())
        n += 1
    parts.append(tail)
    path.write_text("".join(parts), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("huge")
    fill(folder / "table.html", "<html><head><title>数据表</title></head><body><table>",
         lambda n: f"<tr><td>{n}</td><td>单元格{n % 97}甲乙</td><td>{n * 7 % 1000}</td></tr>\n", "</table></body></html>\n")
    fill(folder / "text.txt", "", lambda n: f"第{n}行 链接{n % 13} 栏目\n", "")
    (folder / "tiny.html").write_text("<html><head><title>短</title></head><body><p>"
                                      + "正文内容，记者从现场获悉有关情况。" * 20 + "</p></body></html>\n", encoding="utf-8")
    (folder / "tiny.txt").write_text("标题\n" + "正文内容，记者从现场获悉有关情况并进行了采访。" * 5 + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("shape, jobs", [("table.html", "1"), ("table.html", "0"), ("text.txt", "0")])
def test_a_20_mb_page_peaks_under_four_times_its_size(pages, tmp_path, shape, jobs):
    page = pages / shape
    tiny = pages / ("tiny" + page.suffix)
    base, code, _ = peak("clean", "-q", tiny, "-o", tmp_path / "tiny", "--jobs", jobs)
    assert code == 0
    top, code, stderr = peak("clean", page, "-o", tmp_path / "out", "--jobs", jobs)
    assert code == 0, stderr
    ratio = (top - base) / page.stat().st_size
    assert ratio < MAX_RATIO, f"{shape} --jobs {jobs}: peak {top / MB:.0f} MB, baseline {base / MB:.0f} MB: {ratio:.1f}x"
    # The cheaper path is said, once, as a note (not an error: the run succeeds).
    assert stderr.count(f"{page}: note: huge page: cleaned in pieces") == 1, stderr
    out = (tmp_path / "out" / page.with_suffix(".txt").name).read_text(encoding="utf-8")
    assert out.startswith("数据表\n\n0 单元格0甲乙 0\n\n" if shape == "table.html" else "第0行 链接0 栏目\n\n第1行")
    assert leftovers(tmp_path) == []


def test_a_huge_page_on_stdin_is_noted_too(pages):
    run = cli("clean", "-", stdin=(pages / "text.txt").read_bytes())
    assert run.code == 0
    assert run.stderr.count("<stdin>: note: huge page: cleaned in pieces") == 1
    assert run.stdout.startswith("第0行 链接0 栏目\n\n第1行 链接1 栏目\n")
