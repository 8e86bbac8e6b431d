"""Red team: `--exclude` and `[tool.cleaner]` globs follow .gitignore rules, the same for both.

A user writes the patterns of their .gitignore; before, `--exclude` read "!" and a leading "/"
as literal characters and `exclude` in the configuration let "*" cross "/".
"""
from __future__ import annotations

from pathlib import Path

from harness import SEED, cli, leftovers


def pages(folder: Path, names: list[str]) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SEED.read_bytes())


def outputs(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.txt"))


def test_exclude_anchored_and_negated(tmp_path: Path) -> None:
    pages(tmp_path / "in", ["top.html", "a/top.html", "keep.htm", "drop.htm"])
    r = cli("clean", tmp_path / "in", "-o", tmp_path / "out",
            "--exclude", "/top.html", "--exclude", "*.htm", "--exclude", "!keep.htm")
    assert r.code == 0, r.stderr
    assert outputs(tmp_path / "out") == ["a/top.txt", "keep.txt"]
    assert leftovers(tmp_path) == []


def test_exclude_double_star_and_folder_only(tmp_path: Path) -> None:
    pages(tmp_path / "in", ["x/old/p.html", "x/y/old/q.html", "old", "z.html"])
    r = cli("clean", tmp_path / "in", "-o", tmp_path / "out", "--exclude", "x/**/old/", "--exclude", "old/")
    assert r.code == 0, r.stderr
    assert outputs(tmp_path / "out") == ["old.txt", "z.txt"]  # the file named old is not a folder


def test_config_star_does_not_cross_folders(tmp_path: Path) -> None:
    (tmp_path / ".cleaner.toml").write_text('exclude = ["raw/*.txt"]\n', encoding="utf-8")
    pages(tmp_path, ["raw/p.txt", "raw/deep/q.txt"])
    r = cli("check", tmp_path / "raw/p.txt", tmp_path / "raw/deep/q.txt")
    assert r.code == 1, r.stderr  # furniture found in the one file the pattern leaves in
    assert {line.split(":")[0] for line in r.stdout.splitlines()} == {str(tmp_path / "raw/deep/q.txt")}
