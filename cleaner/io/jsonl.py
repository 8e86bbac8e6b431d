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
            carried = _carry_on(carry, carried, data, max_line)
            continue
        first = data.find(b"\n")
        view = memoryview(data)
        if max_line is not None and carried + first > max_line:  # the line under way is too long to keep
            pieces = [oversize_line(carried + first) + b"\n", view[first + 1 : cut + 1]]
        else:
            pieces = [*carry, view[: cut + 1]]
        block = b"".join(pieces)  # one copy of the read: slicing, then adding, made two
        del pieces, view
        rest = data[cut + 1 :]
        carry, carried = [rest], len(rest)
        yield number, block
        number += block.count(b"\n")


def _carry_on(carry: list[bytes], carried: int, data: bytes, max_line: int | None) -> int:
    """A read without a line break joins the line under way (once that line is over max_line its
    bytes are dropped, only counted); returns the line's length so far."""
    carried += len(data)
    if max_line is None or carried <= max_line:
        carry.append(data)
    else:
        carry.clear()
    return carried


def _line_of(pieces: list[bytes], length: int, max_line: int | None, *, newline: bool = False) -> bytes:
    """The line the pieces make, or its stand-in when it is longer than max_line."""
    if max_line is not None and length - newline > max_line:
        return oversize_line(length - newline) + (b"\n" if newline else b"")
    return b"".join(pieces)


def split_block(first_line: int, block: bytes, *, bom_line: int = 1) -> Iterator[tuple[int, bytes]]:
    """(line number, line without its line break) for each non-blank line of a block."""
    lines = block.split(b"\n")
    del block  # the caller may let go of it too: a huge record is then not held twice
    return numbered(lines, first_line, bom_line=bom_line)


def numbered(lines: list[bytes], first_line: int = 1, *, bom_line: int = 1) -> Iterator[tuple[int, bytes]]:
    """(line number, line without its line break) for each non-blank line; the list is emptied as it goes."""
    lines.reverse()  # popped, not iterated: a line is held here no longer than it is by the caller
    number = first_line
    while lines:
        line = lines.pop()
        if number == bom_line and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a UTF-8 BOM is not part of the first record
        line = line.rstrip(b"\r\n")
        if line and not line.isspace():  # not line.strip(): that copies a huge line to test it
            yield number, line
        number += 1


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


PIECE_BYTES = 1 << 18  # a range is read this much at a time: below the 1 MB above which blocks are mapped
# afresh (cli.clean sets glibc's threshold there), whose page faults cost more than the copy


def range_lines(path: Path, start: int, end: int, *, max_line: int | None = None) -> list[bytes]:
    """Every line (blank ones too, without its newline) of an uncompressed file that starts in [start, end).

    The last line may run past end; a line over max_line that spans reads comes as its
    oversize_line() stand-in.
    """
    with open(path, "rb") as handle:
        begin = start
        if start > 0:
            handle.seek(start - 1)
            if handle.read(1) != b"\n":
                # The line under way belongs to the range before; no line may start in this one.
                begin = _next_line_start(handle, start, end)
                if begin is None:
                    return []
        if begin >= end:
            return []
        handle.seek(begin)
        return list(iter_lines(_Range(handle, end - begin), max_line=max_line))


def iter_lines(stream: BinaryIO, *, size: int = PIECE_BYTES, max_line: int | None = None) -> Iterator[bytes]:
    """Every line of a stream without its newline, blank ones too; one over max_line that spans reads as its stand-in.

    Lines are found with find() (memchr): split() and count() step through the bytes one at a
    time, five times as many instructions for lines of kilobytes.
    """
    carry: list[bytes] = []  # the line under way, in pieces
    carried = 0  # its length; beyond max_line its bytes are dropped, only counted
    while True:
        data = stream.read(size)
        if not data:
            if carried:
                yield _line_of(carry, carried, max_line)
            return
        find = data.find
        cut = find(b"\n")
        if cut < 0:
            carried = _carry_on(carry, carried, data, max_line)
            continue
        yield _line_of([*carry, data[:cut]], carried + cut, max_line) if carried else data[:cut]
        begin = cut + 1
        while (cut := find(b"\n", begin)) >= 0:
            yield data[begin:cut]
            begin = cut + 1
        carry, carried = ([data[begin:]], len(data) - begin) if begin < len(data) else ([], 0)


class _Range:
    """A file read from where it stands for `length` bytes, then on to the end of the line under way."""

    def __init__(self, handle: BinaryIO, length: int) -> None:
        self.handle, self.left, self.ended = handle, length, True

    def read(self, size: int) -> bytes:
        if self.left > 0:
            data = self.handle.read(min(size, self.left))
            self.left -= len(data)
            self.left *= bool(data)  # the file ended early
        elif self.ended:
            return b""
        else:
            data = self.handle.readline(size)
        self.ended = not data or data.endswith(b"\n")
        return data


def _next_line_start(handle: BinaryIO, pos: int, end: int) -> int | None:
    """Where the first line starting in (pos, end) begins, or None: reads no further than end."""
    while pos < end:
        piece = handle.read(min(PIECE_BYTES >> 2, end - pos))  # a line is seldom longer: read little
        if not piece:
            return None
        cut = piece.find(b"\n")
        if cut >= 0:
            return pos + cut + 1
        pos += len(piece)
    return None
