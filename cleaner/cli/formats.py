"""How a result is written: plain text, a JSON document, or a JSON line."""
from __future__ import annotations

import json

from ..result import Result

FORMATS = ("txt", "json", "jsonl")
SUFFIX = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl"}


def record(result: Result, path: str | None) -> dict:
    """The JSON record of a result: path, text, metadata, removals, site."""
    return {"path": path, **result.to_dict()}


def render(result: Result, fmt: str, path: str | None) -> str:
    """Serialise one result in the given format."""
    if fmt == "txt":
        return result.text
    if fmt == "json":
        return json.dumps(record(result, path), ensure_ascii=False, allow_nan=False, indent=2) + "\n"
    return json.dumps(record(result, path), ensure_ascii=False, allow_nan=False) + "\n"
