"""How a result is written: plain text, a JSON document, or a JSON line."""
from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from cleaner.result import Result

if TYPE_CHECKING:
    from cleaner.io import Decoded

FORMATS = ("txt", "json", "jsonl")
SUFFIX = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl"}


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


def record(result: Result, path: str | None, decoded: Decoded | None = None) -> dict:
    """The JSON record of a result: path (see shown_path), text, metadata, removals, site.

    A page whose encoding was told from its bytes (not UTF-8, not a BOM) says which one was
    taken and how sure that is, in `encoding` and `encoding_confidence` of its metadata.
    """
    out = {"path": None if path is None else shown_path(path), **result.to_dict()}
    if decoded is not None and decoded.confidence < 1:
        out["metadata"].update(encoding=decoded.encoding, encoding_confidence=decoded.confidence)
    return out


def render(result: Result, fmt: str, path: str | None, decoded: Decoded | None = None) -> str:
    """Serialise one result in the given format."""
    if fmt == "txt":
        return result.text
    if fmt == "json":
        return json.dumps(record(result, path, decoded), ensure_ascii=False, allow_nan=False, indent=2) + "\n"
    return json.dumps(record(result, path, decoded), ensure_ascii=False, allow_nan=False) + "\n"
