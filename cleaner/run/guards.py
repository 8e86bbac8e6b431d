"""Checks made before any work: no output over an input, no output folder inside an input folder."""
from __future__ import annotations

import os
from pathlib import Path

from cleaner.io import plan_output_names
from cleaner.io.walk import is_within, mark_output_folder
from cleaner.run.formats import SUFFIX, shown_path
from cleaner.run.sources import Source


class Refused(Exception):
    """A run that must not start (a usage error); the message says why and what to do instead."""


def check_output_folder(output: Path, paths: list[Path]) -> None:
    """Refuse an output folder that is a file, or is or lies inside an input folder."""
    existing = next((p for p in (output, *output.parents) if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        raise Refused(f"-o {output}: {existing} is a file, not a folder "
                      "(a single output file takes a name ending .jsonl, or .json for one page)")
    for path in paths:
        if path.is_dir() and is_within(output, path):
            where = "is the input folder" if is_within(path, output) else "lies inside the input folder"
            raise Refused(f"-o {output} {where} {path}: outputs would overwrite or mix with the inputs; "
                          "write them elsewhere, or clean files in place with `cleaner fix`")


def check_overwrites(output: Path, single: bool, holds_inputs: bool, sources: list[Source], fmt: str) -> None:
    """Refuse a run that would write an output (the -o file, or a file in the -o folder) over one of its inputs."""
    if single:
        targets = [output]
    elif holds_inputs:
        # Only then can an output land on an input: the walk follows no folder link out of a named folder.
        names = plan_output_names([s.rel for s in sources if not s.records], SUFFIX[fmt])
        targets = [output.joinpath(*(names.get(s.rel) or s.rel).parts) for s in sources]
    else:
        return
    inputs = {key: s.path for s in sources if (key := _identity(s.path)) is not None}
    for target in targets:
        hit = inputs.get(_identity(target))
        if hit is not None:
            raise Refused(f"-o {output}: the output {shown_path(target)} would overwrite the input "
                          f"{shown_path(hit)}; write elsewhere, or clean page files in place with `cleaner fix`")


def _identity(path: Path) -> tuple[int, int] | None:
    """A file's device and inode, or None when it does not exist."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def mark(output: Path | None, single: bool, holds_inputs: bool = False) -> None:
    """Mark an output folder so that no later walk of a folder above it reads the outputs as inputs.

    A folder that holds inputs of this run (`clean pages/a.html -o pages`) is not marked: the mark
    would hide those inputs from later runs. OSError when the folder cannot be written.
    """
    if output is not None and not single and not holds_inputs:
        mark_output_folder(output)
