"""The I/O layer: reading and decoding inputs, walking folders, writing outputs atomically."""

from __future__ import annotations

from cleaner.io.atomic import AtomicWriter, SyncBatch, write_atomic
from cleaner.io.decode import (
    Decoded,
    decode_bytes,
    looks_like_html,
    sniff_declared_charset,
)
from cleaner.io.errors import InputError
from cleaner.io.read import read_input, read_stdin
from cleaner.io.sizes import format_size, parse_size
from cleaner.io.walk import InputFile, iter_inputs, plan_output_names, safe_output_path

__all__ = [
    "AtomicWriter",
    "Decoded",
    "InputError",
    "InputFile",
    "decode_bytes",
    "format_size",
    "parse_size",
    "iter_inputs",
    "looks_like_html",
    "read_input",
    "read_stdin",
    "plan_output_names",
    "safe_output_path",
    "sniff_declared_charset",
    "SyncBatch",
    "write_atomic",
]
