"""The library API: load rules once, then clean a page, a stream of pages or records, or a batch."""
from __future__ import annotations

import json
import math
import os
import threading
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Mapping, Sequence, Union

from cleaner.core.cleaner import Cleaner
from cleaner.errors import RecordError, RuleFileErrors
from cleaner.options import MARKUPS, Markup, Options
from cleaner.result import Result
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.records import (
    HTML,
    METADATA,
    REMOVED,
    TEXT,
    URL,
    cleaned_record,
    page_of,
    page_text,
)

# A page for clean_iter: its text or HTML (str, or bytes decoded as the CLI decodes files), or a
# record-like mapping {"text"|"html", "url"?}.
PageLike = Union[str, bytes, Mapping[str, Any]]
OnError = Literal["raise", "skip", "mark"]
ERROR = "cleaner_error"  # the field clean_records(on_error="mark") adds to a record it could not clean
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


def load_rules(*folders: str | os.PathLike[str], bundled: bool = True) -> RuleSet:
    """Load the bundled rules (unless bundled=False) and the given folders; raise on any bad file.

    A folder without rule files gives a UserWarning. How pages are cleaned (main_content, markup)
    is told to the cleaning functions, not to the rules.
    """
    for folder in folders:
        if not isinstance(folder, (str, os.PathLike)):
            raise TypeError(f"load_rules: folders must be paths (str or os.PathLike), not {type(folder).__name__}")
    if not isinstance(bundled, bool):
        raise TypeError(f"load_rules: bundled must be True or False, not {bundled!r}")
    rules = RuleSet.load([Path(f) for f in folders], bundled=bundled)
    if rules.errors:
        raise RuleFileErrors(rules.errors)
    for message in rules.warnings:
        warnings.warn(message, UserWarning, stacklevel=2)
    return rules


def clean(page: str | bytes, rules: RuleSet | None = None, *, url: str | None = None, markup: Markup = "auto",
          main_content: bool = True, comments: bool = False, **old: object) -> Result:
    """Clean one page, scraped text or HTML (markup "auto" tells them apart by content); bytes are decoded as files are.

    main_content=False applies the rules only on scraped text; HTML pages always go through
    main-content extraction. comments=True keeps reader comments and a thread's posts after the
    article, each after a `[comment]` paragraph, and lists them in metadata["comments"].
    """
    cleaner = _cleaner(rules, markup, main_content, old, "clean", comments)
    _check_url(url, "clean")
    return cleaner.clean(page_text(page, "clean: page"), url or None)


def clean_iter(pages: Iterable[PageLike], rules: RuleSet | None = None, *, markup: Markup = "auto",
               main_content: bool = True, comments: bool = False, **old: object) -> Iterator[Result]:
    """Clean pages lazily and in order: a generator that holds one page at a time."""
    cleaner = _cleaner(rules, markup, main_content, old, "clean_iter", comments)
    _check_stream(pages, "clean_iter", "pages")
    return _clean_iter(pages, cleaner)


def _clean_iter(pages: Iterable[PageLike], cleaner: Cleaner) -> Iterator[Result]:
    as_html = cleaner.reading("html")
    for n, item in enumerate(pages):
        if isinstance(item, Mapping):
            try:
                page, url, markup = page_of(item, cleaner.options.markup)
            except RecordError as exc:
                raise RecordError(f"page {n}: {exc}") from None
            yield (as_html if markup == "html" else cleaner).clean(page, url)
        else:
            what = f"clean_iter: page {n}"
            if not isinstance(item, (str, bytes, bytearray)):
                raise TypeError(f"{what} must be str, bytes or a mapping with text or html, not {type(item).__name__}")
            yield cleaner.clean(page_text(item, what))


def clean_records(records: Iterable[Mapping[str, Any]], rules: RuleSet | None = None, *, markup: Markup = "auto",
                  main_content: bool = True, comments: bool = False, on_error: OnError = "raise", **old: object) -> Iterator[dict[str, Any]]:
    """Clean records lazily and in order; a bad record raises, is skipped, or passes through marked."""
    cleaner = _cleaner(rules, markup, main_content, old, "clean_records", comments)
    if on_error not in ON_ERROR:
        raise ValueError(f"clean_records: on_error must be one of {', '.join(map(repr, ON_ERROR))}; got {on_error!r}")
    _check_stream(records, "clean_records", "records")
    return _clean_records(records, cleaner, on_error)


def _clean_records(records: Iterable[Mapping[str, Any]], cleaner: Cleaner, on_error: OnError) -> Iterator[dict[str, Any]]:
    as_html = cleaner.reading("html")
    for n, record in enumerate(records):
        try:
            page, url, markup = page_of(record, cleaner.options.markup)
            yield cleaned_record(record, (as_html if markup == "html" else cleaner).clean(page, url))
        except RecordError as exc:
            if on_error == "raise":
                raise RecordError(f"record {n}: {exc}") from None
            if on_error == "mark":
                yield {**record, ERROR: str(exc)} if isinstance(record, Mapping) else {ERROR: str(exc)}


def clean_batch(batch: Mapping[str, Sequence[Any]] | Any, rules: RuleSet | None = None, *, markup: Markup = "auto",
                main_content: bool = True, comments: bool = False, **old: object) -> dict[str, list[Any]]:
    """Clean a columnar batch (a dict of lists, a pandas DataFrame) for `Dataset.map(batched=True)`.

    Reads `text` (or `html`: a row whose text is missing reads its html) and optional `url`;
    returns the columns `text`, `cleaner_metadata` and `cleaner_removed`, the last two as JSON
    strings so that every batch has the same schema (Arrow refuses dicts whose keys change from
    batch to batch). A missing page (None, NaN) gives ""; bytes are decoded as the CLI decodes
    files; any other value raises TypeError naming the column and the row.
    """
    cleaner = _cleaner(rules, markup, main_content, old, "clean_batch", comments)
    as_html = cleaner.reading("html")
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
            result = (cleaner if field == TEXT else as_html).clean(text, url or None)
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


def _cleaner(rules: object, markup: object, main_content: object, old: dict[str, object], fn: str,
             comments: object = False) -> Cleaner:
    """The Cleaner a library call describes, its arguments checked; kind= is refused by name."""
    if "kind" in old:
        raise TypeError(f"{fn}: kind= is now markup= (one of {', '.join(map(repr, MARKUPS))})")
    if old:
        raise TypeError(f"{fn}: unexpected keyword argument {next(iter(old))!r}")
    if markup not in MARKUPS:
        raise ValueError(f"{fn}: markup must be one of {', '.join(map(repr, MARKUPS))}; got {markup!r}")
    if not isinstance(main_content, bool):
        raise TypeError(f"{fn}: main_content must be True or False, not {main_content!r}")
    if not isinstance(comments, bool):
        raise TypeError(f"{fn}: comments must be True or False, not {comments!r}")
    options = Options(markup=markup, main_content=main_content, comments=comments)  # type: ignore[arg-type]
    return Cleaner(_rules(rules, fn), options)



def _check_url(url: object, fn: str) -> None:
    if url is not None and not isinstance(url, str):
        raise TypeError(f"{fn}: url must be str or None, not {type(url).__name__}")


def _check_stream(items: object, fn: str, name: str) -> None:
    """Refuse what iterates but is not a stream of items: one page, one record."""
    if isinstance(items, (str, bytes, bytearray, Mapping)):
        raise TypeError(f"{fn}: {name} must be an iterable of items, not one {type(items).__name__}; wrap it in a list")
    if not hasattr(items, "__iter__"):
        raise TypeError(f"{fn}: {name} must be an iterable, not {type(items).__name__}")
