"""The tests mirror the packages: every test folder names a package of cleaner/ (or is hostile/)."""
from __future__ import annotations

from helpers import ROOT

TESTS = ROOT / "tests"
# hostile/ runs the CLI as a user does, across packages; the golden files are data.
NOT_PACKAGES = {"hostile", "test_seeds_golden", "__pycache__"}


def test_test_folders_mirror_packages():
    packages = {p.parent.name for p in (ROOT / "cleaner").glob("*/__init__.py")}
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and not p.name.startswith(".")}
    strays = sorted(folders - packages - NOT_PACKAGES)
    assert not strays, f"test folders that name no package of cleaner/: {strays}"
