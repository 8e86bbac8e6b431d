"""Records: JSON objects holding a page in `text` or `html`, cleaned into records of the same shape.

A record keeps every field it came with; the cleaner replaces (or adds) `text` with the clean
text and adds its own fields under one prefix (`cleaner_site`, `cleaner_metadata`,
`cleaner_removed`; see result.Fields). They are not called `metadata`: the records of
datatrove, dolma and many Hugging Face data sets already carry a `metadata` field, which must
pass through untouched.
"""
from __future__ import annotations

import json
import re
from typing import Any, Mapping

from cleaner.core.cleaner import Cleaner
from cleaner.errors import InputError, RecordError
from cleaner.io import format_size
from cleaner.io.jsonl import oversize_of
from cleaner.io.read import decode_payload
from cleaner.options import Markup
from cleaner.result import Fields, Result

TEXT, HTML, URL = "text", "html", "url"
MAX_PAGE_BYTES = 1 << 30  # a page given as bytes is decompressed no further than this

__all__ = ["RecordError", "page_of", "page_text", "clean_record", "cleaned_record", "parse_record", "clean_line", "dumps",
           "record_line"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# JSON's only way to a lone surrogate is a \uD800-\uDFFF escape (json.loads pairs valid pairs).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


class _NonFinite(Exception):
    """NaN, Infinity or -Infinity in a JSON line: Python reads them, JSON has no such values."""


def _refuse_constant(name: str) -> Any:
    raise _NonFinite(name)


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)  # made once: json.loads(**kw) makes one a call


def without_surrogates(text: str) -> str:
    """text with every lone surrogate (from a "\\ud800" escape) replaced by U+FFFD, so it encodes as UTF-8."""
    if text.isascii():  # O(1): CPython knows it
        return text
    try:
        text.encode("utf-8")  # 5x faster than a regex search over CJK text; fails only on surrogates
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def page_text(value: object, what: str = "page") -> str:
    """A page as text: a str (lone surrogates made U+FFFD), or bytes decoded as the CLI decodes a file.

    Raises TypeError (naming `what`) for any other type, InputError for bytes that are not text.
    """
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return decode_payload(bytes(value), max_bytes=MAX_PAGE_BYTES).text
    raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")


def page_of(record: object, markup: Markup = "auto", *, parsed: bool = False, text: str = TEXT,
            html: str = HTML) -> tuple[str, str | None, Markup]:
    """The page of a record, its URL and how to read it; the `text` field wins over `html` when both are there.

    parsed: the record comes from parse_record, whose strings are already mended.
    """
    if type(record) is not dict and not isinstance(record, Mapping):  # typing.Mapping: ~2 µs a check
        raise RecordError(f"record is {_type_label(record)}, not an object")
    if text in record and record[text] is not None:
        field, read_as = text, markup
    elif html in record and record[html] is not None:
        field, read_as = html, "html"
    else:
        raise RecordError(f'record has no "{text}" or "{html}" field')
    page = record[field]
    if not (parsed and isinstance(page, str)):
        try:
            page = page_text(page)
        except TypeError:
            raise RecordError(f'"{field}" is {_type_label(page)}, not a string') from None
        except InputError as exc:
            raise RecordError(f'"{field}": {exc}') from None
    url = record.get(URL)
    if url is not None and not isinstance(url, str):
        raise RecordError(f'"url" is {_type_label(url)}, not a string')
    return page, url or None, read_as


def clean_record(record: Mapping[str, Any], cleaner: Cleaner, fields: Fields = Fields()) -> dict[str, Any]:
    """Clean the page a record holds; every input field is kept, `text` replaced, ours added."""
    page, url, markup = page_of(record, cleaner.options.markup)
    return cleaned_record(record, cleaner.reading(markup).clean(page, url), fields)


def cleaned_record(record: Mapping[str, Any], result: Result, fields: Fields = Fields(), text: str = TEXT) -> dict[str, Any]:
    """The output record for a record and its result: the record's fields (the clean text in `text`), then ours."""
    out = dict(record)
    ours = fields.of(result)
    out[text] = ours.pop(TEXT)
    out.update(ours)
    return out


def parse_record(line: bytes | str) -> Any:
    """Parse one JSON line, raising RecordError with a short reason."""
    return _read(line)[0]


def _read(line: bytes | str) -> tuple[Any, bool]:
    """The record of a JSON line, and whether orjson read it: then it holds nothing that orjson cannot write."""
    # orjson reads a seed-sized line 3-4x faster than json, UTF-8 decoding included. It refuses
    # what json refuses, and lone surrogates too; a line it refuses goes the json way, which
    # mends those and words the error. It reads an integer beyond 64 bits as a float, which
    # json keeps exact: a record holding such a float is read again the json way.
    import orjson  # here: only runs that read records pay for importing it (uuid, platform)

    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return _parse_slowly(line), False
    if _wide_float(record):
        return _parse_slowly(line), False
    return record, True


def _parse_slowly(line: bytes | str) -> Any:
    """parse_record with json: its error messages, and lone surrogates made U+FFFD."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError as exc:
        raise RecordError(f"line is not UTF-8 (byte {exc.start + 1})") from None
    try:
        record = _DECODER.decode(text)
        # Lone surrogates would make the output invalid UTF-8: they become U+FFFD, in every field.
        return _mend(record) if _escapes_surrogate(line) else record
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except _NonFinite as exc:
        where = _constant_column(text)
        raise RecordError(f"invalid JSON: {exc} is not a JSON value (column {where}; write null, or a string)") from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply") from None


_WIDE = float(1 << 63)  # orjson reads integers up to 64 bits exactly; a float this big may be a wider one


def _wide_float(value: Any) -> bool:
    """Whether a JSON value holds a float beyond ±2**63, or one that is not finite (walked, not recursed)."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif kind is float and not -_WIDE < item < _WIDE:
            return True
    return False


def _escapes_surrogate(line: bytes | str) -> bool:
    """Whether a JSON line holds a \\uD800-\\uDFFF escape (a lone one, or half of a pair)."""
    # ~1 µs on a 2.4 kB UTF-8 line, ~11 µs on 4.5 kB of \\u-escaped CJK: 1-3 % of cleaning the record.
    data = line if isinstance(line, bytes) else line.encode("utf-8", "replace")
    return _SURROGATE_ESCAPE.search(data) is not None


_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _constant_column(text: str) -> int:
    """The column of the first NaN or Infinity outside a string (the error path only)."""
    for m in _STRING_OR_CONSTANT.finditer(text):
        if m.group(1):
            return m.start(1) + 1
    return 1


def _mend(value: Any) -> Any:
    """A parsed JSON value with lone surrogates in its strings and keys replaced by U+FFFD."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, list):
        return [_mend(v) for v in value]
    if isinstance(value, dict):
        return {without_surrogates(k): _mend(v) for k, v in value.items()}
    return value


def clean_line(line: bytes, cleaner: Cleaner, fields: Fields = Fields()) -> tuple[bytes, Result]:
    """Clean one JSON line into an output JSON line (UTF-8, with its newline) and the result."""
    options = cleaner.options
    size = oversize_of(line) or len(line)  # a line too long to keep arrives as a stand-in
    if size > options.max_size:
        raise RecordError(f"record is {format_size(size)}, over the {format_size(options.max_size)} limit (--max-size)")
    record, plain = _read(line)
    del line  # the caller may hold none: a huge record's bytes then go before it is cleaned
    page, url, markup = page_of(record, options.markup, parsed=True)
    result = cleaner.reading(markup).clean(page, url)
    return record_line(cleaned_record(record, result, fields), checked=plain), result


def record_line(record: Mapping[str, Any], *, checked: bool = False) -> bytes:
    """One record as a strict JSON line in UTF-8 (compact: no space after `,` and `:`); RecordError if it cannot be one.

    checked: the record's own fields were read by orjson (see _read), so need no walk.
    """
    import orjson

    # orjson writes a seed record ~8x faster than json.dumps, and gives the UTF-8 bytes at once.
    # It would write a non-finite float as null, and refuses integers beyond 64 bits: records
    # holding either (only json reads them) are written by json.dumps.
    if type(record) is dict and (checked or not _wide_float(record)):
        try:
            return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
        except TypeError:  # a type orjson does not write (an int beyond 64 bits, a key that is not a str)
            pass
    return dumps(record).encode("utf-8")


def dumps(record: Mapping[str, Any]) -> str:
    """One record as a strict JSON line, UTF-8 text kept as is; RecordError if it cannot be one."""
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError:
        # json.loads reads a number beyond a double (1e400) as infinity, which JSON cannot hold.
        raise RecordError("a number in the record is out of range for a 64-bit float (write it as a string)") from None


def _type_label(value: object) -> str:
    """What a value is, in JSON's words where it is a JSON value: "a JSON number", "a Python set"."""
    if value is None:
        return "a JSON null"
    if isinstance(value, bool):
        return "a JSON boolean"
    if isinstance(value, (int, float)):
        return "a JSON number"
    if isinstance(value, str):
        return "a JSON string"
    if isinstance(value, (list, tuple)):
        return "a JSON array"
    return "a JSON object" if isinstance(value, Mapping) else f"a Python {type(value).__name__}"
