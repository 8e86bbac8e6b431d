"""Start writing a file's dirty pages to disk while the run goes on, so the final fsync is short.

A run that writes 250 MB and then calls fsync waits for all 250 MB at the end, after every core
went idle: a serial part paid whatever the number of jobs. Linux's sync_file_range starts the
writeback of a byte range and returns without waiting; elsewhere this is a no-op and the final
fsync does all the work, as before. Durability still comes from the fsync before the rename.
"""
from __future__ import annotations

import sys

_SYNC_FILE_RANGE_WRITE = 2  # <fcntl.h>: start writeback of dirty pages in the range, do not wait


def _load() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at import: only runs that write a file pay for it

    try:
        # The process's own symbols include libc's (find_library would run ldconfig: slow).
        func = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    func.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    func.restype = ctypes.c_int
    return func


_UNSET = object()
_sync_file_range: object | None = _UNSET


def _function() -> object | None:
    global _sync_file_range
    if _sync_file_range is _UNSET:
        _sync_file_range = _load()
    return _sync_file_range


def start_writeback(fd: int, offset: int, length: int) -> bool:
    """Ask the kernel to start writing bytes [offset, offset+length) of fd; False if it cannot."""
    func = _function()
    if func is None or length <= 0:
        return False
    # Errors (a file system without support, a pipe) only mean the final fsync does the work.
    return func(fd, offset, length, _SYNC_FILE_RANGE_WRITE) == 0  # type: ignore[operator]


class Writeback:
    """Starts writeback of a growing file every `every` bytes appended."""

    def __init__(self, fd: int, every: int = 8 << 20) -> None:
        self.fd, self.every = fd, every
        self.done = 0  # bytes whose writeback has been started
        self.enabled = _function() is not None

    def advance(self, size: int) -> None:
        """The file (its OS-level bytes, already flushed) is now size bytes long."""
        if self.enabled and size - self.done >= self.every:
            if not start_writeback(self.fd, self.done, size - self.done):
                self.enabled = False
            self.done = size
