"""Columnar batches (a dict of lists, a pandas DataFrame): the page, URL and field of each row."""
from __future__ import annotations

import math
from typing import Any, Iterator


def rows(batch: Any, text: str, html: str, url: str) -> Iterator[tuple[str | None, Any, Any]]:
    """(column, page, url) of each row: its text, or its html where the text is missing (column None: neither)."""
    if isinstance(batch, (str, bytes, list, tuple, set)) or not hasattr(batch, "__getitem__") or not hasattr(batch, "__contains__"):
        raise TypeError(f"clean_batch: batch must be a mapping of columns or a DataFrame, not {type(batch).__name__}")
    columns = {name: list(batch[name]) for name in dict.fromkeys((text, html, url)) if name in batch}
    if text not in columns and html not in columns:
        raise KeyError(f'batch has no "{text}" or "{html}" column')
    first = text if text in columns else html
    count = len(columns[first])
    for name, values in columns.items():
        if len(values) != count:  # zip() would drop the rows of the longer column without a word
            raise ValueError(f'clean_batch: the "{name}" column has {len(values)} rows and the "{first}" column {count}')
    texts, htmls, urls = columns.get(text), columns.get(html), columns.get(url)
    for row in range(count):
        address = urls[row] if urls is not None else None
        if texts is not None and not missing(texts[row]):
            yield text, texts[row], address
        elif htmls is not None and not missing(htmls[row]):
            yield html, htmls[row], address
        else:
            yield None, None, None


def missing(value: object) -> bool:
    """None, a float NaN or pandas' NA: how columnar data says "no value"."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")
