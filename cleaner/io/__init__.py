"""The I/O layer: reading and decoding inputs, walking folders, writing outputs atomically."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.lazy import lazy_attributes

# Public name -> its module, imported on first use (PEP 562): `cleaner check` reads a file and
# never writes one, so it does not import the atomic writer (tempfile, shutil, gzip) at start-up.
_EXPORTS = {
    "AtomicWriter": ".atomic", "SyncBatch": ".atomic", "write_atomic": ".atomic",
    "Decoded": ".decode", "decode_bytes": ".decode", "looks_like_html": ".decode", "sniff_declared_charset": ".decode",
    "InputError": ".errors",
    "read_input": ".read", "read_stdin": ".read",
    "format_size": ".sizes", "parse_size": ".sizes",
    "InputFile": ".walk", "iter_inputs": ".walk", "plan_output_names": ".walk", "safe_output_path": ".walk",
}

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


__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, globals())


if TYPE_CHECKING:
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
