"""imap_in_pool: results in input order, and no worker outlives the run however it ends."""
from __future__ import annotations

import multiprocessing
import time

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


def test_a_wedged_terminate_ends_in_killed_workers(monkeypatch):
    # Pool.terminate blocks for good on the task queue's read lock when a killed worker held it:
    # the run must end anyway, its workers killed and reaped. The test holds the lock itself
    # while both workers are busy (an idle worker would hold it while it waits for a task).
    from cleaner.run import pools

    monkeypatch.setattr(pools, "TERMINATE_WAIT", 0.5)
    workers = pools.WorkerPool(2, initializer=_nothing)
    busy = [workers.pool.apply_async(time.sleep, (60,)) for _ in range(2)]
    time.sleep(0.5)  # both workers have taken their task
    lock = workers.pool._inqueue._rlock  # noqa: SLF001 - the lock a killed worker would hold
    assert lock.acquire(timeout=10)
    try:
        workers.end(done=False)
        assert not any(w.is_alive() for w in workers.workers)
        assert all(w.exitcode is not None for w in workers.workers) and not any(b.ready() for b in busy)
    finally:
        lock.release()  # the terminate thread, blocked on it, can finish now


def test_workers_still_running_at_the_end_are_killed_and_reaped():
    # What end() does after any terminate: a worker Pool.terminate left running is ended anyway.
    from cleaner.run import pools

    context = pools.fork_context()
    sleepers = [context.Process(target=time.sleep, args=(60,)) for _ in range(2)]
    for process in sleepers:
        process.start()
    exited = context.Process(target=_nothing)
    exited.start()
    exited.join()
    pools.reap([*sleepers, exited])
    assert [p.exitcode for p in sleepers] == [-9, -9] and exited.exitcode == 0
    assert multiprocessing.active_children() == []
