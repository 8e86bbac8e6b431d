"""The library API: load rules once, then clean a page, a stream of pages or records, or a batch."""
from __future__ import annotations

import json
import math
import os
import threading
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Mapping, Sequence, Union

from cleaner.core.document import clean_document
from cleaner.errors import RecordError, RuleFileErrors
from cleaner.run.records import HTML, METADATA, REMOVED, TEXT, URL, Kind, clean_record, page_of, page_text
from cleaner.core.result import Result
from cleaner.ruleset.ruleset import RuleSet

# A page for clean_iter: its text or HTML (str, or bytes decoded as the CLI decodes files), or a
# record-like mapping {"text"|"html", "url"?}.
PageLike = Union[str, bytes, Mapping[str, Any]]
OnError = Literal["raise", "skip", "mark"]
ERROR = "cleaner_error"  # the field clean_records(on_error="mark") adds to a record it could not clean
KINDS = ("auto", "text", "html")
ON_ERROR = ("raise", "skip", "mark")

_default: RuleSet | None = None
_default_lock = threading.Lock()


def _renew_lock() -> None:
    """A fresh lock in a forked child: one forked while another thread held it would wait for ever."""
    global _default_lock
    _default_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_renew_lock)


def default_rules() -> RuleSet:
    """The bundled rules, loaded once per process, whichever thread asks first."""
    global _default
    rules = _default
    if rules is None:
        with _default_lock:  # threads that ask at once wait for one load instead of each doing one
            if _default is None:
                _default = load_rules()
            rules = _default
    return rules


def load_rules(*folders: str | os.PathLike[str], bundled: bool = True, main_content: bool = True) -> RuleSet:
    """Load the bundled rules (unless bundled=False) and the given folders; raise on any bad file.

    main_content=False applies the rules only, even where a file asks for main-content selection.
    A folder without rule files gives a UserWarning.
    """
    for folder in folders:
        if not isinstance(folder, (str, os.PathLike)):
            raise TypeError(f"load_rules: folders must be paths (str or os.PathLike), not {type(folder).__name__}")
    for name, flag in (("bundled", bundled), ("main_content", main_content)):
        if not isinstance(flag, bool):
            raise TypeError(f"load_rules: {name} must be True or False, not {flag!r}")
    rules = RuleSet.load([Path(f) for f in folders], bundled=bundled, main_content=main_content)
    if rules.errors:
        raise RuleFileErrors(rules.errors)
    for message in rules.warnings:
        warnings.warn(message, UserWarning, stacklevel=2)
    return rules


def clean(page: str | bytes, rules: RuleSet | None = None, *, url: str | None = None, kind: Kind = "auto") -> Result:
    """Clean one page, scraped text or HTML (kind 'auto' tells them apart by content); bytes are decoded as files are."""
    rules = _rules(rules, "clean")
    _check_kind(kind, "clean")
    _check_url(url, "clean")
    return clean_document(page_text(page, "clean: page"), rules, url=url or None, kind=kind)


def clean_iter(pages: Iterable[PageLike], rules: RuleSet | None = None, *, kind: Kind = "auto") -> Iterator[Result]:
    """Clean pages lazily and in order: a generator that holds one page at a time."""
    rules = _rules(rules, "clean_iter")
    _check_kind(kind, "clean_iter")
    _check_stream(pages, "clean_iter", "pages")
    return _clean_iter(pages, rules, kind)


def _clean_iter(pages: Iterable[PageLike], rules: RuleSet, kind: Kind) -> Iterator[Result]:
    for n, item in enumerate(pages):
        if isinstance(item, Mapping):
            try:
                page, url, page_kind = page_of(item, kind)
            except RecordError as exc:
                raise RecordError(f"page {n}: {exc}") from None
            yield clean_document(page, rules, url=url, kind=page_kind)
        else:
            what = f"clean_iter: page {n}"
            if not isinstance(item, (str, bytes, bytearray)):
                raise TypeError(f"{what} must be str, bytes or a mapping with text or html, not {type(item).__name__}")
            yield clean_document(page_text(item, what), rules, kind=kind)


def clean_records(records: Iterable[Mapping[str, Any]], rules: RuleSet | None = None, *,
                  kind: Kind = "auto", on_error: OnError = "raise") -> Iterator[dict[str, Any]]:
    """Clean records lazily and in order; a bad record raises, is skipped, or passes through marked."""
    rules = _rules(rules, "clean_records")
    _check_kind(kind, "clean_records")
    if on_error not in ON_ERROR:
        raise ValueError(f"clean_records: on_error must be one of {', '.join(map(repr, ON_ERROR))}; got {on_error!r}")
    _check_stream(records, "clean_records", "records")
    return _clean_records(records, rules, kind, on_error)


def _clean_records(records: Iterable[Mapping[str, Any]], rules: RuleSet, kind: Kind, on_error: OnError) -> Iterator[dict[str, Any]]:
    for n, record in enumerate(records):
        try:
            yield clean_record(record, rules, kind=kind)
        except RecordError as exc:
            if on_error == "raise":
                raise RecordError(f"record {n}: {exc}") from None
            if on_error == "mark":
                yield {**record, ERROR: str(exc)} if isinstance(record, Mapping) else {ERROR: str(exc)}


def clean_batch(batch: Mapping[str, Sequence[Any]] | Any, rules: RuleSet | None = None, *,
                kind: Kind = "auto") -> dict[str, list[Any]]:
    """Clean a columnar batch (a dict of lists, a pandas DataFrame) for `Dataset.map(batched=True)`.

    Reads `text` (or `html`: a row whose text is missing reads its html) and optional `url`;
    returns the columns `text`, `cleaner_metadata` and `cleaner_removed`, the last two as JSON
    strings so that every batch has the same schema (Arrow refuses dicts whose keys change from
    batch to batch). A missing page (None, NaN) gives ""; bytes are decoded as the CLI decodes
    files; any other value raises TypeError naming the column and the row.
    """
    rules = _rules(rules, "clean_batch")
    _check_kind(kind, "clean_batch")
    out: dict[str, list[Any]] = {TEXT: [], METADATA: [], REMOVED: []}
    for row, (field, page, url) in enumerate(_rows(batch)):
        if field is None:  # None, or pandas' NaN: nothing to clean
            result = Result("")
        else:
            text = page_text(page, f'clean_batch: "{field}" column, row {row}')
            if _missing(url):
                url = None
            elif not isinstance(url, str):
                raise TypeError(f'clean_batch: "url" column, row {row} must be str or None, not {type(url).__name__}')
            result = clean_document(text, rules, url=url or None, kind=kind if field == TEXT else "html")
        out[TEXT].append(result.text)
        out[METADATA].append(json.dumps(result.metadata, ensure_ascii=False, allow_nan=False))
        out[REMOVED].append(json.dumps([r.to_dict() for r in result.removals], ensure_ascii=False, allow_nan=False))
    return out


def _rows(batch: Any) -> Iterator[tuple[str | None, Any, Any]]:
    """(field, page, url) of each row: the text, or the html where the text is missing (field None: neither)."""
    if isinstance(batch, (str, bytes, list, tuple, set)) or not hasattr(batch, "__getitem__") or not hasattr(batch, "__contains__"):
        raise TypeError(f"clean_batch: batch must be a mapping of columns or a DataFrame, not {type(batch).__name__}")
    columns = {name: list(batch[name]) for name in (TEXT, HTML, URL) if name in batch}
    if TEXT not in columns and HTML not in columns:
        raise KeyError('batch has no "text" or "html" column')
    rows = len(columns.get(TEXT, columns.get(HTML, [])))
    for name, values in columns.items():
        if len(values) != rows:  # zip() would drop the rows of the longer column without a word
            first = TEXT if TEXT in columns else HTML
            raise ValueError(f'clean_batch: the "{name}" column has {len(values)} rows and the "{first}" column {rows}')
    texts, htmls, urls = columns.get(TEXT), columns.get(HTML), columns.get(URL)
    for row in range(rows):
        url = urls[row] if urls is not None else None
        if texts is not None and not _missing(texts[row]):
            yield TEXT, texts[row], url
        elif htmls is not None and not _missing(htmls[row]):
            yield HTML, htmls[row], url
        else:
            yield None, None, None


def _missing(value: object) -> bool:
    """None, a float NaN or pandas' NA: how columnar data says "no value"."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _rules(rules: object, fn: str) -> RuleSet:
    """The rules to use: the given RuleSet, or the bundled rules for None."""
    if rules is None:
        return default_rules()
    if not isinstance(rules, RuleSet):
        hint = "; load a folder with cleaner.load_rules(path)" if isinstance(rules, (str, os.PathLike)) else ""
        raise TypeError(f"{fn}: rules must be a RuleSet or None, not {type(rules).__name__}{hint}")
    return rules


def _check_kind(kind: object, fn: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"{fn}: kind must be one of {', '.join(map(repr, KINDS))}; got {kind!r}")


def _check_url(url: object, fn: str) -> None:
    if url is not None and not isinstance(url, str):
        raise TypeError(f"{fn}: url must be str or None, not {type(url).__name__}")


def _check_stream(items: object, fn: str, name: str) -> None:
    """Refuse what iterates but is not a stream of items: one page, one record."""
    if isinstance(items, (str, bytes, bytearray, Mapping)):
        raise TypeError(f"{fn}: {name} must be an iterable of items, not one {type(items).__name__}; wrap it in a list")
    if not hasattr(items, "__iter__"):
        raise TypeError(f"{fn}: {name} must be an iterable, not {type(items).__name__}")
