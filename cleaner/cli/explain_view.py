"""`cleaner explain` for people: runs of removed lines folded, only what stays, a summary per rule."""
from __future__ import annotations

import os
from collections import Counter

import click

from cleaner.result import Removal, Result

COLLAPSE_MIN = 3  # a shorter run reads as well in full as folded


def use_color(choice: str) -> bool | None:
    """--color: always/never; auto honours NO_COLOR, then FORCE_COLOR (non-empty, as no-color.org and
    force-color.org say), else colour on a terminal only (None: click decides)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _whole_by_line(result: Result) -> dict[int, list[Removal]]:
    by_line: dict[int, list[Removal]] = {}
    for r in result.removals:
        if r.line:
            by_line.setdefault(r.line, []).append(r)
    return by_line


def collapsed(rendered: list[str], text: str, result: Result) -> list[str]:
    """The explain lines with each run of COLLAPSE_MIN or more lines removed by one rule folded into one.

    A run goes on over blank lines no rule touched; `rendered` holds explain_lines' output, whose
    page lines are told apart from element removals by their line number.
    """
    by_line = _whole_by_line(result)
    lines = _lines(text)
    sole: dict[int, str] = {}  # line -> the one rule that removed it whole
    for n, rs in by_line.items():
        ids = {r.rule for r in rs}
        if len(ids) == 1 and all(r.column is None for r in rs):
            sole[n] = next(iter(ids))
    folds: dict[int, tuple[int, str]] = {}  # first line of a run -> (last line, rule)
    n = 1
    while n <= len(lines):
        rule = sole.get(n)
        if rule is None:
            n += 1
            continue
        last, m = n, n + 1
        while m <= len(lines) and (sole.get(m) == rule or (m not in by_line and not lines[m - 1].strip())):
            if sole.get(m) == rule:
                last = m
            m += 1
        if sum(1 for k in range(n, last + 1) if k in sole) >= COLLAPSE_MIN:
            folds[n] = (last, rule)
        n = last + 1
    out, skip_to = [], 0
    width = len(str(len(lines)))
    for line in rendered:
        number = _number(line)
        if number is None:
            out.append(line)
        elif number in folds:
            last, rule = folds[number]
            removed = sum(1 for k in range(number, last + 1) if k in sole)
            out.append(click.style(f"{'':>{width}} - lines {number}–{last} removed by {rule}", fg="red")
                       + click.style(f"  ({removed} lines)", fg="yellow"))
            skip_to = last
        elif number > skip_to:
            out.append(line)
    return out


def _number(line: str) -> int | None:
    """The page line an explain line shows (None for element removals and comments)."""
    head = click.unstyle(line).lstrip().split(" ", 1)[0]
    return int(head) if head.isdigit() else None


def kept_lines(text: str, result: Result) -> list[str]:
    """Only what stays: each line with text that no rule removed whole, with its number, spans taken out."""
    by_line = _whole_by_line(result)
    lines = _lines(text)
    width = len(str(len(lines)))
    out = []
    for n, line in enumerate(lines, 1):
        removals = by_line.get(n, [])
        if any(r.column is None for r in removals):
            continue
        for r in sorted((r for r in removals if r.column is not None), key=lambda r: -r.column):  # right to left
            start = r.column - 1
            if line[start:start + len(r.text)] == r.text:
                line = line[:start] + (r.replacement or "") + line[start + len(r.text):]
        if not line.strip():
            continue  # blank, or its spans took all of it: blank lines settle in the output
        out.append(f"{n:>{width}}   {line}")
    return out


def summary(result: Result, text: str) -> list[str]:
    """A closing summary: removals per rule, most first, and how many lines stayed."""
    counts = Counter(r.rule for r in result.removals)
    full = [n for n, line in enumerate(_lines(text), 1) if line.strip()]
    gone = {r.line for r in result.removals if r.line and r.column is None}
    rules = f"{len(counts)} rule{'s' * (len(counts) != 1)}"
    out = [f"# summary: {len(result.removals)} removal{'s' * (len(result.removals) != 1)} by {rules}; "
           f"{sum(n not in gone for n in full)} of {len(full)} lines with text kept"]
    width = len(str(max(counts.values(), default=0)))
    out += [f"#   {n:>{width}}  {rule}" for rule, n in counts.most_common()]
    return out
