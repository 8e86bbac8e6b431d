"""The Ray runner: the local runner's tasks on Ray Data actors, outcomes in input order.

Workers read their inputs themselves (the files must be where the workers can reach them): page
files, large ranges of plain record files run as ranges of about a megabyte, and compressed
files whole. Needs the optional extra: `pip install 'cleaner[ray]'`.
"""
from __future__ import annotations

import logging
import os
import pickle
from typing import Any, Iterator, Sequence

from cleaner.io import format_size

from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.local import Outcome, Setup, init_worker, run_task
from cleaner.run.sources import Source
from cleaner.run.tasks import pieces, split

SPLIT_BYTES = 32 << 20  # an uncompressed JSON Lines file is read by several workers in ranges this big
# Below this much input, starting Ray (26-37 s for a run on four seed records on two loaded cores,
# under a second without Ray; 51 s against 17 s for a small run in issue 14) costs more than
# sharing the work can save: the run says so. A round figure, set on no corpus.
WORTH_BYTES = 256 << 20


def too_small(sources: list[Source]) -> str | None:
    """A warning when the input files are too small to gain from Ray, or None (also for stdin: its size is unknown)."""
    try:
        total = sum(os.stat(s.path).st_size for s in sources if str(s.path) != "-")
    except OSError:
        return None
    if any(str(s.path) == "-" for s in sources) or total >= WORTH_BYTES:
        return None
    return (f"--engine ray on {format_size(total)} of input: starting Ray takes longer than cleaning it here; "
            f"the local engine (the default, --jobs N) is faster below about {format_size(WORTH_BYTES)}")


def require_ray() -> Any:
    """The ray module, or an ImportError that says how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ImportError("the Ray engine needs Ray Data: pip install 'cleaner[ray]'") from None
    return ray


class TaskRunner:
    """Runs the local runner's tasks in a Ray actor (rules loaded once); one output row per piece."""

    def __init__(self, setup: Setup) -> None:
        init_worker(setup)
        self.max_size = setup.options.max_size

    def __call__(self, batch: dict[str, Any]) -> Iterator[dict[str, list[bytes]]]:
        for blob in batch["item"]:
            for task in pieces(pickle.loads(blob), self.max_size):
                yield {"outcome": [pickle.dumps(run_task(task))]}


def outcomes(sources: list[Source], setup: Setup, jobs: int | None = None, *, rules: RuleSet | None = None,
             names: Sequence[str | None] | None = None) -> Iterator[Outcome]:
    """Outcomes of cleaning the sources on Ray Data, in input order (a local cluster if none is running).

    The runner interface of run/local.py; rules and names are not used: every actor loads the
    rules, and outputs are written by this process.
    """
    ray = require_ray()
    # stderr is for the run's own report: Ray's Python warnings (token authentication) and Ray
    # Data's progress lines are Ray's business and stay in its log files (the CLI filters the
    # driver's C++ log lines: cli/foreign_lines.py).
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    started = not ray.is_initialized()
    if started:
        # RAY_ADDRESS, when set, joins that cluster; otherwise a local one on this machine's cores.
        ray.init(num_cpus=jobs or None, include_dashboard=False, configure_logging=False, log_to_driver=False)
    try:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # the output is the same as --jobs 1
        context.enable_progress_bars = False
        tasks = list(split(sources, setup.options.max_size, range_bytes=SPLIT_BYTES, streams_here=False,
                           absolute=True))
        if not tasks:
            return
        workers = jobs or max(1, int(ray.cluster_resources().get("CPU", 1)))
        ds = ray.data.from_items([{"item": pickle.dumps(task)} for task in tasks], override_num_blocks=len(tasks))
        ds = ds.map_batches(TaskRunner, fn_constructor_kwargs={"setup": setup}, batch_size=1, batch_format="numpy",
                            compute=ray.data.ActorPoolStrategy(size=min(workers, len(tasks))))
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            for blob in batch["outcome"]:
                yield pickle.loads(blob)
    finally:
        if started:
            ray.shutdown()
