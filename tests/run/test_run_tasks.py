"""The one task splitter (run/tasks.py), the Summary's lines, and the run layer's independence from click."""
from __future__ import annotations

import ast
import gzip
import json
from pathlib import Path, PurePosixPath

from cleaner.run.local import Setup, init_worker, run_task
from cleaner.run.sources import Source
from cleaner.run.summary import Summary
from cleaner.run.tasks import MIN_RANGE_BYTES, RANGES_PER_WORKER, PageTask, RangeTask, RecordTask, StreamTask, pieces, split

RUN = Path(__file__).resolve().parents[2] / "cleaner" / "run"


def records(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": f"第{i}篇\n分享到：微信\n正文内容。"}) + "\n" for i in range(n)),
                    encoding="utf-8")
    return path


def test_split_pages_in_groups_and_ranges_that_cover_the_file(tmp_path: Path) -> None:
    plain = records(tmp_path / "a.jsonl", 300)
    sources = [Source(tmp_path / f"p{i}.txt", PurePosixPath(f"p{i}.txt"), False) for i in range(10)]
    sources.append(Source(plain, PurePosixPath("a.jsonl"), True))
    tasks = list(split(sources, 1 << 20, range_bytes=4096))
    assert [len(t.files) for t in tasks if isinstance(t, PageTask)] == [8, 2]
    ranges = [t for t in tasks if isinstance(t, RangeTask)]
    assert ranges[0].start == 0 and ranges[-1].end == plain.stat().st_size and ranges[-1].last
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:])) and not any(r.last for r in ranges[:-1])


def test_a_small_record_file_is_cut_finer_for_more_workers(tmp_path: Path) -> None:
    """Two workers get enough ranges each that the last ones leave one idle only briefly."""
    big = tmp_path / "b.jsonl"
    big.write_bytes(b'{"text": "x"}\n' * (MIN_RANGE_BYTES * 40 // 14))
    size = big.stat().st_size
    source = [Source(big, PurePosixPath("b.jsonl"), True)]

    def ranges(**kwargs: int) -> list[RangeTask]:
        found = [t for t in split(source, 1 << 30, **kwargs) if isinstance(t, RangeTask)]
        assert found[0].start == 0 and found[-1].end == size and all(a.end == b.start for a, b in zip(found, found[1:]))
        return found

    assert len(ranges(range_bytes=size)) == 1  # one worker: as asked
    assert len(ranges(range_bytes=size, workers=2)) == 2 * RANGES_PER_WORKER
    assert len(ranges(range_bytes=size, workers=100)) == -(-size // MIN_RANGE_BYTES)  # never under the floor
    asked = MIN_RANGE_BYTES * 2  # under size / 16
    assert len(ranges(range_bytes=asked, workers=2)) == -(-size // asked)  # never longer than asked


def test_compressed_files_are_read_here_or_by_the_worker(tmp_path: Path) -> None:
    packed = tmp_path / "a.jsonl.gz"
    packed.write_bytes(gzip.compress(records(tmp_path / "a.jsonl", 5).read_bytes()))
    source = [Source(packed, PurePosixPath("a.jsonl.gz"), True)]
    here = list(split(source, 1 << 20))
    assert all(isinstance(t, RecordTask) for t in here) and here[-1].last
    assert list(split(source, 1 << 20, streams_here=False)) == [StreamTask(0, str(packed))]
    assert [t for t in pieces(StreamTask(0, str(packed)), 1 << 20)] == here


def test_a_range_run_in_pieces_gives_the_outcomes_of_the_whole(tmp_path: Path) -> None:
    plain = records(tmp_path / "a.jsonl", 400)
    whole = RangeTask(0, str(plain), 0, plain.stat().st_size, last=True)
    init_worker(Setup(), None)
    one = run_task(whole)
    parts = [run_task(t) for t in pieces(whole, 1 << 20, piece_bytes=2000)]
    assert len(parts) > 5 and [p.task.last for p in parts].count(True) == 1 and parts[-1].task.last
    assert b"".join(d for p in parts for _n, d in p.outputs) == b"".join(d for _n, d in one.outputs)
    assert sum(p.lines for p in parts) == one.lines == 400


def test_summary_lines() -> None:
    summary = Summary(files=2, bytes_in=2048, bytes_out=1024, failed=["x"])
    summary.by_rule.update({"a/b": 3, "c/d": 5})
    assert summary.lines() == ["cleaned 2 files (2.0 kB in, 1.0 kB out); 1 file with errors",
                               "removals by rule:", "       5  c/d", "       3  a/b"]
    summary.records, summary.failed_records = 4, 1
    assert summary.lines()[0] == "cleaned 2 files and 4 records (2.0 kB in, 1.0 kB out); 1 record with errors"


def test_the_run_layer_prints_nothing_itself() -> None:
    # Messages go through a callback or are returned; the CLI prints them.
    for module in RUN.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not any(name == "click" or name.startswith("click.") for name in imported), module.name
