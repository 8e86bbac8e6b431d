"""Worker pools that never outlive a run: imap over local processes, ended however the run ends."""
from __future__ import annotations

import multiprocessing
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def fork_context() -> Any:
    """Fork where the platform has it (workers inherit loaded rules as they are), else the default."""
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


def imap_in_pool(func: Callable[[T], R], items: Iterable[T], processes: int, *, initializer: Callable[..., None],
                 initargs: tuple = (), chunksize: int = 1, context: Any = None) -> Iterator[R]:
    """func over items on `processes` workers, results in input order.

    A run that is done closes the pool and joins it: the workers end on the pool's sentinels, no
    signal sent (a worker still starting could miss a SIGTERM and hang the join). A run that is
    interrupted or stopped early (close() of this generator) terminates the workers; either way
    they are reaped and no process outlives the run.
    """
    pool = (context or fork_context()).Pool(processes, initializer=initializer, initargs=initargs)
    done = False
    try:
        yield from pool.imap(func, items, chunksize=chunksize)
        pool.close()
        done = True
    finally:
        if not done:
            pool.terminate()
        pool.join()
