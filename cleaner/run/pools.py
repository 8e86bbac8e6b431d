"""Worker pools that never outlive a run: started, and ended however the run ends."""
from __future__ import annotations

import multiprocessing
import threading
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

TERMINATE_WAIT = 10.0  # seconds Pool.terminate gets before the workers are killed outright


def fork_context() -> Any:
    """Fork where the platform has it (workers inherit loaded rules as they are), else the default."""
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


class WorkerPool:
    """A multiprocessing pool that knows its worker processes, to end them whatever state it is in."""

    def __init__(self, processes: int, *, initializer: Callable[..., None], initargs: tuple = (),
                 context: Any = None) -> None:
        before = set(multiprocessing.active_children())
        self.pool = (context or fork_context()).Pool(processes, initializer=initializer, initargs=initargs)
        # The pool starts its workers at once: the children new since `before` are they.
        self.workers = [p for p in multiprocessing.active_children() if p not in before]

    def end(self, *, done: bool) -> None:
        """Close a pool that finished (joined: no signal sent), or terminate one that was stopped.

        A worker still starting could miss a SIGTERM and hang a join, so a finished pool's workers
        end on the pool's sentinels. Pool.terminate can wedge for good: a worker killed while it
        held the task queue's read lock (an idle worker holds it while it waits), or a task
        handler blocked writing to a pipe no worker reads any more. It gets TERMINATE_WAIT
        seconds in a thread; then the workers are killed and reaped, and the run ends anyway
        (the pool's own threads are daemons).
        """
        if done:
            self.pool.close()
            self.pool.join()
            return
        ender = threading.Thread(target=self.pool.terminate, name="pool-terminate", daemon=True)
        ender.start()
        ender.join(TERMINATE_WAIT)
        if not ender.is_alive():
            self.pool.join()
        reap(self.workers)


def reap(processes: Iterable[Any]) -> None:
    """Kill and join every process still running, whatever Pool.terminate did or did not do.

    A pool's worker once outlived a terminate and join in the suite (not reproduced since): a
    killed worker cannot outlive the run, and joining one that has exited costs nothing.
    """
    for process in processes:
        if process.exitcode is None:
            process.kill()
        process.join()


def imap_in_pool(func: Callable[[T], R], items: Iterable[T], processes: int, *, initializer: Callable[..., None],
                 initargs: tuple = (), chunksize: int = 1, context: Any = None) -> Iterator[R]:
    """func over items on `processes` workers, results in input order.

    A run that is interrupted or stopped early (close() of this generator) ends the workers
    (WorkerPool.end); no process outlives the run.
    """
    workers = WorkerPool(processes, initializer=initializer, initargs=initargs, context=context)
    done = False
    try:
        yield from workers.pool.imap(func, items, chunksize=chunksize)
        done = True
    finally:
        workers.end(done=done)
