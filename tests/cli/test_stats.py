"""`cleaner clean --stats FILE`: the run's counts as JSON, the same for any number of jobs."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from cleaner.cli.main import main

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"
ZH = "第{n}篇报道\n\n分享到：微信 微博\n正文第一段，记者从现场获悉有关情况并进行了采访。\n"


def invoke(*args):
    return CliRunner().invoke(main, ["clean", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def inputs(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "seed.txt").write_bytes(SEED.read_bytes())
    (pages / "plain.txt").write_text("A short note with nothing to remove.\n", encoding="utf-8")
    (pages / "empty.txt").write_text("\n\n", encoding="utf-8")
    (pages / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    records = tmp_path / "records.jsonl"
    lines = [json.dumps({"id": n, "text": ZH.format(n=n)}, ensure_ascii=False) for n in range(40)]
    lines[7] = '{"id": 7, "text": "unterminated'
    lines[9] = '{"id": 9}'
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pages, records


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_stats_count_the_run(tmp_path, inputs, jobs):
    pages, records = inputs
    stats = tmp_path / "out" / "stats.json"
    stats.parent.mkdir()
    r = invoke("-q", "--jobs", jobs, pages, records, "-o", tmp_path / "clean", "--stats", stats)
    assert r.exit_code == 1  # the binary file and two records fail; the counts are written all the same
    got = json.loads(stats.read_text(encoding="utf-8"))
    # The run's duration is a figure of the machine, not of the run: only its shape is checked here
    # (a monotonic clock's difference, rounded to ms); how long runs take is bench/'s business.
    assert isinstance(got["elapsed_seconds"], (int, float)) and got["elapsed_seconds"] >= 0
    del got["elapsed_seconds"]
    assert got["files"] == 3 and got["records"] == 38
    assert got["bytes_in"] > 0 and got["bytes_out"] > 0
    assert got["removals"]["by_rule"]["zh-news/share-bar"] == 38
    assert got["removals"]["by_rule"]["cri.cn/fororder-images"] == 4
    assert got["removals"]["total"] == sum(got["removals"]["by_rule"].values())
    assert got["pages"] == {"cleaned": 41, "empty": 1, "short": 1 + 38, "short_chars": 100, "unchanged": 2,
                            "by_type": {"article": 39, "other": 1}}  # the empty page has no shape to read
    assert got["errors"] == {"total": 3, "files": 1, "records": 2,
                             "by_kind": {"bad-record": 1, "cannot-decode": 1, "invalid-json": 1}}
    assert not list(stats.parent.glob(".*tmp"))  # written atomically: no temp file left


def test_stats_are_alike_for_one_and_two_jobs(tmp_path, inputs):
    pages, records = inputs
    runs = []
    for jobs in ("1", "2"):
        stats = tmp_path / f"stats{jobs}.json"
        invoke("-q", "--jobs", jobs, pages, records, "-o", tmp_path / f"clean{jobs}", "--stats", stats)
        got = json.loads(stats.read_text(encoding="utf-8"))
        del got["elapsed_seconds"]
        runs.append(got)
    assert runs[0] == runs[1]


def test_stats_count_pages_by_type(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("005_constructed_en_news.html", "007_constructed_zh_forum_thread.html",
                 "011_constructed_zh_listing.html", "000_a376c9bc92ac9e28.txt", "002_constructed_en_news.txt"):
        (pages / name).write_bytes((SEEDS / name).read_bytes())
    (pages / "menu.txt").write_text("首页\n新闻\n体育\n联系我们\n", encoding="utf-8")
    stats = tmp_path / "stats.json"
    r = invoke("-q", pages, "-o", tmp_path / "clean", "--stats", stats)
    assert r.exit_code == 0, r.stderr
    by_type = json.loads(stats.read_text(encoding="utf-8"))["pages"]["by_type"]
    assert by_type == {"article": 3, "forum": 1, "listing": 1, "other": 1}


def test_the_summary_says_how_long_the_run_took(tmp_path):
    r = invoke(SEED, "-o", tmp_path / "out")
    assert r.exit_code == 0
    first = r.stderr.splitlines()[0]
    assert first.startswith("cleaned 1 file (") and first.endswith(" s") and ") in " in first


def test_stats_file_that_cannot_be_written_is_an_error(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    r = invoke("-q", SEED, "-o", tmp_path / "out", "--stats", tmp_path / "a-file" / "stats.json")
    assert r.exit_code == 1 and "stats.json: error: cannot write:" in r.stderr
