"""JSON Lines files: read line by line (gzip/zstd by content); written by io.atomic.AtomicWriter."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import BinaryIO, Iterator

from cleaner.io.compression import compression_of, open_stream

_NAMES = (".jsonl", ".ndjson")
_COMPRESSED = (".gz", ".zst")


def is_jsonl_name(name: str) -> bool:
    """Whether a file name says JSON Lines: .jsonl or .ndjson, optionally .gz or .zst."""
    lower = name.lower()
    for suffix in _COMPRESSED:
        if lower.endswith(suffix):
            lower = lower[: -len(suffix)]
    return lower.endswith(_NAMES)


BLOCK_BYTES = 1 << 20  # records travel in blocks of whole lines about this big
# A line longer than the record limit is not kept: it travels as this mark and its size (a NUL
# byte never starts a JSON text), so a 5 GB line costs no memory and is still reported.
_OVERSIZE = b"\x00oversize:"


def oversize_line(size: int) -> bytes:
    """The stand-in for a line of size bytes that was too long to keep."""
    return _OVERSIZE + str(size).encode()


def oversize_of(line: bytes) -> int | None:
    """The size of the line a stand-in replaced, or None for a real line."""
    return int(line[len(_OVERSIZE):]) if line.startswith(_OVERSIZE) else None


def iter_blocks(stream: BinaryIO, *, size: int | None = None,
                max_line: int | None = None) -> Iterator[tuple[int, bytes]]:
    """Blocks of whole lines, each with the number of its first line.

    Streamed: a block is about size bytes (more when one line is longer); the parent of a
    parallel run hands blocks out as they are, without looking at each line. A line longer than
    max_line comes as its oversize_line() stand-in.
    """
    number = 1
    carry: list[bytes] = []  # the line under way, in pieces: joining it at every read is quadratic
    carried = 0  # its length; beyond max_line its bytes are dropped, only counted
    size = size or BLOCK_BYTES
    while True:
        data = stream.read(size)
        if not data:
            if carried:
                yield number, _line_of(carry, carried, max_line)
            return
        cut = data.rfind(b"\n")
        if cut < 0:  # a line longer than a block: read on
            carried += len(data)
            if max_line is None or carried <= max_line:
                carry.append(data)
            else:
                carry.clear()
            continue
        first = data.find(b"\n")
        head = _line_of(carry + [data[: first + 1]], carried + first + 1, max_line, newline=True)
        block = head + data[first + 1 : cut + 1]
        rest = data[cut + 1 :]
        carry, carried = [rest], len(rest)
        yield number, block
        number += block.count(b"\n")


def _line_of(pieces: list[bytes], length: int, max_line: int | None, *, newline: bool = False) -> bytes:
    """The line the pieces make, or its stand-in when it is longer than max_line."""
    if max_line is not None and length - newline > max_line:
        return oversize_line(length - newline) + (b"\n" if newline else b"")
    return b"".join(pieces)


def split_block(first_line: int, block: bytes, *, bom_line: int = 1) -> Iterator[tuple[int, bytes]]:
    """(line number, line without its line break) for each non-blank line of a block."""
    lines = block.split(b"\n")
    del block  # the caller may let go of it too: a huge record is then not held twice
    for number, line in enumerate(lines, first_line):
        if number == bom_line and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a UTF-8 BOM is not part of the first record
        line = line.rstrip(b"\r\n")
        if line and not line.isspace():  # not line.strip(): that copies a huge line to test it
            yield number, line


def read_blocks(path: Path, *, max_line: int | None = None) -> Iterator[tuple[int, bytes]]:
    """The blocks of a JSON Lines file, decompressed if needed, never all in memory."""
    with open(path, "rb") as raw, contextlib.closing(open_stream(raw)) as stream:
        yield from iter_blocks(stream, max_line=max_line)


def read_lines(path: Path, *, max_line: int | None = None) -> Iterator[tuple[int, bytes]]:
    """The numbered non-blank lines of a JSON Lines file, decompressed if needed, streamed."""
    for first, block in read_blocks(path, max_line=max_line):
        yield from split_block(first, block)


def is_compressed(path: Path) -> bool:
    """Whether a file holds gzip or zstd data (by its magic bytes)."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    return compression_of(head) is not None


def read_range(path: Path, start: int, end: int, *, max_line: int | None = None) -> bytes:
    """The whole lines of an uncompressed file whose first byte lies in [start, end).

    The last line may run past end; when it is longer than max_line it comes as its
    oversize_line() stand-in (lines inside the range are no longer than the range).
    """
    with open(path, "rb") as handle:
        if start > 0:
            handle.seek(start - 1)
            if handle.read(1) != b"\n":
                # The line under way belongs to the range before; no line may start in this one.
                begin = _next_line_start(handle, start, end)
                if begin is None:
                    return b""
                handle.seek(begin)
        begin = handle.tell()
        if begin >= end:
            return b""
        data = handle.read(end - begin)
        if data and not data.endswith(b"\n"):  # the last line began in this range: all of it is ours
            cut = data.rfind(b"\n") + 1
            data = data[:cut] + _rest_of_line(handle, [data[cut:]], len(data) - cut, max_line)
        return data


def _next_line_start(handle: BinaryIO, pos: int, end: int) -> int | None:
    """Where the first line starting in (pos, end) begins, or None: reads no further than end."""
    while pos < end:
        piece = handle.read(min(BLOCK_BYTES, end - pos))
        if not piece:
            return None
        cut = piece.find(b"\n")
        if cut >= 0:
            return pos + cut + 1
        pos += len(piece)
    return None


def _rest_of_line(handle: BinaryIO, pieces: list[bytes], length: int, max_line: int | None) -> bytes:
    """Read to the end of the line under way: the whole line, or its stand-in when too long."""
    while True:
        piece = handle.readline(BLOCK_BYTES)
        length += len(piece)
        ended = not piece or piece.endswith(b"\n")
        if max_line is not None and length - piece.endswith(b"\n") > max_line:
            pieces.clear()  # too long to keep: only counted from here on
        else:
            pieces.append(piece)
        if ended:
            return _line_of(pieces, length, max_line, newline=piece.endswith(b"\n"))
