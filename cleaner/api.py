"""The library API: load rules once, then clean a page, a stream of pages or records, or a batch."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Mapping, Sequence, Union

from .document import clean_document
from .records import HTML, METADATA, REMOVED, TEXT, URL, Kind, RecordError, clean_record, page_of
from .result import Result
from .ruleset.model import RuleFileErrors
from .ruleset.ruleset import RuleSet

# A page for clean_iter: its text or HTML, or a record-like mapping {"text"|"html", "url"?}.
PageLike = Union[str, Mapping[str, Any]]
OnError = Literal["raise", "skip", "mark"]
ERROR = "cleaner_error"  # the field clean_records(on_error="mark") adds to a record it could not clean


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The bundled rules, loaded once per process."""
    return load_rules()


def load_rules(*folders: str | os.PathLike[str], bundled: bool = True, main_content: bool = True) -> RuleSet:
    """Load the bundled rules (unless bundled=False) and the given folders; raise on any bad file.

    main_content=False applies the rules only, even where a file asks for main-content selection.
    """
    rules = RuleSet.load([Path(f) for f in folders], bundled=bundled, main_content=main_content)
    if rules.errors:
        raise RuleFileErrors(rules.errors)
    return rules


def clean(page: str, rules: RuleSet | None = None, *, url: str | None = None, kind: Kind = "auto") -> Result:
    """Clean one page, scraped text or HTML (kind 'auto' tells them apart by content)."""
    return clean_document(page, rules or default_rules(), url=url, kind=kind)


def clean_iter(pages: Iterable[PageLike], rules: RuleSet | None = None, *, kind: Kind = "auto") -> Iterator[Result]:
    """Clean pages lazily and in order: a generator that holds one page at a time."""
    rules = rules or default_rules()
    for item in pages:
        if isinstance(item, str):
            yield clean_document(item, rules, kind=kind)
        else:
            page, url, page_kind = page_of(item, kind)
            yield clean_document(page, rules, url=url, kind=page_kind)


def clean_records(records: Iterable[Mapping[str, Any]], rules: RuleSet | None = None, *,
                  kind: Kind = "auto", on_error: OnError = "raise") -> Iterator[dict[str, Any]]:
    """Clean records lazily and in order; a bad record raises, is skipped, or passes through marked."""
    rules = rules or default_rules()
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

    Reads `text` (or `html`) and optional `url`; returns the columns `text`, `cleaner_metadata`
    and `cleaner_removed`, the last two as JSON strings so that every batch has the same schema
    (Arrow refuses dicts whose keys change from batch to batch). A missing page gives "".
    """
    rules = rules or default_rules()
    field, page_kind = (TEXT, kind) if TEXT in batch else (HTML, "html")
    if field not in batch:
        raise KeyError('batch has no "text" or "html" column')
    pages = list(batch[field])
    urls = list(batch[URL]) if URL in batch else [None] * len(pages)
    out: dict[str, list[Any]] = {TEXT: [], METADATA: [], REMOVED: []}
    for page, url in zip(pages, urls):
        if not isinstance(page, str):  # None, NaN: nothing to clean
            result = Result("")
        else:
            result = clean_document(page, rules, url=url if isinstance(url, str) and url else None, kind=page_kind)
        out[TEXT].append(result.text)
        out[METADATA].append(json.dumps(result.metadata, ensure_ascii=False))
        out[REMOVED].append(json.dumps([r.to_dict() for r in result.removals], ensure_ascii=False))
    return out

