"""iter_inputs and safe_output_path."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from cleaner.io import InputFile, iter_inputs, safe_output_path


def make_tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name)


def rels(files) -> list[str]:
    return [f.rel.as_posix() for f in files]


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    make_tree(root, [
        "b.html", "a.html", "sub/z.html", "sub/c.txt.gz", "sub/deeper/x.html",
        ".git/config", ".hidden.html", "sub/.venv/lib.py", "drafts/d.html", "sub/drafts/e.html",
        "assets/style.css",
    ])
    return root


def test_recursive_sorted_skipping_hidden(tree: Path) -> None:
    assert rels(iter_inputs([tree])) == [
        "a.html", "assets/style.css", "b.html", "drafts/d.html",
        "sub/c.txt.gz", "sub/deeper/x.html", "sub/drafts/e.html", "sub/z.html",
    ]


def test_paths_point_at_the_files(tree: Path) -> None:
    for item in iter_inputs([tree]):
        assert item.path == tree / item.rel
        assert item.path.read_text() == item.rel.as_posix()


def test_exclude_patterns(tree: Path) -> None:
    # No "/": any component's name. With "/": the whole relative path.
    assert rels(iter_inputs([tree], exclude=["drafts", "*.css"])) == [
        "a.html", "b.html", "sub/c.txt.gz", "sub/deeper/x.html", "sub/z.html",
    ]
    assert rels(iter_inputs([tree], exclude=["sub/*", "drafts/"])) == [
        "a.html", "assets/style.css", "b.html",
    ]


@pytest.mark.parametrize("patterns, expected", [
    (["/drafts"], ["a.html", "assets/style.css", "b.html", "sub/c.txt.gz", "sub/deeper/x.html",
                   "sub/drafts/e.html", "sub/z.html"]),  # anchored: only the top folder's drafts
    (["sub/**/*.html"], ["a.html", "assets/style.css", "b.html", "drafts/d.html", "sub/c.txt.gz"]),
    (["*.html", "!b.html"], ["assets/style.css", "b.html", "sub/c.txt.gz"]),  # negation re-includes
    (["sub/*"], ["a.html", "assets/style.css", "b.html", "drafts/d.html"]),
    (["a.html/"], ["a.html", "assets/style.css", "b.html", "drafts/d.html", "sub/c.txt.gz",
                   "sub/deeper/x.html", "sub/drafts/e.html", "sub/z.html"]),  # folder-only: a file stays
])
def test_exclude_has_gitignore_semantics(tree: Path, patterns: list[str], expected: list[str]) -> None:
    assert rels(iter_inputs([tree], exclude=patterns)) == expected


def test_file_argument_and_order_of_arguments(tree: Path) -> None:
    files = list(iter_inputs([tree / "sub" / "z.html", tree / "sub" / "deeper"]))
    assert files == [
        InputFile(tree / "sub" / "z.html", PurePosixPath("z.html")),
        InputFile(tree / "sub" / "deeper" / "x.html", PurePosixPath("x.html")),
    ]


def test_named_hidden_file_is_still_read(tree: Path) -> None:
    assert rels(iter_inputs([tree / ".hidden.html"], exclude=["*.html"])) == [".hidden.html"]


def test_missing_path_raises_before_yielding(tree: Path) -> None:
    walk = iter_inputs([tree, tree / "nope"])
    with pytest.raises(FileNotFoundError) as info:
        next(walk)
    assert info.value.filename == str(tree / "nope")


def test_symlinks(tree: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    make_tree(outside, ["secret.html"])
    os.symlink(outside / "secret.html", tree / "leak.html")
    os.symlink(outside, tree / "leakdir")
    os.symlink(tree / "a.html", tree / "alias.html")  # inside: kept
    os.symlink(tree / "sub", tree / "loop")  # a folder link: its target is walked anyway
    os.symlink(tree / "missing", tree / "broken.html")
    found = rels(iter_inputs([tree]))
    assert "alias.html" in found
    assert not {"leak.html", "broken.html"} & set(found)
    assert not any(r.startswith(("leakdir/", "loop/")) for r in found)


def test_symlinked_root_folder_is_walked(tree: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    os.symlink(tree, link)
    assert rels(iter_inputs([link])) == rels(iter_inputs([tree]))


@pytest.mark.parametrize(
    ("rel", "suffix", "expected"),
    [
        ("a/page.html.gz", ".txt", "a/page.txt"),
        ("a/page.html.zst", ".txt", "a/page.txt"),
        ("a/page.html", ".txt", "a/page.txt"),
        ("a/page.html", None, "a/page.html"),
        ("README", ".txt", "README.txt"),
        ("a/../b/page.html", ".txt", "b/page.txt"),
    ],
)
def test_safe_output_path(tmp_path: Path, rel: str, suffix: str | None, expected: str) -> None:
    out = tmp_path / "out"
    assert safe_output_path(out, PurePosixPath(rel), suffix=suffix) == out / expected


@pytest.mark.parametrize("rel", ["../x", "a/../../x", "/etc/passwd", "a/..", "."])
def test_safe_output_path_refuses_escapes(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ValueError):
        safe_output_path(tmp_path / "out", PurePosixPath(rel), suffix=".txt")


def test_safe_output_path_refuses_symlink_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", out / "a")
    with pytest.raises(ValueError, match="outside"):
        safe_output_path(out, PurePosixPath("a/page.html"))


def test_safe_output_path_keeps_dots_that_are_not_a_page_extension(tmp_path):
    from pathlib import PurePosixPath

    from cleaner.io import safe_output_path

    a = safe_output_path(tmp_path, PurePosixPath("20111209_china.huanqiu.com_1a3c"), suffix=".txt")
    b = safe_output_path(tmp_path, PurePosixPath("20111209_china.huanqiu.com_9f00"), suffix=".txt")
    assert a.name == "20111209_china.huanqiu.com_1a3c.txt" and a != b
    assert safe_output_path(tmp_path, PurePosixPath("x/page.HTML"), suffix=".txt").name == "page.txt"
    assert safe_output_path(tmp_path, PurePosixPath("page.html.gz"), suffix=".txt").name == "page.txt"


def test_plan_output_names_keeps_inputs_apart():
    from pathlib import PurePosixPath as P

    from cleaner.io import plan_output_names

    rels = [P("a.html"), P("a.txt"), P("a"), P("A.htm"), P("b.html"), P("d/a.html")]
    plan = plan_output_names(rels, ".txt")
    assert plan[P("a.txt")] == P("a.txt")  # the input already called so keeps the name
    assert plan[P("a.html")] == P("a.html.txt") and plan[P("A.htm")] == P("A.htm.txt")
    assert plan[P("a")] == P("a-2.txt")  # its whole name plus .txt is a.txt again: numbered
    assert plan[P("b.html")] == P("b.txt") and plan[P("d/a.html")] == P("d/a.txt")
    assert len({str(p).casefold() for p in plan.values()}) == len(rels)


def test_problems_are_reported_and_the_walk_goes_on(tree: Path) -> None:
    from cleaner.io.walk import Problem

    os.symlink("loop.html", tree / "loop.html")
    os.mkfifo(tree / "pipe.html")
    seen: list[Problem] = []
    found = rels(iter_inputs([tree, tree / "loop.html"], report=seen.append))
    assert found == rels(iter_inputs([tree], exclude=["loop.html", "pipe.html"]))
    assert [(p.path.name, p.error) for p in seen] == [("loop.html", True), ("pipe.html", False)]  # each once
    assert seen[0].message == f"cannot read: {os.strerror(40)}"
    assert seen[1].message == "skipped: not a regular file"
    with pytest.raises(OSError):  # without report, an error still stops the walk
        list(iter_inputs([tree]))


def test_a_file_named_twice_or_inside_a_named_folder_is_yielded_once(tree: Path) -> None:
    files = list(iter_inputs([tree / "sub", tree, Path(f"{tree}/"), tree / "a.html", tree / "sub" / "z.html"]))
    assert len(files) == len({f.path.resolve() for f in files}) == len(list(iter_inputs([tree])))
    assert rels(files)[:4] == ["c.txt.gz", "deeper/x.html", "drafts/e.html", "z.html"]  # first met wins
    assert not any(f.named for f in files)  # a.html and z.html were met in the folders first
    [named] = iter_inputs([tree / "b.html"])
    assert named.named


def test_output_folders_are_skipped_unless_named(tree: Path) -> None:
    from cleaner.io.walk import OUTPUT_MARKER, mark_output_folder

    mark_output_folder(tree / "sub" / "deeper")
    assert (tree / "sub" / "deeper" / OUTPUT_MARKER).is_file()
    notes = []
    assert "sub/deeper/x.html" not in rels(iter_inputs([tree], report=notes.append))
    assert [(n.path, n.error) for n in notes] == [(tree / "sub" / "deeper", False)]
    assert rels(iter_inputs([tree / "sub" / "deeper"])) == ["x.html"]


def test_the_walk_has_no_depth_limit(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(1200):  # deeper than Python's recursion limit; the path stays under PATH_MAX
        folder = folder / "d"
        folder.mkdir()
    (folder / "p.txt").write_text("x")
    try:
        [found] = iter_inputs([tmp_path])
        assert found.rel.parts[-1] == "p.txt" and len(found.rel.parts) == 1201
    finally:  # by hand: shutil.rmtree, which cleans tmp_path, recurses once a level
        (folder / "p.txt").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent


def test_is_within(tmp_path: Path) -> None:
    from cleaner.io.walk import is_within

    (tmp_path / "in" / "sub").mkdir(parents=True)
    os.symlink(tmp_path / "in", tmp_path / "link")
    for inside in ["in", "in/", "in/sub", "in/new/x", "link/sub", "in/sub/..", "in/new/../sub"]:
        assert is_within(Path(f"{tmp_path}/{inside}"), tmp_path / "in"), inside
    for outside in ["out", "in/..", "in-other", "in/sub/../../out"]:
        assert not is_within(Path(f"{tmp_path}/{outside}"), tmp_path / "in"), outside
