"""How `cleaner check` and `cleaner fix` show what they find: lines, JSON, GitHub annotations, counts, diffs."""
from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from cleaner.result import Removal

_QUOTE_CHARS = 40


def message(r: Removal) -> str:
    """What a removal does to the page, with its text shortened."""
    if r.replacement:
        return f"replaced {_quote(r.text)} with {_quote(r.replacement)}"
    return f"removed {_quote(r.text)}" if r.column is not None else f"removed line {_quote(r.text)}"


def finding_line(path: str, r: Removal, offset: int = 0) -> str:
    """`path:line:col: rule-id message`, the form editors and terminals make clickable.

    offset: lines above the text the rules saw (a front matter block).
    """
    return f"{path}:{r.line + offset}:{r.column or 1}: {r.rule} {message(r)}"


def finding_record(path: str, r: Removal, offset: int = 0) -> dict[str, object]:
    """A finding for --format json."""
    record: dict[str, object] = {"path": path, "line": r.line + offset, "column": r.column or 1, "rule": r.rule,
                                 "kind": r.kind, "message": message(r), "text": r.text}
    if r.replacement is not None:
        record["replacement"] = r.replacement
    return record


def github_line(path: str, r: Removal, offset: int = 0) -> str:
    """A GitHub Actions workflow command: an error annotation on the finding's line and column."""
    return github_command("error", f"{r.rule} {message(r)}", file=path, line=r.line + offset, col=r.column or 1)


def github_command(level: str, text: str, **props: object) -> str:
    """`::level prop=value,…::text`, escaped as the Actions runner reads it (actions/toolkit's
    command.ts: % CR LF in the text; those and : , in property values)."""
    shown = ",".join(f"{key}={_escape_property(str(value))}" for key, value in props.items())
    return f"::{level} {shown}::{_escape_data(text)}" if shown else f"::{level}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def statistics(found: Iterable[tuple[str, Removal]]) -> list[tuple[str, int, int]]:
    """(rule id, findings, files) for every rule that found something, most findings first (ruff's
    --statistics); ties by rule id."""
    counts: Counter[str] = Counter()
    files: dict[str, set[str]] = {}
    for path, r in found:
        counts[r.rule] += 1
        files.setdefault(r.rule, set()).add(path)
    return sorted(((rule, n, len(files[rule])) for rule, n in counts.items()), key=lambda t: (-t[1], t[0]))


def statistics_lines(rows: list[tuple[str, int, int]]) -> list[str]:
    """The statistics as aligned text: count, rule id, files."""
    width = max((len(str(n)) for _rule, n, _files in rows), default=1)
    rule_width = max((len(rule) for rule, _n, _files in rows), default=1)
    return [f"{n:>{width}}  {rule:<{rule_width}}  in {files} file{'s' * (files != 1)}" for rule, n, files in rows]


def statistics_records(rows: list[tuple[str, int, int]]) -> list[dict[str, object]]:
    """The statistics for --format json."""
    return [{"rule": rule, "count": n, "files": files} for rule, n, files in rows]


def unified_diff(path: str, old: str, new: str, *, old_label: str | None = None) -> str:
    """The unified diff from old to new, both labelled path ("\\n" line endings)."""
    import difflib  # check --diff only

    out = []
    old_lines = _lf(old).splitlines(True)
    for line in difflib.unified_diff(old_lines, new.splitlines(True), old_label or path, path):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _quote(text: str) -> str:
    """JSON-quoted text with runs of space collapsed, cut to a readable length."""
    short = " ".join(text.split())
    if len(short) > _QUOTE_CHARS:
        short = short[: _QUOTE_CHARS - 1] + "…"
    return json.dumps(short, ensure_ascii=False, allow_nan=False)
