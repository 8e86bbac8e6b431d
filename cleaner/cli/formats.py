"""How a result is written: plain text, a JSON document, or a JSON line."""
from __future__ import annotations

import json
import os

from ..result import Result

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


def record(result: Result, path: str | None) -> dict:
    """The JSON record of a result: path (see shown_path), text, metadata, removals, site."""
    return {"path": None if path is None else shown_path(path), **result.to_dict()}


def render(result: Result, fmt: str, path: str | None) -> str:
    """Serialise one result in the given format."""
    if fmt == "txt":
        return result.text
    if fmt == "json":
        return json.dumps(record(result, path), ensure_ascii=False, allow_nan=False, indent=2) + "\n"
    return json.dumps(record(result, path), ensure_ascii=False, allow_nan=False) + "\n"
