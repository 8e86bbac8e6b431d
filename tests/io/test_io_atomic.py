"""Atomic writes: content, permissions, no temp files left, old file intact on failure; temp names, sweeping, batches."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.io import AtomicWriter, SyncBatch, atomic, durable, tempfiles, write_atomic


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


# --- temp names, sweeping, batches (cleaner.io.tempfiles, SyncBatch, AtomicWriter) ---


def dead_pid() -> int:
    """The pid of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temp_names_carry_host_and_pid_and_are_recognised(tmp_path: Path) -> None:
    name = Path(tempfiles.temp_path(str(tmp_path / "out.jsonl"))).name
    assert name.startswith(".out.jsonl.cleaner-") and f"-{os.getpid()}-" in name and name.endswith(".tmp")
    assert tempfiles.is_temp_name(name)
    assert not tempfiles.is_temp_name("x.tmp") and not tempfiles.is_temp_name(".x.1a2b3c4d.tmp")


def test_sweep_removes_only_stale_temp_files_of_this_host(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfiles, "_swept", set())
    host, dead = tempfiles.HOST, dead_pid()
    stale = tmp_path / f".a.txt.cleaner-{host}-{dead}-0123abcd.tmp"
    live = tmp_path / f".b.txt.cleaner-{host}-{os.getpid()}-0123abcd.tmp"
    other_host = tmp_path / f".c.txt.cleaner-elsewhere-{dead}-0123abcd.tmp"
    users = [tmp_path / "d.tmp", tmp_path / ".e.txt.0123abcd.tmp", tmp_path / "cleaner-1-2.tmp"]
    for path in [stale, live, other_host, *users]:
        path.write_text("x")
    assert tempfiles.sweep(tmp_path) == 1
    assert not stale.exists() and live.exists() and other_host.exists() and all(p.exists() for p in users)
    stale.write_text("x")
    assert tempfiles.sweep(tmp_path) == 0 and stale.exists()  # once per folder and run


def test_remove_own_temps_takes_this_runs_files_only(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfiles, "_swept", set())
    tempfiles.sweep(tmp_path)
    mine = Path(tempfiles.temp_path(str(tmp_path / "a.txt")))
    theirs = tmp_path / f".b.txt.cleaner-{tempfiles.HOST}-{os.getppid()}-0123abcd.tmp"
    mine.write_text("x")
    theirs.write_text("x")
    assert tempfiles.remove_own_temps() == 1
    assert not mine.exists() and theirs.exists()


def test_spool_folders_of_dead_runs_are_swept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfiles.tempfile, "gettempdir", lambda: str(tmp_path))
    stale = tmp_path / f"cleaner-spool-{tempfiles.HOST}-{dead_pid()}-abc"
    live = tmp_path / f"cleaner-spool-{tempfiles.HOST}-{os.getppid()}-abc"
    for folder in (stale, live):
        folder.mkdir()
        (folder / "1-1.part").write_bytes(b"x")
    made = Path(tempfiles.make_spool_dir())
    assert made.parent == tmp_path and made.name.startswith(f"cleaner-spool-{tempfiles.HOST}-{os.getpid()}-")
    assert not stale.exists() and live.exists()


def test_batch_renames_only_after_one_sync(tmp_path: Path, monkeypatch) -> None:
    events = []
    monkeypatch.setattr(durable, "_syncfs", lambda folder: events.append("sync") or True)
    real_replace = os.replace
    monkeypatch.setattr(atomic.os, "replace", lambda a, b: events.append("rename") or real_replace(a, b))
    monkeypatch.setattr(durable, "SYNCFS_FROM", 3)
    batch = SyncBatch(max_files=3)
    for n in range(2):
        assert batch.write(tmp_path / "d" / f"{n}.txt", f"page {n}") == []
    assert events == [] and not (tmp_path / "d" / "0.txt").exists()  # not in place before the sync
    assert batch.write(tmp_path / "d" / "2.txt", "page 2") == []  # the third file fills the batch
    assert events == ["sync", "rename", "rename", "rename"]
    assert sorted(os.listdir(tmp_path / "d")) == ["0.txt", "1.txt", "2.txt"]


def test_batch_falls_back_to_fsync_per_file_and_reports_failures(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(durable, "_syncfs", lambda folder: False)
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(durable.os, "fsync", fsync)
    batch = SyncBatch()
    batch.write(tmp_path / "a.txt", "a")
    batch.write(tmp_path / "b.txt", "b")
    failures = batch.flush()
    assert [(p.name, e.strerror) for p, e in failures] == [("b.txt", "No space left on device")]
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]


def test_batch_abort_and_streaming_writer_into_a_batch(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("old")
    batch = SyncBatch()
    batch.write(tmp_path / "keep.txt", "new")
    writer = AtomicWriter(tmp_path / "s.jsonl.gz")
    writer.write("x\n")
    assert writer.commit_into(batch) == []
    batch.abort()
    assert sorted(os.listdir(tmp_path)) == ["keep.txt"] and (tmp_path / "keep.txt").read_text() == "old"


def test_streaming_writer_syncs_the_folder_on_commit(tmp_path: Path, monkeypatch) -> None:
    synced = []
    monkeypatch.setattr(atomic, "fsync_dir", lambda folder: synced.append(folder))
    writer = AtomicWriter(tmp_path / "out.jsonl")
    writer.write("{}\n")
    writer.commit()
    assert list(map(str, synced)) == [str(tmp_path)] and (tmp_path / "out.jsonl").read_text() == "{}\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]
