"""Find input files under the given paths, and map them to safe output paths."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

_COMPRESSED = {".gz", ".zst"}


@dataclass(frozen=True)
class InputFile:
    """An input file, and its path relative to the argument it was found under."""

    path: Path
    rel: PurePosixPath


def iter_inputs(paths: Iterable[Path], *, exclude: Sequence[str] = ()) -> Iterator[InputFile]:
    """Yield the files named or found (recursively, sorted) under paths.

    Every path is checked before anything is yielded: a missing one raises
    FileNotFoundError, so a typo never yields a partial run. A file named on the command
    line is always yielded. Inside folders, hidden entries (".git", ".venv", ".x.html"),
    symlinked folders, symlinks that lead outside the folder and entries matching an
    ``exclude`` pattern are skipped. A pattern without "/" matches the name of any one
    component ("drafts", "*.css"); one with "/" matches the whole path relative to the
    folder ("a/*/old").
    Errors reading a sub-folder (permissions) propagate: skipping it silently would lose
    inputs.
    """
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(root))
    for root in roots:
        if root.is_dir():
            yield from _walk(root, PurePosixPath(), root.resolve(), tuple(exclude))
        else:
            yield InputFile(root, PurePosixPath(root.name))


def _walk(folder: Path, rel: PurePosixPath, root_real: Path,
          exclude: tuple[str, ...]) -> Iterator[InputFile]:
    """Depth-first walk of one folder, entries sorted by name."""
    with os.scandir(folder) as entries:
        ordered = sorted(entries, key=lambda e: e.name)
    for entry in ordered:
        child_rel = rel / entry.name
        if entry.name.startswith(".") or _excluded(child_rel, exclude):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            # A linked folder inside the tree is walked under its own name anyway, and
            # following links invites cycles; a linked file counts if it stays inside.
            if entry.is_dir() or root_real not in path.resolve().parents:
                continue
        if entry.is_dir():
            yield from _walk(path, child_rel, root_real, exclude)
        elif entry.is_file():
            yield InputFile(path, child_rel)


def _excluded(rel: PurePosixPath, patterns: tuple[str, ...]) -> bool:
    """Tell whether an entry matches an exclude pattern (see iter_inputs)."""
    text = rel.as_posix()
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if "/" in pattern:
            if fnmatchcase(text, pattern):
                return True
        elif fnmatchcase(rel.name, pattern):
            return True
    return False


_PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".json", ".jsonl", ".md"})


def output_name(name: str, suffix: str) -> str:
    """A page's output file name: its page extension (and compression) replaced by suffix."""
    stem = PurePosixPath(name)
    if stem.suffix.lower() in _COMPRESSED:  # page.html.gz -> page.txt, not page.html.txt
        stem = PurePosixPath(stem.stem)
    # Only a page's own extension is replaced: ids such as "20111209_china.huanqiu.com_1a3c"
    # keep their dots, or distinct inputs would collide on one output name.
    return stem.stem + suffix if stem.suffix.lower() in _PAGE_SUFFIXES else stem.name + suffix


def plan_output_names(rels: list[PurePosixPath], suffix: str) -> dict[PurePosixPath, PurePosixPath]:
    """Each input's output path under the output folder, no two alike (a.html and a.txt both want a.txt).

    Of the inputs that want one name, the one already called so (else the first) keeps it; the
    others keep their whole name (a.html -> a.html.txt), or failing that get a number (a-2.txt).
    Names are compared case-folded: on macOS and Windows A.txt and a.txt are one file.
    """
    wanted = {rel: rel.with_name(output_name(rel.name, suffix)) for rel in rels}
    by_name: dict[str, list[PurePosixPath]] = {}
    for rel, out in wanted.items():
        by_name.setdefault(str(out).casefold(), []).append(rel)
    taken = set(by_name)
    plan: dict[PurePosixPath, PurePosixPath] = {}
    for key, group in by_name.items():
        keeper = next((rel for rel in group if str(rel).casefold() == key), group[0])
        plan[keeper] = wanted[keeper]
        for rel in group:
            if rel == keeper:
                continue
            candidate, n = rel.with_name(rel.name + suffix), 1
            while str(candidate).casefold() in taken:
                n += 1
                candidate = rel.with_name(f"{PurePosixPath(wanted[rel].name).stem}-{n}{suffix}")
            taken.add(str(candidate).casefold())
            plan[rel] = candidate
    return plan


def safe_output_path(out_dir: Path, rel: PurePosixPath, *, suffix: str | None = None) -> Path:
    """Join rel under out_dir (optionally changing the suffix); refuse paths leaving it."""
    rel = PurePosixPath(rel)
    if rel.is_absolute():
        raise ValueError(f"output path {rel} is absolute, not relative to the output folder")
    name = rel.name
    if not name or name in (".", ".."):
        raise ValueError(f"output path {rel!s} names no file")
    if suffix is not None:
        rel = rel.with_name(output_name(name, suffix))
    out_dir = Path(out_dir)
    target = out_dir.joinpath(*rel.parts)
    # resolve() collapses ".." and follows symlinks of the parts that exist, so a link
    # inside out_dir that points elsewhere is caught as well as "../x".
    base = out_dir.resolve()
    if base not in target.resolve().parents:
        raise ValueError(f"output path {rel} would land outside the output folder")
    return Path(os.path.normpath(target))
