"""read_input and read_stdin: size limits, gzip/zstd by content, charset sniffing."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
import zstandard
from io_samples import SIMPLIFIED_LONG, TRADITIONAL_LONG, html_page

from cleaner.io import InputError, format_size, read_input, read_stdin
from cleaner.io.compression import MAX_PIECE

LIMIT = 1_000_000


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_utf8_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", SIMPLIFIED_LONG.encode())
    decoded = read_input(path, max_bytes=LIMIT)
    assert (decoded.text, decoded.encoding) == (SIMPLIFIED_LONG, "utf-8")


@pytest.mark.parametrize("name", ["page.html.gz", "page.html", "page.bin"])
def test_gzip_is_detected_by_content(tmp_path: Path, name: str) -> None:
    page = html_page(SIMPLIFIED_LONG, meta="gbk")
    path = write(tmp_path, name, gzip.compress(page.encode("gbk")))
    decoded = read_input(path, max_bytes=LIMIT)
    assert (decoded.text, decoded.encoding) == (page, "gb18030")


def test_multi_member_gzip(tmp_path: Path) -> None:
    data = gzip.compress(b"first half, ") + gzip.compress(b"second half")
    assert read_input(write(tmp_path, "x.gz", data), max_bytes=LIMIT).text == (
        "first half, second half")


@pytest.mark.parametrize("name", ["page.html.zst", "page.html"])
def test_zstd_is_detected_by_content(tmp_path: Path, name: str) -> None:
    page = html_page(TRADITIONAL_LONG, meta="big5")
    data = zstandard.ZstdCompressor().compress(page.encode("big5"))
    decoded = read_input(write(tmp_path, name, data), max_bytes=LIMIT)
    assert (decoded.text, decoded.encoding) == (page, "big5hkscs")


def test_gz_extension_on_plain_text_is_read_as_plain(tmp_path: Path) -> None:
    assert read_input(write(tmp_path, "a.gz", b"not compressed"), max_bytes=LIMIT).text == (
        "not compressed")


def test_truncated_gzip_is_refused(tmp_path: Path) -> None:
    data = gzip.compress(SIMPLIFIED_LONG.encode() * 20)
    with pytest.raises(InputError, match="truncated"):
        read_input(write(tmp_path, "t.gz", data[: len(data) // 2]), max_bytes=LIMIT)


def test_corrupt_gzip_is_refused(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(SIMPLIFIED_LONG.encode() * 20))
    data[20:40] = b"\xff" * 20
    with pytest.raises(InputError, match="gzip"):
        read_input(write(tmp_path, "c.gz", bytes(data)), max_bytes=LIMIT)


def test_truncated_zstd_is_refused(tmp_path: Path) -> None:
    data = zstandard.ZstdCompressor().compress(SIMPLIFIED_LONG.encode() * 20)
    with pytest.raises(InputError, match="zstd"):
        read_input(write(tmp_path, "t.zst", data[:-5]), max_bytes=LIMIT)


def test_file_over_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"x" * 150_001)
    with pytest.raises(InputError) as info:
        read_input(path, max_bytes=100_000)
    assert str(info.value) == "file is 150.0 kB, over the 100.0 kB limit (--max-size)"


def test_file_at_limit_is_read(tmp_path: Path) -> None:
    assert len(read_input(write(tmp_path, "ok.txt", b"x" * 1000), max_bytes=1000).text) == 1000


class _Counting:
    """Wraps a decompressor (or its stream reader) and adds up the bytes it inflates."""

    def __init__(self, inner, total: list[int]) -> None:
        self._inner, self._total = inner, total

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def read(self, *args):
        return self._add(self._inner.read(*args))

    def decompress(self, *args):
        return self._add(self._inner.decompress(*args))

    def stream_reader(self, *args, **kwargs):
        return _Counting(self._inner.stream_reader(*args, **kwargs), self._total)

    def decompressobj(self, *args, **kwargs):
        return _Counting(self._inner.decompressobj(*args, **kwargs), self._total)

    def _add(self, data: bytes) -> bytes:
        self._total[0] += len(data)
        return data


SLACK = MAX_PIECE  # decompression goes in bounded pieces: it may run one piece past the limit


def _count_inflated(monkeypatch) -> list[int]:
    """Make every gzip and zstd decompressor that read_input uses count its output; [total]."""
    import zlib

    import cleaner.io.compression as read_module  # where the decompressors live

    total = [0]
    zlib_proxy = type("zlib", (), {"decompressobj": staticmethod(lambda *a, **k: _Counting(zlib.decompressobj(*a, **k), total)),
                                   "error": zlib.error})
    monkeypatch.setattr(read_module, "zlib", zlib_proxy)
    real = zstandard.ZstdDecompressor
    monkeypatch.setattr(zstandard, "ZstdDecompressor", lambda *a, **k: _Counting(real(*a, **k), total))
    return total


@pytest.mark.parametrize("compress", [gzip.compress, zstandard.ZstdCompressor().compress])
def test_decompression_bomb_is_refused_quickly(tmp_path: Path, monkeypatch, compress) -> None:
    # Quickly, counted in bytes, not seconds: reading stops a chunk past the limit, however much
    # the bomb would inflate to (timings: bench/time_bounds.py).
    bomb = compress(bytes(64_000_000))  # more than the limit and one piece: a full inflate would show
    assert len(bomb) < 100_000
    inflated = _count_inflated(monkeypatch)
    with pytest.raises(InputError, match=r"over the 100\.0 kB limit \(--max-size\)"):
        read_input(write(tmp_path, "bomb", bomb), max_bytes=100_000)
    assert 100_000 < inflated[0] <= 100_000 + SLACK


def test_multi_member_gzip_bomb_never_inflates_fully(tmp_path: Path, monkeypatch) -> None:
    # 1 GB of zeros (100 gzip members of 10 MB, quick to build) would take seconds and a
    # gigabyte to inflate; bounded, it inflates at most a chunk past the limit.
    bomb = gzip.compress(bytes(10_000_000), compresslevel=1) * 100
    inflated = _count_inflated(monkeypatch)
    with pytest.raises(InputError, match="limit"):
        read_input(write(tmp_path, "bomb.gz", bomb), max_bytes=100_000)
    assert inflated[0] <= 100_000 + SLACK


def test_meta_charset_gbk_page(tmp_path: Path) -> None:
    page = html_page(SIMPLIFIED_LONG, meta="gbk")
    decoded = read_input(write(tmp_path, "p.html", page.encode("gbk")), max_bytes=LIMIT)
    assert (decoded.text, decoded.encoding) == (page, "gb18030")


def test_page_declaring_utf8_but_gbk(tmp_path: Path) -> None:
    page = html_page(SIMPLIFIED_LONG, meta="utf-8")
    decoded = read_input(write(tmp_path, "p.html", page.encode("gbk")), max_bytes=LIMIT)
    assert (decoded.text, decoded.encoding) == (page, "gb18030")


def test_declaration_in_plain_text_is_not_trusted(tmp_path: Path) -> None:
    # "charset=cp1251" in prose is not a declaration: the GBK bytes must still read as GBK.
    text = "Notes: the old site used charset=cp1251 once.\n" + SIMPLIFIED_LONG
    decoded = read_input(write(tmp_path, "notes.txt", text.encode("gbk")), max_bytes=LIMIT)
    assert decoded.text == text


def test_binary_file_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100)
    with pytest.raises(InputError, match="binary file"):
        read_input(write(tmp_path, "x.png", png), max_bytes=LIMIT)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read: No such file") as info:
        read_input(tmp_path / "missing.html", max_bytes=LIMIT)
    assert str(tmp_path) not in str(info.value)
    with pytest.raises(InputError, match="directory"):
        read_input(tmp_path, max_bytes=LIMIT)


def test_read_stdin_binary_and_text_wrapper() -> None:
    data = gzip.compress(SIMPLIFIED_LONG.encode("gbk"))
    assert read_stdin(io.BytesIO(data), LIMIT).text == SIMPLIFIED_LONG
    # sys.stdin is a text wrapper: its bytes are read, not its (locale-decoded) text.
    wrapper = io.TextIOWrapper(io.BytesIO(TRADITIONAL_LONG.encode("big5")), encoding="utf-8")
    assert read_stdin(wrapper, LIMIT).text == TRADITIONAL_LONG


def test_read_stdin_over_limit() -> None:
    with pytest.raises(InputError, match=r"input is over the 1\.0 kB limit"):
        read_stdin(io.BytesIO(b"x" * 1001), 1000)


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (999, "999 bytes"), (100_000, "100.0 kB"), (312_400_000, "312.4 MB"),
     (50_000_000, "50.0 MB"), (2_500_000_000, "2.5 GB")],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text
