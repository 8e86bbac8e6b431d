"""JSON Lines files: read line by line (gzip/zstd by content), write atomically and streaming."""
from __future__ import annotations

import contextlib
import gzip
import io
import os
import secrets
from pathlib import Path
from typing import IO, BinaryIO, Iterator

from .io.writeback import Writeback

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_NAMES = (".jsonl", ".ndjson")
_COMPRESSED = (".gz", ".zst")


def is_jsonl_name(name: str) -> bool:
    """Whether a file name says JSON Lines: .jsonl or .ndjson, optionally .gz or .zst."""
    lower = name.lower()
    for suffix in _COMPRESSED:
        if lower.endswith(suffix):
            lower = lower[: -len(suffix)]
    return lower.endswith(_NAMES)


def open_stream(raw: BinaryIO) -> BinaryIO:
    """Wrap a binary stream so that gzip or zstd content (told by its magic bytes) reads decompressed."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    head = buffered.peek(4)[:4]
    if head.startswith(_GZIP_MAGIC):
        return gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[return-value]
    if head.startswith(_ZSTD_MAGIC):
        import zstandard  # lazily: most inputs are not zstd

        reader = zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]  # the zstd reader has no readline
    return buffered


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


def iter_blocks(stream: BinaryIO, *, first_line: int = 1, size: int | None = None,
                limit: int | None = None, max_line: int | None = None) -> Iterator[tuple[int, bytes]]:
    """Blocks of whole lines, each with the number of its first line; at most limit bytes read.

    Streamed: a block is about size bytes (more when one line is longer); the parent of a
    parallel run hands blocks out as they are, without looking at each line. A line longer than
    max_line comes as its oversize_line() stand-in.
    """
    number, left = first_line, limit
    carry: list[bytes] = []  # the line under way, in pieces: joining it at every read is quadratic
    carried = 0  # its length; beyond max_line its bytes are dropped, only counted
    size = size or BLOCK_BYTES
    while True:
        data = stream.read(size if left is None else min(size, left))
        if left is not None:
            left -= len(data)
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
    return head.startswith(_GZIP_MAGIC) or head.startswith(_ZSTD_MAGIC)


def split_points(path: Path, every: int) -> list[tuple[int, int]]:
    """(offset, line number) of the line starts that cut an uncompressed file into ~every-byte splits."""
    points, number, pos, target = [(0, 1)], 1, 0, every
    with open(path, "rb") as handle:
        while True:
            data = handle.read(4 << 20)
            if not data:
                return points
            while target < pos + len(data):
                cut = data.find(b"\n", max(0, target - 1 - pos))
                if cut < 0:
                    break  # the line under way ends in a later block
                points.append((pos + cut + 1, number + data.count(b"\n", 0, cut + 1)))
                target = pos + cut + 1 + every
            number += data.count(b"\n")
            pos += len(data)


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


def read_split(path: Path, start: int, first_line: int, end: int | None, *,
               max_line: int | None = None) -> Iterator[tuple[int, bytes]]:
    """The blocks of bytes [start, end) of an uncompressed file, start and end being line starts."""
    with open(path, "rb") as handle:
        handle.seek(start)
        yield from iter_blocks(handle, first_line=first_line, limit=None if end is None else end - start,
                               max_line=max_line)


class AtomicWriter:
    """A text file written through a hidden temp file, compressed by the name's suffix, renamed on commit.

    Readers see the old file or the complete new one, never a partial one, however long the
    stream; nothing is held in memory.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name[:100]}.{secrets.token_hex(4)}.tmp")
        self._raw = open(self.tmp, "xb")
        self._inner: IO[bytes] = self._raw
        lower = self.path.name.lower()
        if lower.endswith(".gz"):
            self._inner = gzip.GzipFile(fileobj=self._raw, mode="wb", mtime=0)  # type: ignore[assignment]
        elif lower.endswith(".zst"):
            import zstandard

            self._inner = zstandard.ZstdCompressor().stream_writer(self._raw, closefd=False)  # type: ignore[assignment]
        self.bytes_written = 0
        self._writeback = Writeback(self._raw.fileno())

    def write(self, text: str | bytes) -> None:
        """Append text (str as UTF-8, or bytes as they are)."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        self._inner.write(data)
        self.bytes_written += len(data)
        self._progress()

    def append_file(self, path: str) -> int:
        """Append the bytes of a file (kernel to kernel when uncompressed); return how many."""
        if self._inner is not self._raw:
            with open(path, "rb") as source:
                data = source.read()
            self.write(data)
            return len(data)
        self._raw.flush()
        with open(path, "rb") as source:
            size = os.fstat(source.fileno()).st_size
            sent = 0
            while sent < size:
                sent += os.sendfile(self._raw.fileno(), source.fileno(), sent, size - sent)
        self.bytes_written += size
        self._progress()
        return size

    def _progress(self) -> None:
        # Hand what is written so far to the disk now, while cores are still busy cleaning:
        # commit's fsync, a serial wait at the end of every run, then has little left to write.
        wb = self._writeback
        if not wb.enabled:
            return
        size = self._raw.tell()
        if size - wb.done >= wb.every:
            self._raw.flush()
            wb.advance(size)

    def commit(self) -> None:
        """Finish the file and move it into place."""
        if self._inner is not self._raw:
            self._inner.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        """Drop the temp file; the target is left as it was."""
        with contextlib.suppress(Exception):
            self._raw.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()
