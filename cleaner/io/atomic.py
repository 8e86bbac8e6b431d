"""Atomic file writes: readers see the old file or the new one, never a partial one.

Every output goes through a hidden temp file beside its target (named by io.tempfiles, so that a
later run can sweep it if this one is killed), is made durable, then renamed into place, and the
folder is synced so that the rename is durable too. Three ways in, one mechanism:
`write_atomic` for a whole file, `AtomicWriter` for a stream (plain, .gz or .zst by the name),
and `SyncBatch` for many small files, made durable together with one file-system sync.
"""
from __future__ import annotations

import contextlib
import gzip
import os
import stat
from pathlib import Path
from typing import IO

from cleaner.io.durable import Failure, fsync_dir, sync_files
from cleaner.io.tempfiles import sweep, temp_path
from cleaner.io.writeback import Writeback


def write_atomic(path: Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Write data to path via a temp file in the same folder, fsync and os.replace."""
    path = os.fspath(path)
    # Encode first: an unencodable text then fails before anything touches the disk.
    payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
    tmp = _write_temp(path, payload, sync=True)
    try:
        # Same folder, so same file system: the rename is atomic.
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    fsync_dir(os.path.dirname(path) or ".")


class SyncBatch:
    """Finished temp files waiting to be made durable and renamed into place, many at a time.

    One fsync per file costs a disk flush each (~2 ms): 3,000 small outputs spent most of a run
    waiting for them. A batch writes its files, syncs their file system once (syncfs), and only
    then renames them and syncs each folder once: a file is never in place before its bytes are
    on disk, and when flush() returns, every file it renamed is durable.
    """

    def __init__(self, max_files: int = 1000, max_bytes: int = 64 << 20) -> None:
        self.max_files, self.max_bytes = max_files, max_bytes
        self.pending: list[tuple[str, str]] = []  # (temp, target); strings: pathlib costs ~20 µs a file
        self.size = 0

    def write(self, path: str | Path, data: bytes | str) -> list[Failure]:
        """Write a whole file into the batch; return the failures of a flush this triggered."""
        payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        return self.adopt(_write_temp(os.fspath(path), payload, sync=False), path, len(payload))

    def adopt(self, tmp: str | Path, path: str | Path, size: int) -> list[Failure]:
        """Take a finished temp file to be moved to path; flush when the batch is full."""
        self.pending.append((os.fspath(tmp), os.fspath(path)))
        self.size += size
        if len(self.pending) >= self.max_files or self.size >= self.max_bytes:
            return self.flush()
        return []

    def flush(self) -> list[Failure]:
        """Make the pending files durable and move them into place; return those that failed."""
        pending, self.pending, self.size = self.pending, [], 0
        failures: list[Failure] = []
        try:
            durable = sync_files(pending, failures)
            folders: dict[str, None] = {}
            for tmp, path in durable:
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    _unlink(tmp)
                    failures.append((Path(path), exc))
                    continue
                folders[os.path.dirname(path) or "."] = None
            for folder in folders:
                fsync_dir(folder)
        except BaseException:
            for tmp, _path in pending:  # those already renamed are gone: nothing to undo there
                _unlink(tmp)
            raise
        return failures

    def abort(self) -> None:
        """Drop every pending temp file; their targets are left as they were."""
        pending, self.pending, self.size = self.pending, [], 0
        for tmp, _path in pending:
            _unlink(tmp)


class AtomicWriter:
    """A file written as a stream through a hidden temp file, compressed by the name's suffix.

    Readers see the old file or the complete new one, never a partial one, however long the
    stream; nothing is held in memory.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.tmp, fd = _create_temp(os.fspath(path))
        self._raw = os.fdopen(fd, "wb")
        self._inner: IO[bytes] = self._raw
        try:
            lower = self.path.name.lower()
            if lower.endswith(".gz"):
                self._inner = gzip.GzipFile(fileobj=self._raw, mode="wb", mtime=0)  # type: ignore[assignment]
            elif lower.endswith(".zst"):
                import zstandard

                self._inner = zstandard.ZstdCompressor().stream_writer(self._raw, closefd=False)  # type: ignore[assignment]
        except BaseException:
            self.abort()
            raise
        self.bytes_written = 0
        self._writeback = Writeback(self._raw.fileno())

    def write(self, text: str | bytes) -> None:
        """Append text (str as UTF-8, or bytes as they are)."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        self._inner.write(data)
        self.bytes_written += len(data)
        self._progress()

    def append_file(self, path: str) -> int:
        """Append the bytes of a file (kernel to kernel when uncompressed); return how many."""
        if self._inner is not self._raw:
            with open(path, "rb") as source:
                data = source.read()
            self.write(data)
            return len(data)
        self._raw.flush()
        with open(path, "rb") as source:
            size = os.fstat(source.fileno()).st_size
            sent = 0
            while sent < size:
                sent += os.sendfile(self._raw.fileno(), source.fileno(), sent, size - sent)
        self.bytes_written += size
        self._progress()
        return size

    def _progress(self) -> None:
        # Hand what is written so far to the disk now, while cores are still busy cleaning:
        # commit's fsync, a serial wait at the end of every run, then has little left to write.
        wb = self._writeback
        if not wb.enabled:
            return
        size = self._raw.tell()
        if size - wb.done >= wb.every:
            self._raw.flush()
            wb.advance(size)

    def _finish(self, *, sync: bool) -> None:
        """End the compressed stream and close the temp file (synced first when asked)."""
        if self._inner is not self._raw:
            self._inner.close()
        self._raw.flush()
        if sync:
            os.fsync(self._raw.fileno())
        self._raw.close()

    def commit(self) -> None:
        """Finish the file, make it durable and move it into place (raises OSError on failure)."""
        try:
            self._finish(sync=True)
            os.replace(self.tmp, self.path)
        except BaseException:
            self.abort()
            raise
        fsync_dir(self.path.parent)

    def commit_into(self, batch: SyncBatch) -> list[Failure]:
        """Finish the file and hand it to a batch, which makes it durable and moves it into place."""
        try:
            self._finish(sync=False)
        except BaseException:
            self.abort()
            raise
        return batch.adopt(self.tmp, self.path, self.bytes_written)

    def abort(self) -> None:
        """Drop the temp file; the target is left as it was."""
        with contextlib.suppress(Exception):
            self._raw.close()
        _unlink(self.tmp)


def _create_temp(path: str) -> tuple[str, int]:
    """Create a new hidden temp file beside path (and its folder); return it and its descriptor."""
    folder = os.path.dirname(path) or "."
    sweep(folder)  # once per folder and run: temp files of killed runs go
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    for attempt in range(3):
        tmp = temp_path(path)
        try:
            # Mode 0o666, so the umask gives a new file the usual permissions (mkstemp: 0o600).
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue
        except FileNotFoundError:
            if attempt:
                raise
            # The folder is made only when missing: a mkdir per file costs a system call each.
            make_folders(folder)
            continue
        try:
            if mode is not None:
                os.fchmod(fd, mode)  # a rewritten file keeps its permissions
        except BaseException:
            os.close(fd)
            _unlink(tmp)
            raise
        return tmp, fd
    raise FileExistsError(f"no free temp name beside {path}")


def write_temp(path: str | Path, data: bytes | str) -> str:
    """A finished (not yet synced) temp file beside path holding data, for SyncBatch.adopt."""
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return _write_temp(os.fspath(path), payload, sync=False)


def _write_temp(path: str, payload: bytes, *, sync: bool) -> str:
    """A finished temp file beside path holding payload (fsynced when sync)."""
    tmp, fd = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def make_folders(folder: str | Path) -> None:
    """Create folder and its missing parents without recursion (os.makedirs recurses once a level)."""
    folder, missing = os.fspath(folder), []
    while folder and not os.path.isdir(folder) and folder != os.path.dirname(folder):
        missing.append(folder)
        folder = os.path.dirname(folder)
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(level)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
