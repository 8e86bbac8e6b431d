"""`cleaner clean` on JSON Lines record streams: fields, errors by line, compression, atomic output."""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard
from click.testing import CliRunner
from conftest import ROOT, SEEDS
from hypothesis import given
from hypothesis import strategies as st

from cleaner.cli.main import main
from cleaner.io import InputError
from cleaner.io.atomic import AtomicWriter
from cleaner.io.jsonl import is_jsonl_name, read_lines

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"
GOLDEN = (ROOT / "tests" / "test_seeds_golden" / "000_a376c9bc92ac9e28.clean.txt").read_text(encoding="utf-8")
ZH = "第{n}篇报道\n\n分享到：微信 微博\n正文第一段，记者从现场获悉有关情况并进行了采访。\n"
ZH_CLEAN = "第{n}篇报道\n\n正文第一段，记者从现场获悉有关情况并进行了采访。\n"


def invoke(*args, **kw):
    return CliRunner().invoke(main, ["clean", *map(str, args)], catch_exceptions=False, **kw)


def lines_of(*records) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Five records, the third one broken JSON and the fifth without a page."""
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(lines_of(
        {"id": "a", "text": SEED.read_text(encoding="utf-8"), "metadata": {"dump": "CC-MAIN-2024"}, "n": 1.5},
        {"id": "b", "text": ZH.format(n=2), "url": "https://example.com/b"},
        '{"id": "c", "text": "unterminated',
        {"id": "d", "html": "<html><body><article><p>" + "正文内容。" * 30 + "</p></article></body></html>"},
        {"id": "e", "body": "no page here"},
    ))
    return path


def test_records_out_keep_fields_and_broken_ones_are_reported(corpus):
    r = invoke(corpus)
    assert r.exit_code == 1
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "d"]
    assert out[0]["text"] == GOLDEN and out[0]["metadata"] == {"dump": "CC-MAIN-2024"} and out[0]["n"] == 1.5
    assert out[0]["cleaner_metadata"]["editor"] == "罗毅"
    assert out[0]["cleaner_removed"]["cri.cn/fororder-images"] == 4 and out[0]["cleaner_site"] == "cri.cn"
    assert out[1]["text"] == ZH_CLEAN.format(n=2) and out[1]["url"] == "https://example.com/b"
    assert out[1]["cleaner_metadata"]["url"] == "https://example.com/b"
    assert out[2]["text"].startswith("正文内容。") and "html" in out[2]
    assert f"{corpus}:3: error: invalid JSON: Unterminated string starting at (column 21)" in r.stderr
    assert f'{corpus}:5: error: record has no "text" or "html" field' in r.stderr
    assert "cleaned 3 records" in r.stderr and "2 records with errors" in r.stderr


@pytest.mark.parametrize("line,message", [
    ("[1, 2]", "record is a JSON array, not an object"),
    ('"just a string"', "record is a JSON string, not an object"),
    ('{"text": null, "html": null}', 'record has no "text" or "html" field'),
    ('{"text": ["a"]}', '"text" is a JSON array, not a string'),
    ('{"text": "x", "url": 5}', '"url" is a JSON number, not a string'),
    ('{"text": "x", "s": NaN}', "invalid JSON: NaN is not a JSON value (column 20; write null, or a string)"),
    ('{"text": "NaN", "s": [Infinity]}', "invalid JSON: Infinity is not a JSON value (column 23; write null, or a string)"),
    ('{"text": "x", "s": 1e999}', "a number in the record is out of range for a 64-bit float (write it as a string)"),
])
def test_each_kind_of_bad_record(tmp_path, line, message):
    path = tmp_path / "x.jsonl"
    path.write_bytes(lines_of({"text": "ok"}, line, {"text": "ok too"}))
    r = invoke("-q", path)
    assert r.exit_code == 1 and r.stderr == f"{path}:2: error: {message}\n"
    assert [json.loads(x)["text"] for x in r.stdout.splitlines()] == ["ok\n", "ok too\n"]


def test_invalid_utf8_and_blank_lines_and_bom(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + lines_of({"text": "one"}) + b"\n  \n" + b'{"text": "\xff"}\n' + lines_of({"text": "two"}))
    r = invoke("-q", path)
    assert r.stderr == f"{path}:4: error: line is not UTF-8 (byte 11)\n"
    assert [json.loads(x)["text"] for x in r.stdout.splitlines()] == ["one\n", "two\n"]


def test_max_size_applies_to_each_record(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(lines_of({"text": "short"}, {"text": "long " * 100}))
    r = invoke("-q", "--max-size", "200", path)
    assert r.exit_code == 1 and "x.jsonl:2: error: record is 512 bytes, over the 200 bytes limit (--max-size)" in r.stderr
    assert len(r.stdout.splitlines()) == 1


@pytest.mark.parametrize("compress", [gzip.compress, zstandard.ZstdCompressor().compress], ids=["gz", "zst"])
def test_compressed_inputs_by_content_and_compressed_output_by_name(corpus, tmp_path, compress):
    plain = invoke("-q", corpus).stdout
    packed = tmp_path / "packed.jsonl.gz"  # the name says gzip; the content decides
    packed.write_bytes(compress(corpus.read_bytes()))
    for out_name, unpack in (("out.jsonl.gz", gzip.decompress), ("out.jsonl.zst", zstandard.ZstdDecompressor().decompressobj().decompress)):
        out = tmp_path / out_name
        r = invoke("-q", packed, "-o", out)
        assert r.exit_code == 1 and f"{packed}:3: error:" in r.stderr
        assert unpack(out.read_bytes()).decode("utf-8") == plain


def test_truncated_gzip_keeps_what_came_before(corpus, tmp_path):
    packed = tmp_path / "cut.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus.read_bytes())[:-30])
    r = invoke("-q", packed)
    assert r.exit_code == 1
    assert f"{packed}: error: truncated gzip stream: ended before the end of its last member" in r.stderr
    assert [json.loads(line)["id"] for line in r.stdout.splitlines()] == ["a", "b"]


def test_read_lines_gives_the_lines_before_a_cut_then_the_error(tmp_path):
    # A zstd frame flushed after 100 lines and cut there decompresses to whole lines without
    # a complaint from the decompressor: only the missing end of the frame tells.
    out = io.BytesIO()
    writer = zstandard.ZstdCompressor().stream_writer(out, closefd=False)
    writer.write(lines_of(*({"id": n, "text": ZH.format(n=n)} for n in range(100))))
    writer.flush(zstandard.FLUSH_BLOCK)
    cut = out.tell()
    writer.write(lines_of({"id": 100, "text": "the rest"}))
    writer.flush(zstandard.FLUSH_FRAME)
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(out.getvalue()[:cut])
    seen = []
    with pytest.raises(InputError, match="^truncated zstd stream: ended before the end of its last frame$"):
        for number, _line in read_lines(path):
            seen.append(number)
    assert seen == list(range(1, 101))


def test_output_is_atomic_and_leaves_no_temp_files(corpus, tmp_path):
    out = tmp_path / "out" / "clean.jsonl"
    out.parent.mkdir()
    out.write_text("old\n", encoding="utf-8")
    r = invoke("-q", corpus, "-o", out)
    assert r.exit_code == 1 and len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert sorted(p.name for p in out.parent.iterdir()) == ["clean.jsonl"]
    writer = AtomicWriter(out)
    writer.write("half a stream\n")
    writer.abort()
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3 and len(list(out.parent.iterdir())) == 1


def test_folder_output_mirrors_record_files_and_pages(corpus, tmp_path):
    src = tmp_path / "in"
    (src / "shard").mkdir(parents=True)
    (src / "shard" / "part-0.jsonl.gz").write_bytes(gzip.compress(corpus.read_bytes()))
    (src / "shard" / "empty.jsonl").write_bytes(b"")
    (src / "page.txt").write_bytes(SEED.read_bytes())
    r = invoke("-q", src, "-o", tmp_path / "out")
    assert r.exit_code == 1
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == GOLDEN
    assert (tmp_path / "out" / "shard" / "empty.jsonl").read_bytes() == b""
    records = gzip.decompress((tmp_path / "out" / "shard" / "part-0.jsonl.gz").read_bytes()).decode().splitlines()
    assert [json.loads(x)["id"] for x in records] == ["a", "b", "d"]


def test_stdin_records_and_mixing_pages_into_one_jsonl_file(corpus, tmp_path):
    r = invoke("-q", "-", "--input-format", "jsonl", input=corpus.read_bytes())
    assert r.exit_code == 1 and "<stdin>:3: error: invalid JSON" in r.stderr
    assert r.stdout == invoke("-q", corpus).stdout
    out = tmp_path / "all.jsonl"
    r = invoke("-q", SEED, corpus, "--format", "jsonl", "-o", out)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["path"] == str(SEED) and rows[0]["text"] == GOLDEN and [x["id"] for x in rows[1:]] == ["a", "b", "d"]


def test_an_output_named_jsonl_means_json_lines(tmp_path):
    (tmp_path / "b.txt").write_text(ZH.format(n=2), encoding="utf-8")
    r = CliRunner().invoke(main, ["clean", "-q", str(SEED), str(tmp_path / "b.txt"), "-o", str(tmp_path / "x.jsonl")])
    assert r.exit_code == 0, r.stderr
    rows = [json.loads(x) for x in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [row["text"] for row in rows] == [GOLDEN, ZH_CLEAN.format(n=2)] and rows[0]["path"] == str(SEED)
    r = CliRunner().invoke(main, ["clean", "--format", "txt", str(SEED), "-o", str(tmp_path / "y.jsonl")])
    assert r.exit_code == 2 and "--format txt pages cannot go in it" in r.stderr


def test_an_output_named_json_holds_one_page_and_is_never_a_folder(tmp_path, corpus):
    one = tmp_path / "one.json"
    r = CliRunner().invoke(main, ["clean", "-q", str(SEED), "-o", str(one)])  # --format json from the name
    assert r.exit_code == 0, r.stderr
    doc = json.loads(one.read_text(encoding="utf-8"))
    assert doc["text"] == GOLDEN and doc["cleaner_site"] == "cri.cn" and one.read_text(encoding="utf-8").startswith("{\n")
    (tmp_path / "b.txt").write_text(ZH.format(n=2), encoding="utf-8")
    for fmt in ([], ["--format", "json"]):
        r = CliRunner().invoke(main, ["clean", *fmt, str(SEED), str(tmp_path / "b.txt"), "-o", str(tmp_path / "two.json")])
        assert r.exit_code == 2 and "a .json file holds one page, and 2 inputs were given" in r.stderr
        assert not (tmp_path / "two.json").exists()
    r = CliRunner().invoke(main, ["clean", str(corpus), "-o", str(tmp_path / "records.json")])
    assert r.exit_code == 2 and "records are written as JSON Lines" in r.stderr and not (tmp_path / "records.json").exists()


def test_names_that_mean_records():
    assert all(map(is_jsonl_name, ["a.jsonl", "a.JSONL", "a.ndjson", "a.jsonl.gz", "a.jsonl.zst"]))
    assert not any(map(is_jsonl_name, ["a.json", "a.txt", "a.gz", "jsonl"]))


def test_read_lines_numbers_lines_and_streams(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a":1}\r\n\n{"b":2}')
    assert list(read_lines(path)) == [(1, b'{"a":1}'), (3, b'{"b":2}')]


def test_a_real_process_reports_and_exits_1(corpus):
    run = subprocess.run([sys.executable, "-m", "cleaner.cli.main", "clean", "-q", str(corpus)], capture_output=True)
    assert run.returncode == 1 and len(run.stdout.decode().splitlines()) == 3
    assert f"{corpus}:3: error: invalid JSON".encode() in run.stderr


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=30), st.integers(1, 16), st.integers(0, 25))
def test_blocks_keep_every_line_and_replace_only_those_over_the_limit(lengths, size, max_line):
    import io

    from cleaner.io.jsonl import iter_blocks, oversize_line

    lines = [b"x" * n for n in lengths]
    data = b"\n".join(lines) + b"\n"
    assert b"".join(block for _n, block in iter_blocks(io.BytesIO(data), size=size)) == data
    got = b"".join(block for _n, block in iter_blocks(io.BytesIO(data), size=size, max_line=max_line))
    for kept, line in zip(got.split(b"\n")[:-1], lines, strict=True):
        # A line within one read is kept as is (clean_line measures it); one that spans reads and
        # is over the limit is never held whole: only its stand-in comes out.
        assert kept == line or (len(line) > max_line and kept == oversize_line(len(line)))
        assert len(line) <= max(size, max_line) or kept == oversize_line(len(line))


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("compress", [False, True])
def test_a_line_far_over_the_limit_is_reported_with_its_number(tmp_path, jobs, compress):
    # Read as blocks (compressed) or as byte ranges (plain, --jobs 2): a line over the limit is
    # never held whole; the records around it are cleaned and it is reported with its size.
    good = json.dumps({"text": "标题\n正文内容，记者从现场获悉有关情况并进行了采访。"}, ensure_ascii=False).encode()
    huge = b'{"text": "' + b"x" * 3_000_000 + b'"}'
    data = b"\n".join([good, huge, good] * 2) + b"\n"
    src = tmp_path / ("in.jsonl.gz" if compress else "in.jsonl")
    src.write_bytes(gzip.compress(data) if compress else data)
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["clean", "--max-size", "1MB", "--jobs", jobs, str(src), "-o", str(out)])
    assert r.exit_code == 1
    assert f"{src}:2: error: record is 3.0 MB, over the 1.0 MB limit (--max-size)" in r.stderr
    assert f"{src}:5: error: record is 3.0 MB" in r.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_explain_shows_one_record_of_a_jsonl_file(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_bytes(lines_of(
        {"id": 1, "text": "标题一\n分享到：微信\n正文内容，记者从现场获悉有关情况并进行了采访。"},
        {"id": 2, "url": "https://news.cri.cn/x.html", "text": "南京国博_fororder_国博bannner4\n宿迁“三位一体”打防网络犯罪\n正文。"},
    ))
    r = CliRunner().invoke(main, ["explain", str(path), "--record", "2"])
    assert r.exit_code == 0
    assert f"# {path}:2: site cri.cn" in r.stdout and "[cri.cn/fororder-images]" in r.stdout
    r = CliRunner().invoke(main, ["explain", str(path), "--record", "1"])
    assert "2 - 分享到：微信  [zh-news/share-bar]" in r.stdout
    r = CliRunner().invoke(main, ["explain", str(path), "--record", "9"])
    assert r.exit_code == 1 and f"{path}:9: error: no record on line 9" in r.stderr
    r = CliRunner().invoke(main, ["explain", str(path)])
    assert r.exit_code == 2 and "name one with --record LINE" in r.stderr


def test_parse_record_mends_lone_surrogates_everywhere_and_keeps_pairs():
    from cleaner.run.records import dumps, parse_record

    line = b'{"t\\udc01": ["\\ud800x", {"k": "\\udfff"}], "ok": "\\ud83d\\ude00", "n": 1.5}'
    record = parse_record(line)
    assert record == {"t\ufffd": ["\ufffdx", {"k": "\ufffd"}], "ok": "\U0001F600", "n": 1.5}
    dumps(record).encode("utf-8")  # strict UTF-8: nothing left to refuse
    assert parse_record('{"text": "plain"}') == {"text": "plain"}


def test_dumps_writes_strict_json_only():
    from cleaner.errors import RecordError
    from cleaner.run.records import dumps

    assert dumps({"a": 1.5, "b": None}) == '{"a": 1.5, "b": null}\n'
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(RecordError, match="out of range"):
            dumps({"a": bad})
