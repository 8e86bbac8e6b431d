"""The harness itself: a clean run exits 0 and leaves no temp files."""
from __future__ import annotations

from harness import SEED, cli, leftovers


def test_a_clean_run_exits_0_and_leaves_only_its_outputs(tmp_path):
    run = cli("clean", "-q", SEED, "-o", tmp_path / "out")
    assert run.code == 0, run.stderr
    # .cleaner-output marks the folder as outputs, so that no later walk reads them back as inputs.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".cleaner-output", SEED.name]
    assert leftovers(tmp_path) == []
