"""write_atomic: content, permissions, no temp files left, old file intact on failure."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cleaner.io import write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_text_and_bytes_creating_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    write_atomic(target, "版权所有\n")
    assert target.read_bytes() == "版权所有\n".encode()
    write_atomic(target, b"\x00raw")
    assert target.read_bytes() == b"\x00raw"
    assert os.listdir(target.parent) == ["out.txt"]


def test_encoding_argument(tmp_path: Path) -> None:
    write_atomic(tmp_path / "g.txt", "中文", encoding="gbk")
    assert (tmp_path / "g.txt").read_bytes() == "中文".encode("gbk")


def test_new_file_gets_umask_permissions_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "new.txt") == 0o644


def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert mode(target) == 0o640


def test_encoding_failure_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "page.txt"
    target.write_text("old content")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "繁體中文 and €", encoding="ascii")
    assert target.read_text() == "old content"
    assert os.listdir(tmp_path) == ["page.txt"]


def test_failure_after_writing_removes_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "page.txt"
    target.write_text("old content")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new content that never lands")
    assert target.read_text() == "old content"
    assert os.listdir(tmp_path) == ["page.txt"]


def test_target_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "d", "x")
    assert os.listdir(tmp_path) == ["d"]


def test_reader_never_sees_partial_content(tmp_path: Path, monkeypatch) -> None:
    # At the moment of the rename the temp file is complete; before it, the target is old.
    target = tmp_path / "t.txt"
    target.write_text("old")
    seen = []
    real_replace = os.replace

    def spying_replace(src, dst) -> None:
        seen.append((Path(src).read_text(), Path(dst).read_text(), Path(src).name))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spying_replace)
    write_atomic(target, "new " * 10000)
    (temp_text, target_text, temp_name), = seen
    assert temp_text == "new " * 10000
    assert target_text == "old"
    assert temp_name.startswith(".t.txt.")  # hidden, beside the target
