"""How a result is written: plain text, a JSON document, or a JSON line."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..result import Result

if TYPE_CHECKING:
    from ..io import Decoded

FORMATS = ("txt", "json", "jsonl")
SUFFIX = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl"}


def record(result: Result, path: str | None, decoded: Decoded | None = None) -> dict:
    """The JSON record of a result: path, text, metadata, removals, site.

    A page whose encoding was told from its bytes (not UTF-8, not a BOM) says which one was
    taken and how sure that is, in `encoding` and `encoding_confidence` of its metadata.
    """
    out = {"path": path, **result.to_dict()}
    if decoded is not None and decoded.confidence < 1:
        out["metadata"].update(encoding=decoded.encoding, encoding_confidence=decoded.confidence)
    return out


def render(result: Result, fmt: str, path: str | None, decoded: Decoded | None = None) -> str:
    """Serialise one result in the given format."""
    if fmt == "txt":
        return result.text
    if fmt == "json":
        return json.dumps(record(result, path, decoded), ensure_ascii=False, indent=2) + "\n"
    return json.dumps(record(result, path, decoded), ensure_ascii=False) + "\n"
