"""gzip and zstd streams checked to their end: every member or frame must be complete, as gzip -t and zstd -t ask."""
from __future__ import annotations

import gzip
import io
import struct
import zlib

import pytest
import zstandard

from cleaner.io import InputError
from cleaner.io.compression import compression_of, iter_decompressed, open_stream

LINES = [f"line {n}: 正文，记者从现场获悉有关情况并进行了采访。\n".encode() for n in range(400)]


def flushed(kind: str, lines: list[bytes], every: int = 100) -> tuple[bytes, list[int]]:
    """A single-frame (single-member) stream flushed after every `every` lines, and where each flush ends.

    Cut at such a point, the stream decompresses without an error to whole lines: only the
    missing end of the frame tells that it is not all there.
    """
    out, marks = io.BytesIO(), []
    if kind == "zstd":
        writer = zstandard.ZstdCompressor(write_checksum=True).stream_writer(out, closefd=False)
        for n, line in enumerate(lines, 1):
            writer.write(line)
            if n % every == 0:
                writer.flush(zstandard.FLUSH_BLOCK)
                marks.append(out.tell())
        writer.flush(zstandard.FLUSH_FRAME)
        return out.getvalue(), marks
    packer = zlib.compressobj(wbits=31)
    for n, line in enumerate(lines, 1):
        out.write(packer.compress(line))
        if n % every == 0:
            out.write(packer.flush(zlib.Z_FULL_FLUSH))
            marks.append(out.tell())
    out.write(packer.flush())
    return out.getvalue(), marks


def unpack(data: bytes, kind: str) -> bytes:
    return b"".join(iter_decompressed(io.BytesIO(data), kind))


def test_magic_bytes_name_the_format() -> None:
    assert compression_of(gzip.compress(b"x")) == "gzip"
    assert compression_of(zstandard.ZstdCompressor().compress(b"x")) == "zstd"
    assert compression_of(b"<html>") is None and compression_of(b"") is None


@pytest.mark.parametrize("kind, unit", [("zstd", "frame"), ("gzip", "member")])
def test_a_stream_cut_where_the_lines_end_is_truncated_not_short(kind: str, unit: str) -> None:
    data, marks = flushed(kind, LINES)
    assert unpack(data, kind) == b"".join(LINES)
    with pytest.raises(InputError) as info:
        unpack(data[: marks[1]], kind)
    assert str(info.value) == f"truncated {kind} stream: ended before the end of its last {unit}"


@pytest.mark.parametrize("kind", ["zstd", "gzip"])
def test_the_stream_gives_every_byte_before_the_damage_then_the_error(kind: str) -> None:
    data, marks = flushed(kind, LINES)
    stream = open_stream(io.BytesIO(data[: marks[1]]))
    assert stream.read(1 << 20) == b"".join(LINES[:200])
    with pytest.raises(InputError, match=f"truncated {kind} stream"):
        stream.read(1 << 20)


def test_frames_one_after_another_skippable_and_empty_ones_included() -> None:
    pack = zstandard.ZstdCompressor().compress
    skippable = struct.pack("<II", 0x184D2A50, 5) + b"notes"
    assert unpack(pack(b"a") + skippable + pack(b"") + pack(b"b"), "zstd") == b"ab"
    assert unpack(gzip.compress(b"a") + gzip.compress(b"") + gzip.compress(b"b"), "gzip") == b"ab"


def test_zero_padding_after_gzip_is_allowed_as_gzip_allows_it() -> None:
    assert unpack(gzip.compress(b"text") + bytes(512), "gzip") == b"text"


@pytest.mark.parametrize("kind, data", [
    ("gzip", gzip.compress(b"text") + b"garbage"),
    ("zstd", zstandard.ZstdCompressor().compress(b"text") + b"garbage"),
])
def test_bytes_after_the_last_member_or_frame_are_corrupt(kind: str, data: bytes) -> None:
    with pytest.raises(InputError, match=f"^corrupt {kind} stream: bytes after its last"):
        unpack(data, kind)


def test_a_damaged_block_fails_its_checksum() -> None:
    data = bytearray(zstandard.ZstdCompressor(write_checksum=True).compress(b"".join(LINES)))
    data[-4] ^= 0xFF  # the content checksum
    with pytest.raises(InputError, match="^corrupt zstd stream: .*checksum"):
        unpack(bytes(data), "zstd")
    packed = bytearray(gzip.compress(b"".join(LINES)))
    packed[-8] ^= 0xFF  # the CRC-32
    with pytest.raises(InputError, match="^corrupt gzip stream: incorrect data check"):
        unpack(bytes(packed), "gzip")


@pytest.mark.parametrize("kind", ["zstd", "gzip"])
def test_output_comes_in_bounded_pieces(kind: str) -> None:
    data = zstandard.ZstdCompressor().compress(bytes(50_000_000)) if kind == "zstd" else gzip.compress(bytes(50_000_000), 1)
    sizes = [len(piece) for piece in iter_decompressed(io.BytesIO(data), kind)]
    assert sum(sizes) == 50_000_000 and max(sizes) <= (1 << 25)


def test_plain_input_passes_through() -> None:
    assert open_stream(io.BytesIO(b"{}\n")).read() == b"{}\n"
