"""Progressive writeback: the output is the same, the kernel is asked to write as the file grows."""
from __future__ import annotations

import gzip

from cleaner.io import writeback
from cleaner.io.atomic import AtomicWriter


def test_writer_starts_writeback_as_the_file_grows_and_output_is_unchanged(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(writeback, "start_writeback", lambda fd, off, n: calls.append((off, n)) or True)
    monkeypatch.setattr(writeback, "_sync_file_range", object())
    out = tmp_path / "out.jsonl"
    spool = tmp_path / "spool.part"
    spool.write_bytes(b"y" * 5000)
    writer = AtomicWriter(out)
    writer._writeback.every = 4096
    writer.write("x" * 3000)
    assert calls == []  # under the threshold: nothing asked yet
    writer.write(b"x" * 3000)
    writer.append_file(str(spool))
    writer.commit()
    assert out.read_bytes() == b"x" * 6000 + b"y" * 5000
    # Consecutive ranges from the start, each covering bytes already handed to the OS.
    assert calls == [(0, 6000), (6000, 5000)]


def test_compressed_output_and_a_failing_writeback(tmp_path, monkeypatch):
    monkeypatch.setattr(writeback, "start_writeback", lambda fd, off, n: False)
    monkeypatch.setattr(writeback, "_sync_file_range", object())
    out = tmp_path / "out.jsonl.gz"
    writer = AtomicWriter(out)
    writer._writeback.every = 10
    for _ in range(50):
        writer.write("数据\n" * 100)
    assert not writer._writeback.enabled  # refused once: never asked again
    writer.commit()
    assert gzip.decompress(out.read_bytes()) == ("数据\n" * 5000).encode()


def test_start_writeback_on_a_real_file(tmp_path):
    path = tmp_path / "f"
    with open(path, "wb") as handle:
        handle.write(b"z" * 100_000)
        handle.flush()
        # True on Linux, False where sync_file_range does not exist; never an exception.
        assert writeback.start_writeback(handle.fileno(), 0, 100_000) in (True, False)
        assert writeback.start_writeback(handle.fileno(), 0, 0) is False
