"""Read an input file or stream into text: size limit, decompression, decoding."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import BinaryIO

from cleaner.io.compression import compression_of, iter_decompressed
from cleaner.io.decode import (
    Decoded,
    decode_bytes,
    looks_like_html,
    sniff_declared_charset,
)
from cleaner.io.errors import InputError
from cleaner.io.sizes import format_size

_CHUNK = 1 << 16
_SNIFF = 4096


def read_input(path: Path, *, max_bytes: int, repair: bool = True) -> Decoded:
    """Read, decompress (gzip/zstd, by content) and decode a file of at most max_bytes.

    `repair`: undo mojibake (off for files rewritten in place, which must keep their text).
    """
    try:
        with open(path, "rb") as handle:
            size = _size_of(handle)
            if size is not None and size > max_bytes:
                raise InputError(f"file is {format_size(size)}, over the "
                                 f"{format_size(max_bytes)} limit (--max-size)")
            # A regular file is read in one piece: growing a buffer and copying it out would hold
            # the page twice. What follows (a file that grew) is read as from a pipe.
            raw = handle.read(size) if size is not None else b""
            try:
                rest = _read_bounded(handle, max_bytes - len(raw), what="file")
            except InputError:
                raise _too_big("file", max_bytes) from None
            raw = raw + rest if rest else raw
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a file") from exc
    except OSError as exc:
        # The OSError text would repeat the path, which the CLI prints itself.
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    return decode_payload(raw, max_bytes=max_bytes, repair=repair)


def read_stdin(stream: BinaryIO | io.TextIOBase, max_bytes: int) -> Decoded:
    """Read standard input (or any binary stream) like read_input reads a file."""
    binary = getattr(stream, "buffer", stream)  # sys.stdin is a text wrapper
    try:
        raw = _read_bounded(binary, max_bytes, what="input")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    return decode_payload(raw, max_bytes=max_bytes)


def decode_payload(raw: bytes, *, max_bytes: int, repair: bool = True) -> Decoded:
    """Decompress raw bytes if they are gzip or zstd, then decode them to text."""
    kind = compression_of(raw)
    if kind is not None:
        raw = _decompress(raw, kind, max_bytes)
    head = raw[:_SNIFF]
    # Only markup is trusted to declare its charset: plain text that merely mentions
    # "charset=" is not a declaration. Latin-1 maps bytes 1:1, enough to see the tags.
    declared = sniff_declared_charset(head) if looks_like_html(head.decode("latin-1")) else None
    return decode_bytes(raw, declared=declared, repair=repair)


def _size_of(handle: BinaryIO) -> int | None:
    """The size of a regular file, or None for pipes and devices (size unknown)."""
    info = os.fstat(handle.fileno())
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _too_big(what: str, max_bytes: int) -> InputError:
    """The error for content over the size limit."""
    return InputError(f"{what} is over the {format_size(max_bytes)} limit (--max-size)")


def _read_bounded(stream: BinaryIO, max_bytes: int, *, what: str) -> bytes:
    """Read to EOF, but raise as soon as more than max_bytes arrive (file grew, pipe)."""
    buf = bytearray()
    while True:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > max_bytes:
            raise _too_big(what, max_bytes)


def _decompress(raw: bytes, kind: str, max_bytes: int) -> bytes:
    """Decompress a whole gzip or zstd payload, refused as soon as it passes max_bytes (a bomb)."""
    out = bytearray()
    for piece in iter_decompressed(io.BytesIO(raw), kind):
        out += piece
        if len(out) > max_bytes:
            raise _too_big(f"decompressed {kind} content", max_bytes)
    return bytes(out)
