"""The library API: load rules once, then clean a page, a stream of pages or records, or a batch."""
from __future__ import annotations

import json
import os
import threading
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Mapping, Sequence, Union

from cleaner.core.cleaner import Cleaner
from cleaner.errors import RecordError, RuleFileErrors
from cleaner.options import MARKUPS, Markup, Options
from cleaner.result import PREFIX, Fields, RemovedShape, Result, removed_field
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.columns import missing, rows
from cleaner.run.records import HTML, TEXT, URL, cleaned_record, page_of, page_text

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


def load_rules(*folders: str | os.PathLike[str], bundled: bool = True, disable: Iterable[str] = ()) -> RuleSet:
    """Load the bundled rules (unless bundled=False) and the given folders; raise on any bad file.

    disable switches rules off: rule ids (`zh-news/share-bar`) or a file's name for all its own
    rules; one that names nothing is a ValueError.

    A folder without rule files gives a UserWarning. How pages are cleaned (main_content, markup)
    is told to the cleaning functions, not to the rules.
    """
    for folder in folders:
        if not isinstance(folder, (str, os.PathLike)):
            raise TypeError(f"load_rules: folders must be paths (str or os.PathLike), not {type(folder).__name__}")
    if not isinstance(bundled, bool):
        raise TypeError(f"load_rules: bundled must be True or False, not {bundled!r}")
    if isinstance(disable, str):
        raise TypeError("load_rules: disable must be a list of rule ids, not a string")
    rules = RuleSet.load([Path(f) for f in folders], bundled=bundled)
    if rules.errors:
        raise RuleFileErrors(rules.errors)
    rules = rules.without(disable)
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
                  main_content: bool = True, comments: bool = False, on_error: OnError = "raise", text_column: str = TEXT,
                  html_column: str = HTML, prefix: str = PREFIX, removed: RemovedShape = "rules",
                  **old: object) -> Iterator[dict[str, Any]]:
    """Clean records lazily and in order; a bad record raises, is skipped, or passes through marked.

    Each record keeps its fields, `text_column` becomes the clean text (the page read from it, or
    from `html_column`), and ours are added under `prefix`: site, metadata and removed (shaped by
    `removed`, see Result.to_record).
    """
    cleaner = _cleaner(rules, markup, main_content, old, "clean_records", comments)
    if on_error not in ON_ERROR:
        raise ValueError(f"clean_records: on_error must be one of {', '.join(map(repr, ON_ERROR))}; got {on_error!r}")
    fields = _fields(prefix, removed, "clean_records")
    _check_columns("clean_records", text_column=text_column, html_column=html_column)
    _check_stream(records, "clean_records", "records")
    return _clean_records(records, cleaner, on_error, fields, (text_column, html_column))


def _clean_records(records: Iterable[Mapping[str, Any]], cleaner: Cleaner, on_error: OnError,
                   fields: Fields, columns: tuple[str, str]) -> Iterator[dict[str, Any]]:
    as_html = cleaner.reading("html")
    text, html = columns
    for n, record in enumerate(records):
        try:
            page, url, markup = page_of(record, cleaner.options.markup, text=text, html=html)
            yield cleaned_record(record, (as_html if markup == "html" else cleaner).clean(page, url), fields, text)
        except RecordError as exc:
            if on_error == "raise":
                raise RecordError(f"record {n}: {exc}") from None
            if on_error == "mark":
                yield {**record, ERROR: str(exc)} if isinstance(record, Mapping) else {ERROR: str(exc)}


def clean_batch(batch: Mapping[str, Sequence[Any]] | Any, rules: RuleSet | None = None, *, markup: Markup = "auto",
                main_content: bool = True, comments: bool = False, text_column: str = TEXT, html_column: str = HTML,
                url_column: str = URL,
                prefix: str = PREFIX, removed: RemovedShape = "rules", **old: object) -> dict[str, list[Any]]:
    """Clean a columnar batch (a dict of lists, a pandas DataFrame) for `Dataset.map(batched=True)`.

    Reads `text_column` (or `html_column`: a row whose text is missing reads its html) and
    optional `url_column`; returns `text_column` with the clean text and `cleaner_site`,
    `cleaner_metadata`, `cleaner_removed` (under `prefix`; no removed column for removed="none"),
    metadata and removals as JSON strings and the site as "" when no rule file claimed the page,
    so that every batch has the same schema (Arrow refuses dicts whose keys change from batch to
    batch, and types a column of Nones null). A missing page (None, NaN) gives ""; bytes are
    decoded as the CLI decodes files; any other value raises TypeError naming the column and the row.
    """
    cleaner = _cleaner(rules, markup, main_content, old, "clean_batch", comments)
    fields = _fields(prefix, removed, "clean_batch")
    _check_columns("clean_batch", text_column=text_column, html_column=html_column, url_column=url_column)
    site, metadata, removals = (f"{prefix}{name}" for name in ("site", "metadata", "removed"))
    as_html = cleaner.reading("html")
    out: dict[str, list[Any]] = {text_column: [], site: [], metadata: []}
    if removed != "none":
        out[removals] = []
    for row, (column, page, url) in enumerate(rows(batch, text_column, html_column, url_column)):
        if column is None:  # None, or pandas' NaN: nothing to clean
            result = Result("")
        else:
            text = page_text(page, f'clean_batch: "{column}" column, row {row}')
            if missing(url):
                url = None
            elif not isinstance(url, str):
                raise TypeError(f'clean_batch: "{url_column}" column, row {row} must be str or None, not {type(url).__name__}')
            result = (cleaner if column == text_column else as_html).clean(text, url or None)
        out[text_column].append(result.text)
        out[site].append(result.site or "")  # not None: a batch of Nones gives Arrow a null column
        out[metadata].append(json.dumps(result.metadata, ensure_ascii=False, allow_nan=False))
        if fields.removed != "none":
            out[removals].append(json.dumps(removed_field(result.removals, fields.removed), ensure_ascii=False))
    return out


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



def _fields(prefix: object, removed: object, fn: str) -> Fields:
    """The output fields a library call asks for, its arguments checked."""
    try:
        return Fields(prefix, removed)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{fn}: {exc}") from None


def _check_columns(fn: str, **columns: object) -> None:
    for name, value in columns.items():
        if not isinstance(value, str):
            raise TypeError(f"{fn}: {name} must be a column name (str), not {type(value).__name__}")


def _check_url(url: object, fn: str) -> None:
    if url is not None and not isinstance(url, str):
        raise TypeError(f"{fn}: url must be str or None, not {type(url).__name__}")


def _check_stream(items: object, fn: str, name: str) -> None:
    """Refuse what iterates but is not a stream of items: one page, one record."""
    if isinstance(items, (str, bytes, bytearray, Mapping)):
        raise TypeError(f"{fn}: {name} must be an iterable of items, not one {type(items).__name__}; wrap it in a list")
    if not hasattr(items, "__iter__"):
        raise TypeError(f"{fn}: {name} must be an iterable, not {type(items).__name__}")
