"""Cleaning on Ray Data: a `ray.data.Dataset` in and out (the engine of `--engine ray` is run/ray.py).

Rules are loaded once per worker: the cleaning runs in a callable class that Ray Data keeps
alive as an actor. Needs the optional extra: `pip install 'cleaner[ray]'`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from cleaner.api import clean_batch
from cleaner.options import Markup
from cleaner.result import PREFIX, RemovedShape
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.ray import require_ray

if TYPE_CHECKING:
    import pandas
    import ray.data

__all__ = ["BatchCleaner", "clean_dataset", "require_ray"]


class BatchCleaner:
    """A Ray Data batch function that loads the rules once, in its constructor."""

    def __init__(self, rule_dirs: Sequence[str] = (), bundled: bool = True, markup: Markup = "auto",
                 main_content: bool = True, comments: bool = False, **columns_and_fields: str) -> None:
        self.rules = RuleSet.load([Path(d) for d in rule_dirs], bundled=bundled)
        # text_column, html_column, url_column, prefix, removed: as clean_batch takes them
        self.options = {"markup": markup, "main_content": main_content, "comments": comments, **columns_and_fields}

    def __call__(self, batch: pandas.DataFrame) -> pandas.DataFrame:
        """The batch with `text` cleaned and our columns added (see clean_batch)."""
        return batch.assign(**clean_batch(batch, self.rules, **self.options))


def clean_dataset(ds: ray.data.Dataset, *, rule_dirs: Sequence[str | Path] = (), bundled: bool = True,
                  markup: Markup = "auto", concurrency: int | None = None, batch_size: int = 256,
                  main_content: bool = True, text_column: str = "text", html_column: str = "html",
                  url_column: str = "url", prefix: str = PREFIX, removed: RemovedShape = "rules",
                  comments: bool = False) -> ray.data.Dataset:
    """Clean a Dataset with a `text` (or `html`) column and an optional `url` column, lazily.

    Columns are named as clean_batch takes them; ours are those it adds: `cleaner_site`,
    `cleaner_metadata`, `cleaner_removed`.
    """
    ray = require_ray()
    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1))) if ray.is_initialized() else 1
    return ds.map_batches(
        BatchCleaner,
        fn_constructor_kwargs={"rule_dirs": [str(d) for d in rule_dirs], "bundled": bundled, "markup": markup,
                               "main_content": main_content, "comments": comments, "text_column": text_column,
                               "html_column": html_column, "url_column": url_column, "prefix": prefix, "removed": removed},
        batch_format="pandas", batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=concurrency),
    )
