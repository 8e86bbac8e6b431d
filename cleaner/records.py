"""Records: JSON objects holding a page in `text` or `html`, cleaned into records of the same shape.

A record keeps every field it came with; the cleaner replaces (or adds) `text` with the clean
text and adds `cleaner_metadata` and `cleaner_removed`. They are not called `metadata`: the
records of datatrove, dolma and many Hugging Face data sets already carry a `metadata` field,
which must pass through untouched.
"""
from __future__ import annotations

import json
from typing import Any, Literal, Mapping

from .document import clean_document
from .io import format_size
from .jsonl import oversize_of
from .result import Result
from .ruleset.ruleset import RuleSet

Kind = Literal["auto", "text", "html"]

TEXT, HTML, URL = "text", "html", "url"
METADATA, REMOVED = "cleaner_metadata", "cleaner_removed"


class RecordError(ValueError):
    """A record that cannot be cleaned: not JSON, not an object, no text or html, wrong types."""


def page_of(record: object, kind: Kind = "auto") -> tuple[str, str | None, Kind]:
    """The page of a record, its URL and how to read it; `text` wins over `html` when both are there."""
    if not isinstance(record, Mapping):
        raise RecordError(f"record is a JSON {_json_type(record)}, not an object")
    if TEXT in record and record[TEXT] is not None:
        field, page_kind = TEXT, kind
    elif HTML in record and record[HTML] is not None:
        field, page_kind = HTML, "html"
    else:
        raise RecordError('record has no "text" or "html" field')
    page = record[field]
    if not isinstance(page, str):
        raise RecordError(f'"{field}" is a JSON {_json_type(page)}, not a string')
    url = record.get(URL)
    if url is not None and not isinstance(url, str):
        raise RecordError(f'"url" is a JSON {_json_type(url)}, not a string')
    return page, url or None, page_kind


def clean_record(record: Mapping[str, Any], rules: RuleSet, *, kind: Kind = "auto") -> dict[str, Any]:
    """Clean the page a record holds; every input field is kept, `text` replaced, two fields added."""
    page, url, page_kind = page_of(record, kind)
    return cleaned_record(record, clean_document(page, rules, url=url, kind=page_kind))


def cleaned_record(record: Mapping[str, Any], result: Result) -> dict[str, Any]:
    """The output record for a record and its result."""
    out = dict(record)
    out[TEXT] = result.text
    out[METADATA] = dict(result.metadata)
    out[REMOVED] = [r.to_dict() for r in result.removals]
    return out


def parse_record(line: bytes | str) -> Any:
    """Parse one JSON line, raising RecordError with a short reason."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError as exc:
        raise RecordError(f"line is not UTF-8 (byte {exc.start + 1})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply") from None


def clean_line(line: bytes, rules: RuleSet, *, kind: Kind = "auto", max_bytes: int | None = None) -> tuple[str, Result]:
    """Clean one JSON line into an output JSON line (with its newline) and the result."""
    size = oversize_of(line) or len(line)  # a line too long to keep arrives as a stand-in
    if max_bytes is not None and size > max_bytes:
        raise RecordError(f"record is {format_size(size)}, over the {format_size(max_bytes)} limit (--max-size)")
    record = parse_record(line)
    del line  # the caller may hold none: a huge record's bytes then go before it is cleaned
    page, url, page_kind = page_of(record, kind)
    result = clean_document(page, rules, url=url, kind=page_kind)
    return dumps(cleaned_record(record, result)), result


def dumps(record: Mapping[str, Any]) -> str:
    """One record as a JSON line, UTF-8 text kept as is."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "object" if isinstance(value, Mapping) else type(value).__name__
