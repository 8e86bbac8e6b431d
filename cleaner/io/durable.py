"""Making written files durable: one file-system sync for many files, or an fsync each."""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

Failure = tuple[Path, OSError]  # an output that could not be written, and why
SYNCFS_FROM = 16  # files in a batch from which one syncfs beats an fsync per file


def sync_files(pending: list[tuple[str, str]], failures: list[Failure]) -> list[tuple[str, str]]:
    """Make the temp files' bytes durable: one syncfs per file system, else one fsync per file."""
    devices: dict[int, str] = {}
    try:
        for folder in {os.path.dirname(tmp) or "." for tmp, _path in pending}:
            devices.setdefault(os.stat(folder).st_dev, folder)
    except OSError:
        devices.clear()  # a folder we cannot place: sync file by file
    # syncfs also waits for other programs' unwritten data on that file system: worth it for many
    # files (one disk flush instead of one each), not for a few.
    if len(pending) >= SYNCFS_FROM and devices and all(_syncfs(folder) for folder in devices.values()):
        return pending
    durable = []
    for tmp, path in pending:
        try:
            fd = os.open(tmp, os.O_RDONLY | os.O_CLOEXEC)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            failures.append((Path(path), exc))
            continue
        durable.append((tmp, path))
    return durable


_SYNCFS: object | None = None


def _syncfs(folder: str) -> bool:
    """Sync the file system holding folder (Linux); False when that cannot be done or failed."""
    global _SYNCFS
    if not sys.platform.startswith("linux"):
        return False
    if _SYNCFS is None:
        import ctypes  # here, not at import: only runs that write many files pay for it

        try:
            _SYNCFS = ctypes.CDLL(None, use_errno=True).syncfs
        except (OSError, AttributeError):
            _SYNCFS = False
    if not _SYNCFS:
        return False
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        # Linux reports write-back errors from syncfs since 5.8; a failure falls back to fsync per file.
        return _SYNCFS(fd) == 0  # type: ignore[operator]
    finally:
        os.close(fd)


def fsync_dir(folder: str | Path) -> None:
    """Persist the rename itself; best effort, as some systems cannot fsync a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
