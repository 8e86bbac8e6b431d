"""A run's inputs: page files and record streams (files or stdin), found by walking the paths given."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Sequence

from cleaner.io.jsonl import is_jsonl_name
from cleaner.io.walk import Problem, iter_inputs
from cleaner.run.formats import shown_path

Say = Callable[[str], None]  # takes one message line for stderr


@dataclass(frozen=True)
class Source:
    """One input: a page file, or a stream of JSON records (a file or stdin)."""

    path: Path
    rel: PurePosixPath
    records: bool

    @property
    def display(self) -> str:
        """How messages name it."""
        return "<stdin>" if str(self.path) == "-" else shown_path(self.path)


STDIN_PAGE = Source(Path("-"), PurePosixPath("stdin"), False)


def find_sources(paths: Sequence[Path], exclude: Sequence[str], input_format: str, say: Say,
                 fail: Callable[[str, str], None]) -> list[Source]:
    """The inputs, each once; a path that cannot be read is said, told to fail(path, message), and the run goes on.

    input_format: "jsonl" (every input holds records), "page" (none does) or "auto" (by name).
    A missing path raises FileNotFoundError before anything is found: a usage error.
    """
    if [str(p) for p in paths] == ["-"]:
        return [Source(Path("-"), PurePosixPath("stdin.jsonl"), True)]

    def report(problem: Problem) -> None:
        shown = shown_path(problem.path)
        say(f"{shown}: {'error' if problem.error else 'note'}: {problem.message}")
        if problem.error:
            fail(shown, problem.message)

    inputs = list(iter_inputs(paths, exclude=exclude, report=report))
    force = {"page": False, "jsonl": True}.get(input_format)
    return [Source(i.path, i.rel, is_jsonl_name(i.path.name) if force is None else force) for i in inputs]
