"""Path globs with .gitignore semantics: the one matcher of `--exclude` and `[tool.cleaner]` include/exclude.

The rules are git's (see `git help gitignore`), so a pattern means here what it means in the
repository's own .gitignore: a pattern without "/" (or with "/" only at its end) matches a name
at any depth ("drafts", "*.css"); one with "/" at its start or middle is anchored to the folder
walked or configured ("/top.txt", "raw/*.txt", where "*" does not cross "/"); "**" matches any
number of folders ("a/**/old"); a trailing "/" matches folders only ("build/"); "!" re-includes
what an earlier pattern matched ("!keep.txt"), except below a folder already matched. A folder
that matches takes everything below it along.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath
from typing import Iterable

# Shown by `--help` and docs/hooks.md, so that the one description stays the one behaviour.
SEMANTICS = ('.gitignore rules: "name" or "*.css" at any depth, "/x" or "a/*/x" from the top folder, '
             '"**" for any folders, "x/" folders only, "!x" to re-include')


class Globs:
    """A compiled list of patterns; empty matches nothing."""

    def __init__(self, patterns: Iterable[str] = ()) -> None:
        self.patterns = tuple(patterns)
        self._spec = None
        if self.patterns:
            # Imported only when there are patterns: pathspec probes its regex backends on import
            # (hyperscan, re2), a sixth of the start-up of `cleaner check` on one file.
            import pathspec

            self._spec = pathspec.GitIgnoreSpec.from_lines(self.patterns)

    def __bool__(self) -> bool:
        return self._spec is not None

    def matches(self, rel: PurePosixPath | str, *, folder: bool = False) -> bool:
        """Whether the path (relative to the patterns' folder) or a folder above it is matched."""
        if self._spec is None:
            return False
        text = rel.as_posix() if isinstance(rel, PurePosixPath) else rel
        text = text.lstrip("/")  # a path outside the folder is given whole; patterns stay relative
        return self._spec.match_file(text + "/" if folder and text else text)


def matches(rel: PurePosixPath | str, patterns: tuple[str, ...], *, folder: bool = False) -> bool:
    """Whether the patterns (see Globs) match rel; each list of patterns is compiled once."""
    return _compiled(patterns).matches(rel, folder=folder)


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> Globs:
    return Globs(patterns)
