"""The documentation's Python examples run: README blocks marked `<!-- test -->`, every block of docs/api.md."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

FENCE = re.compile(r"(<!--\s*test\s*-->\s*\n)?```python\n(.*?)```", re.S)
# A block needs these importable; where one is missing the block's file is skipped, not failed.
NEEDS = {"datasets": "datasets", "pandas": "pandas", "ray": "ray", "datatrove": "datatrove"}


def blocks(path: Path, *, marked_only: bool) -> list[str]:
    """The Python blocks of a Markdown file (only those after a `<!-- test -->` line if marked_only)."""
    if not path.exists():
        return []
    found = FENCE.findall(path.read_text(encoding="utf-8"))
    return [code for marker, code in found if marker or not marked_only]


DOCS = [(ROOT / "README.md", True), (ROOT / "docs" / "api.md", False)]


def test_the_api_doc_has_examples():
    assert len(blocks(ROOT / "docs" / "api.md", marked_only=False)) >= 5


@pytest.mark.parametrize("doc,marked_only", DOCS, ids=[p.name for p, _m in DOCS])
def test_examples_run(doc: Path, marked_only: bool, tmp_path: Path):
    code = blocks(doc, marked_only=marked_only)
    assert code, f"{doc.name} has no runnable Python blocks"
    for module in {m for block in code for name, m in NEEDS.items() if re.search(rf"^\s*(import|from) {name}\b", block, re.M)}:
        pytest.importorskip(module)
    # One fresh interpreter per document: its blocks build on each other, as a reader runs them.
    script = tmp_path / "examples.py"
    script.write_text("\n\n".join(code), encoding="utf-8")
    # An example that starts a Ray cluster keeps it on 127.0.0.1 (see tests/test_ray.py).
    env = {**os.environ, "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    run = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, f"{doc.name} examples failed:\n{run.stderr[-4000:]}"
