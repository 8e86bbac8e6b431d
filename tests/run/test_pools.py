"""imap_in_pool: results in input order, and no worker outlives the run however it ends."""
from __future__ import annotations

import multiprocessing

from cleaner.run.pools import imap_in_pool


def _square(n: int) -> int:
    return n * n


def _nothing() -> None:
    return None


def test_results_come_in_input_order_and_the_workers_are_reaped():
    assert list(imap_in_pool(_square, range(50), 2, initializer=_nothing, chunksize=3)) == [n * n for n in range(50)]
    assert multiprocessing.active_children() == []


def test_a_run_stopped_early_ends_its_workers():
    results = imap_in_pool(_square, range(10_000), 2, initializer=_nothing)
    assert [next(results) for _ in range(3)] == [0, 1, 4]
    results.close()  # the consumer stops: the pool is terminated and joined
    assert multiprocessing.active_children() == []
