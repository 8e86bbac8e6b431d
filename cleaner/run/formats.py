"""How a result is written: plain text, a JSON document, or a JSON line."""
from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from cleaner.io.jsonl import is_jsonl_name
from cleaner.result import Fields, Result

if TYPE_CHECKING:
    from cleaner.io import Decoded

FORMATS = ("txt", "json", "jsonl")
SUFFIX = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl"}


def output_format(fmt: str | None, output: os.PathLike[str] | None) -> str:
    """The format asked for, or the one the -o name says: .jsonl[.gz|.zst] is jsonl, .json json, else txt."""
    if fmt is not None:
        return fmt
    name = os.fspath(output).lower() if output is not None else ""
    if is_jsonl_name(name):
        return "jsonl"
    return "json" if name.endswith(".json") else "txt"


def one_file(fmt: str, output: os.PathLike[str] | None) -> bool:
    """Whether -o names one output file (JSON Lines, or one page's JSON document) rather than a folder."""
    if output is None:
        return False
    name = os.path.basename(os.fspath(output)).lower()
    return fmt == "jsonl" or is_jsonl_name(name) or (fmt == "json" and name.endswith(".json"))


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as valid UTF-8 text: bytes of the name that are not UTF-8 appear as \\xNN escapes.

    Python holds such bytes as lone surrogates (os.fsdecode), which neither UTF-8 output nor
    JSON parsers accept; backslashreplace keeps every byte, so b"caf\\xe9.txt" reads
    "caf\\\\xe9.txt" (a name that really holds a backslash followed by "xNN" looks the same).
    """
    text = os.fspath(path)
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file name produced: keep it visible
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def record(result: Result, path: str | None, decoded: Decoded | None = None, fields: Fields = Fields()) -> dict:
    """The record of a page: `path` (see shown_path), then what a record of its text would hold.

    A page whose encoding was told from its bytes (not UTF-8, not a BOM) says which one was
    taken and how sure that is, in `encoding` and `encoding_confidence` of its metadata.
    """
    out = {"path": None if path is None else shown_path(path), **fields.of(result)}
    if decoded is not None and decoded.confidence < 1:
        out[f"{fields.prefix}metadata"].update(encoding=decoded.encoding, encoding_confidence=decoded.confidence)
    return out


def render(result: Result, fmt: str, path: str | None, decoded: Decoded | None = None, fields: Fields = Fields()) -> str:
    """Serialise one result in the given format."""
    if fmt == "txt":
        return result.text
    indent = 2 if fmt == "json" else None
    return json.dumps(record(result, path, decoded, fields), ensure_ascii=False, allow_nan=False, indent=indent) + "\n"
