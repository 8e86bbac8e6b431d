"""Find input files under the given paths, and map them to safe output paths."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cleaner.io.globs import Globs

_COMPRESSED = {".gz", ".zst"}

# A folder that `cleaner clean -o` writes carries this file, so that a later walk of a folder
# holding it never reads the outputs back as inputs (as pytest's cache folder carries CACHEDIR.TAG).
OUTPUT_MARKER = ".cleaner-output"
_MARKER_TEXT = ("This folder holds outputs of `cleaner clean -o`. cleaner skips it when it walks a folder\n"
                "that contains it; name it on the command line to read it anyway.\n")
_MISSING = (errno.ENOENT, errno.ENOTDIR)


@dataclass(frozen=True)
class InputFile:
    """An input file, and its path relative to the argument it was found under."""

    path: Path
    rel: PurePosixPath
    named: bool = field(default=False, compare=False)  # named on the command line, not found in a folder


@dataclass(frozen=True)
class Problem:
    """Something the walk could not read (error) or chose to skip (note); the message omits the path."""

    path: Path
    message: str
    error: bool = True


Report = Callable[[Problem], None]


def iter_inputs(paths: Iterable[Path], *, exclude: Sequence[str] = (),
                report: Report | None = None) -> Iterator[InputFile]:
    """Yield the files named or found (recursively, sorted, depth first) under paths, each file once.

    Every path is checked before anything is yielded: a missing one raises
    FileNotFoundError, so a typo never yields a partial run. A file named on the command
    line is always yielded. Inside folders, hidden entries (".git", ".venv", ".x.html"),
    symlinked folders, symlinks that lead outside the folder, entries matching an
    ``exclude`` pattern (.gitignore rules relative to the folder, see io/globs.py) and
    folders carrying OUTPUT_MARKER are skipped. A file met twice (a folder named twice, a
    file named and inside a named folder) is yielded the first time only.

    With ``report``, a path that cannot be read (permissions, a symlink loop, a name too
    long) is reported as an error and the walk goes on, and skipped special files and
    output folders are reported as notes; without it, such errors raise OSError.
    """
    roots = [Path(p) for p in paths]
    kinds = [_stat_root(root) for root in roots]
    seen: set[str] = set()
    globs = Globs(exclude)
    report = _once(report) if report is not None else None
    for root, kind in zip(roots, kinds):
        if isinstance(kind, OSError):
            _problem(report, root, f"cannot read: {kind.strerror or kind}", kind)
            continue
        if stat.S_ISDIR(kind):
            base = os.path.realpath(root)
            if base in seen:
                continue  # the same folder named again
            seen.add(base)
            files: Iterable[InputFile] = _walk(root, globs, report)
        else:
            base = os.path.realpath(root.parent)
            files = [InputFile(root, PurePosixPath(root.name), named=True)]
        if len(roots) == 1:
            yield from files  # one walk meets each file once
            continue
        for item in files:
            key = os.path.join(base, *item.rel.parts)  # the file's place, not where a link leads
            if key not in seen:
                seen.add(key)
                yield item


def mark_output_folder(folder: Path) -> None:
    """Create folder if needed and put OUTPUT_MARKER in it (once), so later walks skip it."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / OUTPUT_MARKER
    if not marker.exists():
        marker.write_text(_MARKER_TEXT, encoding="utf-8")


def is_within(path: Path, folder: Path) -> bool:
    """Whether path is folder or lies inside it, as the file system sees it.

    Links and ".." are resolved, and folders are compared by device and inode, so a trailing
    slash, a bind mount or a name in another case on a case-folding file system changes nothing.
    """
    try:
        target = os.stat(folder)
    except OSError:
        return False
    here = Path(os.path.realpath(path))
    for candidate in (here, *here.parents):
        try:
            info = os.stat(candidate)
        except OSError:
            continue  # a part that does not exist yet (an output folder to be made)
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            return True
    return False


def _stat_root(root: Path) -> int | OSError:
    """A named path's mode, or the error that stats it; FileNotFoundError when it is missing."""
    try:
        return os.stat(root).st_mode
    except OSError as exc:
        if exc.errno in _MISSING:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(root)) from None
        return exc


def _once(report: Report) -> Report:
    """report, but each path once (a path met in a folder and named too, or named twice)."""
    done: set[str] = set()

    def report_once(problem: Problem) -> None:
        key = os.path.join(os.path.realpath(problem.path.parent), problem.path.name)
        if key not in done:
            done.add(key)
            report(problem)
    return report_once


def _problem(report: Report | None, path: Path, message: str, exc: OSError | None = None,
             *, error: bool = True) -> None:
    """Hand a problem to report; without one, raise an error (notes are dropped)."""
    if report is not None:
        report(Problem(path, message, error))
    elif error:
        raise exc if exc is not None else OSError(message)


def _walk(root: Path, exclude: Globs, report: Report | None) -> Iterator[InputFile]:
    """Walk one folder without recursion (trees may be deeper than Python's stack), entries sorted."""
    root_real = Path(os.path.realpath(root))
    first = _list(root, report, top=True)
    stack: list[tuple[PurePosixPath, Iterator[os.DirEntry[str]]]] = [(PurePosixPath(), iter(first or []))]
    while stack:
        rel, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        child_rel = rel / entry.name
        # Excluded entries are not looked at further: no stat, no note on a FIFO the user left out.
        if entry.name.startswith(".") or (exclude and exclude.matches(child_rel, folder=_is_folder(entry))):
            continue
        kind = _kind(entry, root_real, report)
        if kind == "dir":
            listed = _list(Path(entry.path), report)
            if listed is not None:
                stack.append((child_rel, iter(listed)))
        elif kind == "file":
            yield InputFile(Path(entry.path), child_rel)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder (not a link to one), for folder-only patterns such as "build/"."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _list(folder: Path, report: Report | None, *, top: bool = False) -> list[os.DirEntry[str]] | None:
    """A folder's entries sorted by name; None when it cannot be read or is an output folder."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        _problem(report, folder, f"cannot read folder: {exc.strerror or exc}", exc)
        return None
    if not top and any(e.name == OUTPUT_MARKER for e in entries):
        _problem(report, folder, f"skipped: an output folder of `cleaner clean -o` (it holds {OUTPUT_MARKER})",
                 error=False)
        return None
    return entries


def _kind(entry: os.DirEntry[str], root_real: Path, report: Report | None) -> str:
    """What to do with a folder entry: "dir" (walk it), "file" (yield it) or "" (skip it)."""
    try:
        if entry.is_symlink():
            try:
                target = os.stat(entry.path)
            except FileNotFoundError:
                return ""  # a dangling link: nothing to read
            # A linked folder inside the tree is walked under its own name anyway, and
            # following links invites cycles; a linked file counts if it stays inside.
            if stat.S_ISDIR(target.st_mode) or root_real not in Path(os.path.realpath(entry.path)).parents:
                return ""
            if stat.S_ISREG(target.st_mode):
                return "file"
        # The entry's type comes with the listing on most file systems: no system call per file.
        elif entry.is_dir(follow_symlinks=False):
            return "dir"
        elif entry.is_file(follow_symlinks=False):
            return "file"
    except OSError as exc:
        _problem(report, Path(entry.path), f"cannot read: {exc.strerror or exc}", exc)
        return ""
    # A FIFO would block the run until something writes to it, and a device never ends.
    _problem(report, Path(entry.path), "skipped: not a regular file", error=False)
    return ""


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
