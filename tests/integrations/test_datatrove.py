"""The datatrove step in datatrove's own executor: JsonlReader -> CleanerStep -> JsonlWriter, on the seed pages."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers import ROOT, SEEDS

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner.integrations.datatrove import CleanerStep  # noqa: E402

GOLDEN = ROOT / "tests" / "test_seeds_golden"
PAGES = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".html"))


def _shards(folder: Path) -> None:
    """The seed pages as two JSON Lines shards, the HTML ones holding their markup in `text` as a WARC reader gives it."""
    folder.mkdir()
    for shard in range(2):
        with open(folder / f"part-{shard}.jsonl", "w", encoding="utf-8") as out:
            for page in PAGES[shard::2]:
                out.write(json.dumps({"id": page.stem, "text": page.read_text(encoding="utf-8"),
                                      "url": None, "dump": "seeds"}, ensure_ascii=False) + "\n")


def _run(tmp_path: Path, step: CleanerStep) -> tuple[dict[str, dict], dict]:
    _shards(tmp_path / "in")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), step, JsonlWriter(str(tmp_path / "out"))],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"),
    ).run()
    docs = {}
    for path in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        for line in gzip.open(path, "rt", encoding="utf-8"):
            doc = json.loads(line)
            docs[doc["id"]] = doc
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    return docs, next(s for s in stats if "cleaner" in s["name"])["stats"]


def test_step_cleans_real_pages_in_the_local_executor(tmp_path):
    docs, stats = _run(tmp_path, CleanerStep())
    assert sorted(docs) == [p.stem for p in PAGES]
    for page in PAGES:  # the same text as the library and the CLI give (the golden files)
        assert docs[page.stem]["text"] == (GOLDEN / f"{page.stem}.clean.txt").read_text(encoding="utf-8")
    seed = docs["000_a376c9bc92ac9e28"]["metadata"]
    assert seed["dump"] == "seeds"  # the document's own metadata is kept
    assert seed["cleaner_site"] == "cri.cn"
    assert seed["cleaner_metadata"]["date"] == "2018-09-10T15:17:31"
    assert seed["cleaner_metadata"]["date_raw"] == "2018-09-10 15:17:31"
    assert seed["cleaner_removed"] == {"cri.cn/fororder-images": 4, "zh-news/breadcrumb": 1, "zh-news/byline": 1,
                                       "cri.cn/copyright-statement": 9}
    html = docs["004_constructed_zh_news"]["metadata"]
    assert any(rule.startswith("html/") for rule in html["cleaner_removed"])  # its markup was read as HTML
    assert stats["total"] == stats["forwarded"] == len(PAGES)
    assert stats["removed/cri.cn/fororder-images"]["total"] == 4
    removals = sum(sum(d["metadata"]["cleaner_removed"].values()) for d in docs.values())
    assert stats["removals"]["total"] == removals


def test_step_options_reach_the_workers(tmp_path):
    docs, _stats = _run(tmp_path, CleanerStep(prefix="c_", removed="full", main_content=False))
    seed = docs["000_a376c9bc92ac9e28"]["metadata"]
    assert "cleaner_site" not in seed and seed["c_site"] == "cri.cn"
    assert seed["c_removed"][0]["rule"] == "cri.cn/fororder-images" and seed["c_removed"][0]["line"] == 1


def test_json_strings_give_parquet_one_schema(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from datatrove.pipeline.writers import ParquetWriter

    _shards(tmp_path / "in")
    step = CleanerStep(json_strings=True)
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), step, ParquetWriter(str(tmp_path / "out"), batch_size=2)],
        tasks=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    rows = [row for path in sorted((tmp_path / "out").iterdir()) for row in pq.read_table(path).to_pylist()]
    assert len(rows) == len(PAGES)  # pages with other metadata keys and rules went into one file
    seed = next(r["metadata"] for r in rows if r["id"] == "000_a376c9bc92ac9e28")
    assert seed["cleaner_site"] == "cri.cn" and json.loads(seed["cleaner_metadata"])["date"] == "2018-09-10T15:17:31"
    assert json.loads(seed["cleaner_removed"])["cri.cn/fororder-images"] == 4


def test_step_keeps_comments_on_request(tmp_path):
    # The comments-mode golden texts: the same as the library's clean(..., comments=True).
    docs, _stats = _run(tmp_path, CleanerStep(comments=True))
    threads = [p for p in PAGES if (GOLDEN / f"{p.stem}.comments.txt").exists()]
    assert threads
    for page in threads:
        doc = docs[page.stem]
        assert doc["text"] == (GOLDEN / f"{page.stem}.comments.txt").read_text(encoding="utf-8")
        comments = doc["metadata"]["cleaner_metadata"]["comments"]
        assert len(comments) == doc["text"].count("\n[comment]\n") > 0
    # The default (test above) is the article alone: the page's .clean.txt golden, without marks.
    assert all("[comment]" not in (GOLDEN / f"{p.stem}.clean.txt").read_text(encoding="utf-8") for p in threads)
