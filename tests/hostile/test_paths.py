"""Red team: paths, folders and command-line arguments of `cleaner clean`, `check` and `fix`.

Each test runs the CLI in a real process and asserts what a user sees: the exit code, one
`path: error: ...` line per bad path, and the files left behind.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from harness import SEED, cli, leftovers, unprivileged_skip_reason

LOOP = os.strerror(40)  # ELOOP: "Too many levels of symbolic links"
needs_permissions = pytest.mark.skipif(bool(unprivileged_skip_reason()),
                                       reason=unprivileged_skip_reason() or "permission bits are honoured")


def pages(folder: Path, names: list[str]) -> None:
    """Copy the seed page (furniture and all) to each name under folder."""
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SEED.read_bytes())


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under folder: a file's bytes, None for a folder."""
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))}


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def jsonl_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# 1. -o inside an input folder overwrote the inputs (exit 0, the seed shrank from 6,377 to 3,947 bytes).

@pytest.mark.parametrize(("source", "output"), [
    ("in", "in"), ("in", "in/"), ("in", "./in"), ("in", "in/../in"), ("in", "in/sub/.."), ("in", "link"),
    ("link", "in"), ("in", "in/new"), ("in", "in/sub"), ("in", "link/sub/deeper"), ("in/", "in/sub/../new"),
])
def test_output_folder_in_an_input_folder_is_a_usage_error(tmp_path, source, output):
    pages(tmp_path / "in", ["a.txt", "sub/b.txt"])
    os.symlink("in", tmp_path / "link")
    before = snapshot(tmp_path / "in")
    run = cli("clean", "-q", source, "-o", output, cwd=tmp_path)
    assert run.code == 2, run.stderr
    assert "cleaner fix" in run.stderr and "Traceback" not in run.stderr
    assert snapshot(tmp_path / "in") == before  # inputs untouched, nothing created under them


def test_output_that_would_overwrite_an_input_file_is_a_usage_error(tmp_path):
    # -o names the folder above the inputs: in/sub's page would come out as in/a.txt, an input.
    pages(tmp_path / "in", ["a.txt", "sub/a.txt"])
    before = snapshot(tmp_path / "in")
    run = cli("clean", "-q", "in/sub", "in/a.txt", "-o", "in", cwd=tmp_path)
    assert run.code == 2 and "would overwrite the input" in run.stderr
    assert snapshot(tmp_path / "in") == before
    (tmp_path / "c.jsonl").write_text('{"text": "正文，记者从现场获悉有关情况。"}\n', encoding="utf-8")
    same = cli("clean", "-q", "c.jsonl", "-o", "./c.jsonl", cwd=tmp_path)
    assert same.code == 2 and (tmp_path / "c.jsonl").read_text(encoding="utf-8").startswith('{"text"')


def test_an_output_folder_is_marked_and_never_read_back_as_input(tmp_path):
    pages(tmp_path / "site" / "pages", ["a.txt"])
    first = cli("clean", "-q", "site/pages", "-o", "site/clean", cwd=tmp_path)
    assert first.code == 0, first.stderr
    assert (tmp_path / "site" / "clean" / ".cleaner-output").is_file()
    again = cli("clean", "-q", "site", "-o", "all.jsonl", "--format", "jsonl", cwd=tmp_path)
    assert again.code == 0, again.stderr
    assert [r["path"] for r in jsonl_records(tmp_path / "all.jsonl")] == ["site/pages/a.txt"]
    assert again.stderr.splitlines() == [
        "site/clean: note: skipped: an output folder of `cleaner clean -o` (it holds .cleaner-output)"]
    named = cli("clean", "-q", "site/clean", "-o", "twice", cwd=tmp_path)  # named: read as asked
    assert named.code == 0 and (tmp_path / "twice" / "a.txt").is_file()
    pages(tmp_path / "site" / "pages", ["b.htm"])  # a folder holding inputs of the run is not marked
    mixed = cli("clean", "-q", "site/pages/b.htm", "-o", "site/pages", cwd=tmp_path)
    assert mixed.code == 0 and (tmp_path / "site" / "pages" / "b.txt").is_file()
    assert not (tmp_path / "site" / "pages" / ".cleaner-output").exists()


# 2. -o EXISTING-FILE cleaned everything, then printed "File exists" once per input.

def test_output_naming_an_existing_file_is_one_usage_error_before_any_work(tmp_path):
    pages(tmp_path / "in", ["a.txt", "b.txt", "c.txt"])
    (tmp_path / "taken").write_text("keep me")
    run = cli("clean", "-q", "in", "-o", "taken", cwd=tmp_path)
    assert run.code == 2
    assert "File exists" not in run.stderr and [l for l in run.stderr.splitlines() if "Error" in l] == [
        ("Error: -o taken: taken is a file, not a folder (a single output file takes a name ending .jsonl, "
         "or .json for one page)")]
    assert (tmp_path / "taken").read_text() == "keep me" and leftovers(tmp_path) == []
    deeper = cli("clean", "-q", "in", "-o", "taken/sub", cwd=tmp_path)
    assert deeper.code == 2 and "File exists" not in deeper.stderr
    (tmp_path / "old.jsonl").write_text("old\n")  # the JSON Lines sink still replaces a file
    sink = cli("clean", "-q", "in", "-o", "old.jsonl", "--format", "jsonl", cwd=tmp_path)
    assert sink.code == 0 and len(jsonl_records(tmp_path / "old.jsonl")) == 3


# 3. An unreadable file named on the command line stopped the run (exit 2, "Path is not readable").

@needs_permissions
@pytest.mark.parametrize("command", ["clean", "check", "fix"])
def test_an_unreadable_named_file_fails_alone_and_the_rest_are_processed(tmp_path, command):
    src = tmp_path / "in"
    pages(src, ["a.txt", "locked.txt", "z.txt"])
    (src / "locked.txt").chmod(0)
    out = ["-o", str(tmp_path / "out")] if command == "clean" else []
    run = cli(command, src / "a.txt", src / "locked.txt", src / "z.txt", *out, unprivileged=True)
    assert run.code == 1, run.stderr
    assert errors(run.stderr) == [f"{src / 'locked.txt'}: error: cannot read: Permission denied"]
    if command == "clean":
        assert sorted(os.listdir(tmp_path / "out")) == [".cleaner-output", "a.txt", "z.txt"]
    elif command == "check":
        assert {line.split(":")[0] for line in run.stdout.splitlines()} == {str(src / "a.txt"), str(src / "z.txt")}
    else:
        assert all((src / n).stat().st_size < SEED.stat().st_size for n in ("a.txt", "z.txt"))
        assert (src / "locked.txt").stat().st_size == SEED.stat().st_size


# 4. A file name that is not UTF-8 crashed --format json/jsonl with UnicodeEncodeError.

@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_file_name_that_is_not_utf8(tmp_path, fmt):
    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.txt")).write_bytes(SEED.read_bytes())
    (src / os.fsdecode(b"bin\xff.txt")).write_bytes(bytes(range(256)) * 8)  # not text: an error naming it
    out = tmp_path / ("out.jsonl" if fmt == "jsonl" else "out")
    run = cli("clean", "-q", "--format", fmt, src, "-o", out)
    assert run.code == 1 and "Traceback" not in run.stderr
    assert [line.split(": error:")[0] for line in errors(run.stderr)] == [f"{src}/bin\\xff.txt"]
    if fmt == "json":
        assert sorted(os.listdir(os.fsencode(out))) == [b".cleaner-output", b"caf\xe9.json"]
        record = json.loads((out / os.fsdecode(b"caf\xe9.json")).read_bytes().decode("utf-8"))
    else:
        [record] = jsonl_records(out)
    assert record["path"] == f"{src}/caf\\xe9.txt" and record["cleaner_site"] == "cri.cn"
    single = cli("clean", "-q", "--format", "json", src / os.fsdecode(b"caf\xe9.txt"))
    assert single.code == 0 and json.loads(single.stdout)["path"].endswith("caf\\xe9.txt")
    check = cli("check", "--format", "json", src / os.fsdecode(b"caf\xe9.txt"))
    assert check.code == 1 and json.loads(check.stdout)[0]["path"].endswith("caf\\xe9.txt")


# 5. A symlink loop: usage error when named, a crash inside a folder.

@pytest.mark.parametrize("command", ["clean", "check", "fix"])
def test_symlink_loops_are_one_error_each_and_the_run_goes_on(tmp_path, command):
    src = tmp_path / "in"
    pages(src, ["a.txt"])
    os.symlink("self.txt", src / "self.txt")
    os.symlink("l2.txt", src / "l1.txt")
    os.symlink("l1.txt", src / "l2.txt")
    out = ["-o", str(tmp_path / "out")] if command == "clean" else []
    run = cli(command, src, src / "self.txt", *out)
    assert run.code == 1, run.stderr
    assert errors(run.stderr) == [f"{src / n}: error: cannot read: {LOOP}" for n in ("l1.txt", "l2.txt", "self.txt")]
    assert "Traceback" not in run.stderr
    if command == "clean":
        assert (tmp_path / "out" / "a.txt").is_file()
    missing = cli(command, src / "nope.txt", *out)  # a missing path stays a usage error
    assert missing.code == 2 and "nope.txt: no such file or folder" in missing.stderr


# 6. An unreadable sub-folder crashed the run.

@needs_permissions
@pytest.mark.parametrize("command", ["clean", "check"])
def test_an_unreadable_sub_folder_is_one_error_and_the_run_goes_on(tmp_path, command):
    src = tmp_path / "in"
    pages(src, ["a.txt", "locked/b.txt", "z.txt"])
    (src / "locked").chmod(0)
    out = ["-o", str(tmp_path / "out")] if command == "clean" else []
    try:
        run = cli(command, src, *out, unprivileged=True)
    finally:
        (src / "locked").chmod(0o755)
    assert run.code == 1 and "Traceback" not in run.stderr
    assert errors(run.stderr) == [f"{src / 'locked'}: error: cannot read folder: Permission denied"]
    if command == "clean":
        assert sorted(os.listdir(tmp_path / "out")) == [".cleaner-output", "a.txt", "z.txt"]
    else:
        assert {line.split(":")[0] for line in run.stdout.splitlines()} == {str(src / "a.txt"), str(src / "z.txt")}


# 7. Deep and long trees: RecursionError at 1,500 levels; a path over the system's limit.

def make_chain(top: Path, name: str, levels: int) -> None:
    """top/name/name/... levels deep with a page at the bottom, made one level at a time (no full path)."""
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=fd)
            fd, parent = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd), fd
            os.close(parent)
        page = os.open("page.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(page, SEED.read_bytes())
        os.close(page)
    finally:
        os.close(fd)


def chain_depth(top: Path, name: str) -> tuple[int, bool]:
    """How deep a chain made by make_chain goes, and whether a page.txt is at its bottom."""
    fd, depth = os.open(top, os.O_RDONLY | os.O_DIRECTORY), 0
    try:
        while name in os.listdir(fd):
            fd, parent = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd), fd
            os.close(parent)
            depth += 1
        return depth, "page.txt" in os.listdir(fd)
    finally:
        os.close(fd)


def remove_tree(top: Path) -> None:
    """Remove a tree of any depth (shutil.rmtree recurses once a level), one open folder at a time."""
    fds, names = [os.open(top, os.O_RDONLY | os.O_DIRECTORY)], []
    while fds:
        sub = None
        for entry in list(os.scandir(fds[-1])):
            if entry.is_dir(follow_symlinks=False):
                sub = entry.name
                break
            os.unlink(entry.name, dir_fd=fds[-1])
        if sub is not None:
            fds.append(os.open(sub, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fds[-1]))
            names.append(sub)
            continue
        os.close(fds.pop())
        if names:
            os.rmdir(names.pop(), dir_fd=fds[-1])
    os.rmdir(top)


@pytest.fixture()
def deep_tmp(tmp_path):
    yield tmp_path
    for child in tmp_path.iterdir():
        remove_tree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


def test_a_tree_1500_levels_deep_is_walked(deep_tmp):
    (deep_tmp / "in").mkdir()
    make_chain(deep_tmp / "in", "d", 1500)
    run = cli("clean", "-q", "in", "-o", "out", cwd=deep_tmp)
    assert run.code == 0, run.stderr[-2000:]
    assert chain_depth(deep_tmp / "out", "d") == (1500, True)


def test_a_path_longer_than_the_system_allows_is_one_error(deep_tmp):
    pages(deep_tmp / "in", ["a.txt"])
    make_chain(deep_tmp / "in", "n" * 200, 30)  # over 6,000 bytes: past PATH_MAX (4,096 on Linux)
    run = cli("clean", "-q", "in", "-o", "out", cwd=deep_tmp)
    assert run.code == 1 and "Traceback" not in run.stderr
    [error] = errors(run.stderr)
    assert error.endswith(f": error: cannot read folder: {os.strerror(36)}")  # ENAMETOOLONG
    assert (deep_tmp / "out" / "a.txt").is_file()


# 8. Special files and inputs named more than once.

@pytest.mark.parametrize("command", ["clean", "check", "fix"])
def test_a_fifo_never_hangs_the_run(tmp_path, command):
    src = tmp_path / "in"
    pages(src, ["a.txt"])
    os.mkfifo(src / "pipe.txt")
    out = ["-o", str(tmp_path / "out")] if command == "clean" else []
    walked = cli(command, src, *out, timeout=60)  # in a folder: skipped with a note
    assert walked.code == (1 if command == "check" else 0), walked.stderr  # check: a.txt has furniture
    assert f"{src / 'pipe.txt'}: note: skipped: not a regular file" in walked.stderr.splitlines()
    if command != "clean":  # named to check or fix (which would write it back): an error, no wait
        named = cli(command, src / "pipe.txt", timeout=60)
        assert named.code == 1
        assert errors(named.stderr) == [
            f"{src / 'pipe.txt'}: error: not a regular file (check and fix read and rewrite files)"]


def test_each_input_is_cleaned_once_however_often_it_is_named(tmp_path):
    pages(tmp_path / "in", ["a.txt", "sub/b.txt"])
    run = cli("clean", "-q", "in", "./in/", "in/a.txt", "in/sub", "-o", "all.jsonl", "--format", "jsonl",
              cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert [r["path"] for r in jsonl_records(tmp_path / "all.jsonl")] == ["in/a.txt", "in/sub/b.txt"]
    folder = cli("clean", "in", "in", "in/a.txt", "-o", "out", cwd=tmp_path)
    assert folder.code == 0 and "note" not in folder.stderr
    assert snapshot(tmp_path / "out").keys() == {".cleaner-output", "a.txt", "sub", "sub/b.txt"}
