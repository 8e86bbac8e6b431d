"""Cleaning on Ray Data: a `ray.data.Dataset` in and out, and the engine of `cleaner clean --engine ray`.

Rules are loaded once per worker: the cleaning runs in a callable class that Ray Data keeps
alive as an actor. Needs the optional extra: `pip install 'cleaner[ray]'`.
"""
from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from cleaner.api import clean_batch
from cleaner.io.jsonl import is_compressed, read_blocks, read_split, split_points
from cleaner.run.local import Outcome, PageTask, Setup, Task, init_worker, record_tasks, run_task
from cleaner.run.records import Kind
from cleaner.ruleset.ruleset import RuleSet

if TYPE_CHECKING:
    import pandas
    import ray.data

    from cleaner.run.sinks import Source

SPLIT_BYTES = 32 << 20  # an uncompressed JSON Lines file is read by several workers in splits this big
PAGES_PER_ITEM = 8


def require_ray() -> Any:
    """The ray module, or an ImportError that says how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ImportError("the Ray engine needs Ray Data: pip install 'cleaner[ray]'") from None
    return ray


class BatchCleaner:
    """A Ray Data batch function that loads the rules once, in its constructor."""

    def __init__(self, rule_dirs: Sequence[str] = (), bundled: bool = True, kind: Kind = "auto",
                 main_content: bool = True) -> None:
        self.rules = RuleSet.load([Path(d) for d in rule_dirs], bundled=bundled, main_content=main_content)
        self.kind = kind

    def __call__(self, batch: pandas.DataFrame) -> pandas.DataFrame:
        """The batch with `text` cleaned and `cleaner_metadata`, `cleaner_removed` (JSON strings) added."""
        return batch.assign(**clean_batch(batch, self.rules, markup=self.kind, main_content=self.rules.main_content))


def clean_dataset(ds: ray.data.Dataset, *, rule_dirs: Sequence[str | Path] = (), bundled: bool = True,
                  kind: Kind = "auto", concurrency: int | None = None, batch_size: int = 256,
                  main_content: bool = True) -> ray.data.Dataset:
    """Clean a Dataset with a `text` (or `html`) column and an optional `url` column, lazily."""
    ray = require_ray()
    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1))) if ray.is_initialized() else 1
    return ds.map_batches(
        BatchCleaner,
        fn_constructor_kwargs={"rule_dirs": [str(d) for d in rule_dirs], "bundled": bundled, "kind": kind,
                               "main_content": main_content},
        batch_format="pandas", batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=concurrency),
    )


# -- the CLI engine -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """A unit of work a Ray worker reads for itself: a few page files, or one split of a record file."""

    pages: tuple[tuple[int, str], ...] = ()
    index: int = -1
    path: str = ""
    start: int = 0  # a line start
    first_line: int = 1  # the number of the line at start
    end: int | None = None  # a line start; None: to the end of the file (the split that finishes it)


class TaskRunner:
    """Runs the same tasks as `--jobs`, on items read by the worker; one output row per task."""

    def __init__(self, setup: Setup) -> None:
        init_worker(setup)
        self.max_line = setup.max_bytes

    def __call__(self, batch: dict[str, Any]) -> Iterator[dict[str, list[bytes]]]:
        for blob in batch["item"]:
            for task in _tasks_of(pickle.loads(blob), self.max_line):
                yield {"outcome": [pickle.dumps(run_task(task))]}


def _tasks_of(item: Item, max_line: int | None = None) -> Iterator[Task]:
    if item.pages:
        yield PageTask(item.pages)
        return
    if item.start == 0 and item.end is None:
        blocks = read_blocks(Path(item.path), max_line=max_line)  # a whole file, compressed or not
    else:
        blocks = read_split(Path(item.path), item.start, item.first_line, item.end, max_line=max_line)
    yield from record_tasks(item.index, blocks, last=item.end is None)


def items_for(sources: list[Source]) -> list[Item]:
    """Items in input order: page files grouped, record files split when large and uncompressed."""
    items: list[Item] = []
    pages: list[tuple[int, str]] = []
    for index, source in enumerate(sources):
        path = str(Path(source.path).resolve())
        if not source.records:
            pages.append((index, path))
            if len(pages) >= PAGES_PER_ITEM:
                items.append(Item(pages=tuple(pages)))
                pages = []
            continue
        if pages:
            items.append(Item(pages=tuple(pages)))
            pages = []
        size = Path(path).stat().st_size
        if size <= SPLIT_BYTES or is_compressed(Path(path)):
            items.append(Item(index=index, path=path))
            continue
        points = split_points(Path(path), SPLIT_BYTES)  # one pass: where splits start, and their line numbers
        for (start, first_line), (end, _n) in zip(points, points[1:] + [(None, 0)]):
            items.append(Item(index=index, path=path, start=start, first_line=first_line, end=end))
    if pages:
        items.append(Item(pages=tuple(pages)))
    return items


def ray_outcomes(sources: list[Source], setup: Setup, jobs: int | None = None) -> Iterator[Outcome]:
    """Outcomes of cleaning the sources on Ray Data, in input order (a local cluster if none is running)."""
    ray = require_ray()
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # stderr is for the run's own report
    started = not ray.is_initialized()
    if started:
        # RAY_ADDRESS, when set, joins that cluster; otherwise a local one on this machine's cores.
        ray.init(num_cpus=jobs, include_dashboard=False, configure_logging=False, log_to_driver=False)
    try:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # the output is the same as --jobs 1
        context.enable_progress_bars = False
        items = items_for(sources)
        if not items:
            return
        workers = jobs or max(1, int(ray.cluster_resources().get("CPU", 1)))
        ds = ray.data.from_items([{"item": pickle.dumps(item)} for item in items], override_num_blocks=len(items))
        ds = ds.map_batches(TaskRunner, fn_constructor_kwargs={"setup": setup}, batch_size=1, batch_format="numpy",
                            compute=ray.data.ActorPoolStrategy(size=min(workers, len(items))))
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            for blob in batch["outcome"]:
                yield pickle.loads(blob)
    finally:
        if started:
            ray.shutdown()
