"""Atomic file writes: readers see the old file or the new one, never a partial one."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Write data to path via a temp file in the same folder, fsync and os.replace."""
    path = Path(path)
    # Encode first: an unencodable text then fails before anything touches the disk.
    payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
    make_folders(path.parent)
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    tmp, fd = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # Same folder, so same file system: the rename is atomic.
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def make_folders(folder: Path) -> None:
    """Create folder and its missing parents without recursion (Path.mkdir recurses once a level)."""
    missing = []
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for level in reversed(missing):
        level.mkdir(exist_ok=True)


def _create_temp(path: Path) -> tuple[Path, int]:
    """Create a new hidden temp file beside path; return it and its open descriptor."""
    while True:
        # Hidden, so that a concurrent walk of the output folder skips it; created with
        # mode 0o666 so the umask gives a new file the usual permissions (mkstemp: 0o600).
        tmp = path.with_name(f".{path.name[:100]}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself; best effort, as some systems cannot fsync a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
