"""The progress bar on a terminal: n/N inputs, the input rate and the time so far; the summary's elapsed time."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import ROOT, SEEDS


def _on_a_terminal(*args: str) -> tuple[subprocess.CompletedProcess, str]:
    """Run `cleaner clean ARGS` with stderr a terminal, as a user's is; what the terminal showed."""
    leader, follower = pty.openpty()
    try:
        run = subprocess.run([sys.executable, "-m", "cleaner.cli.main", "clean", *args], stdout=subprocess.PIPE,
                             stderr=follower, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # the terminal is closed once the process has ended
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    return run, shown.decode("utf-8", "replace")


def test_progress_bar_shows_count_rate_and_time_on_a_terminal(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(5):
        (pages / f"p{n}.txt").write_bytes((SEEDS / "000_a376c9bc92ac9e28.txt").read_bytes())
    run, text = _on_a_terminal(str(pages), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert run.returncode == 0, text
    assert "cleaning" in text and "5/5" in text  # n/N inputs
    assert "/s, 0:0" in text  # the input rate (e.g. 1.2 MB/s) and the time so far (0:01)
    assert "cleaned 5 files (" in text and ") in " in text  # the summary says how long it took


def test_one_record_file_shows_its_rate_and_time(tmp_path):
    records = tmp_path / "in.jsonl"
    records.write_text("".join('{"id": %d, "text": "第%d篇报道\\n正文。"}\n' % (n, n) for n in range(50)), encoding="utf-8")
    run, text = _on_a_terminal(str(records), "-o", str(tmp_path / "out.jsonl"))
    assert run.returncode == 0, text
    assert "1/1" in text and "/s, 0:0" in text and "cleaned 50 records (" in text


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    run = subprocess.run([sys.executable, "-m", "cleaner.cli.main", "clean", str(SEEDS), "-o", str(tmp_path / "out"),
                          "--exclude", "*.md"], capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0 and b"cleaning" not in run.stderr and b"/s, " not in run.stderr
