"""Red team: compressed input cut short or damaged, and short pages in legacy encodings.

A user's view: the exit code, the `path: error: ...` line, and what was written.
"""
from __future__ import annotations

import gzip
import io
import json
import zlib
from pathlib import Path

import pytest
import zstandard
from harness import SEED, cli, leftovers

ZH = "第{n}篇报道\n分享到：微信 微博\n正文，记者从现场获悉有关情况并进行了采访。\n"
TRUNCATED = {"zstd": "truncated zstd stream: ended before the end of its last frame",
             "gzip": "truncated gzip stream: ended before the end of its last member"}
SUFFIX = {"zstd": ".zst", "gzip": ".gz"}


def records(start: int, stop: int) -> bytes:
    return "".join(json.dumps({"id": n, "text": ZH.format(n=n)}, ensure_ascii=False) + "\n"
                   for n in range(start, stop)).encode()


def cut_where_lines_end(kind: str) -> bytes:
    """1,920 records, then the start of more: a stream cut at a flush point, so that every
    decompressed line is whole and only the missing end of the frame (member) tells."""
    out = io.BytesIO()
    if kind == "zstd":
        writer = zstandard.ZstdCompressor(write_checksum=True).stream_writer(out, closefd=False)
        writer.write(records(0, 1920))
        writer.flush(zstandard.FLUSH_BLOCK)
        cut = out.tell()
        writer.write(records(1920, 4000))
        writer.flush(zstandard.FLUSH_FRAME)
    else:
        packer = zlib.compressobj(wbits=31)
        out.write(packer.compress(records(0, 1920)) + packer.flush(zlib.Z_FULL_FLUSH))
        cut = out.tell()
        out.write(packer.compress(records(1920, 4000)) + packer.flush())
    return out.getvalue()[:cut]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("kind", ["zstd", "gzip"])
def test_a_truncated_record_stream_is_reported_and_what_came_before_is_written(tmp_path: Path, kind: str,
                                                                               jobs: str) -> None:
    source = tmp_path / f"big.jsonl{SUFFIX[kind]}"
    source.write_bytes(cut_where_lines_end(kind))
    out = tmp_path / "out.jsonl"
    run = cli("clean", source, "-o", out, "--jobs", jobs)
    assert run.code == 1, run.stderr
    assert f"{source}: error: {TRUNCATED[kind]}\n" in run.stderr
    assert "cleaned 1920 records" in run.stderr and "1 file with errors" in run.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == list(range(1920))
    assert leftovers(tmp_path) == []


def test_a_truncated_stream_on_stdin_is_reported(tmp_path: Path) -> None:
    run = cli("clean", "-", "--input-format", "jsonl", stdin=cut_where_lines_end("zstd"))
    assert run.code == 1
    assert f"<stdin>: error: {TRUNCATED['zstd']}\n" in run.stderr
    assert len(run.stdout.splitlines()) == 1920


@pytest.mark.parametrize("kind", ["zstd", "gzip"])
def test_explain_names_the_damage_not_a_missing_record(tmp_path: Path, kind: str) -> None:
    source = tmp_path / f"c.jsonl{SUFFIX[kind]}"
    source.write_bytes(cut_where_lines_end(kind))
    run = cli("explain", source, "--record", "1950")
    assert run.code == 1
    assert run.stderr == f"{source}: error: {TRUNCATED[kind]}\n"


@pytest.mark.parametrize("command", ["clean", "check", "explain"])
@pytest.mark.parametrize("kind", ["zstd", "gzip"])
def test_a_truncated_page_is_reported_by_every_command(tmp_path: Path, kind: str, command: str) -> None:
    page = SEED.read_bytes()
    packed = zstandard.ZstdCompressor().compress(page) if kind == "zstd" else gzip.compress(page)
    source = tmp_path / f"page.txt{SUFFIX[kind]}"
    source.write_bytes(packed[: len(packed) // 2])
    run = cli(command, source)
    assert run.code == 1
    assert f"{source}: error: {TRUNCATED[kind]}\n" in run.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_damaged_frame_is_corrupt_and_the_rest_of_the_run_goes_on(tmp_path: Path, jobs: str) -> None:
    data = bytearray(zstandard.ZstdCompressor(write_checksum=True).compress(records(0, 500)))
    data[-2] ^= 0xFF  # the frame's checksum: its data no longer matches
    bad = tmp_path / "in" / "a.jsonl.zst"
    bad.parent.mkdir()
    bad.write_bytes(bytes(data))
    good = tmp_path / "in" / "b.jsonl.gz"
    good.write_bytes(gzip.compress(records(0, 10)) + b"trailing junk")
    fine = tmp_path / "in" / "c.jsonl"
    fine.write_bytes(records(0, 10))
    run = cli("clean", tmp_path / "in", "-o", tmp_path / "out", "--jobs", jobs)
    assert run.code == 1
    assert f"{bad}: error: corrupt zstd stream: restored data doesn't match checksum\n" in run.stderr
    assert f"{good}: error: corrupt gzip stream: bytes after its last member are not gzip data\n" in run.stderr
    assert len((tmp_path / "out" / "c.jsonl").read_text(encoding="utf-8").splitlines()) == 10
    assert leftovers(tmp_path) == []


def test_a_one_line_euc_jp_page_is_read_as_japanese(tmp_path: Path) -> None:
    text = "東京都で新しい図書館が開館した。\n"
    page = tmp_path / "jp.txt"
    page.write_bytes(text.encode("euc_jp"))
    run = cli("clean", page, "--format", "json")
    assert run.code == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["text"] == text
    assert out["cleaner_metadata"]["encoding"] == "euc_jp" and 0 < out["cleaner_metadata"]["encoding_confidence"] < 1


@pytest.mark.parametrize("text", ["SÃO PAULO — A ação do governo não foi aprovada.\n",
                                  "SÃO PAULO: AÇÃO E NÃO\n", "ÉLECTIONS RÉGIONALES : LA GAUCHE DÉÇUE\n"])
def test_a_short_windows_1252_line_is_read_as_written_and_the_guess_is_flagged(tmp_path: Path, text: str) -> None:
    page = tmp_path / "pt.txt"
    page.write_bytes(text.encode("cp1252"))
    run = cli("clean", page)
    assert run.code == 0, run.stderr
    assert run.stdout == text
    assert f"{page}: warning: encoding guessed as cp1252 (confidence 0." in run.stderr


def test_a_shift_jis_page_declaring_gbk_is_read_as_japanese(tmp_path: Path) -> None:
    body = "東京都で新しい図書館が開館した。市の担当者によると、蔵書は約十万冊である。"
    html = (f'<html><head><meta charset="gbk"><title>図書館</title></head>'
            f"<body><article><p>{body}</p></article></body></html>")
    page = tmp_path / "jp.html"
    page.write_bytes(html.encode("shift_jis"))
    run = cli("clean", page, "--format", "json")
    assert run.code == 0, run.stderr
    out = json.loads(run.stdout)
    assert body in out["text"] and out["cleaner_metadata"]["encoding"] == "cp932"
