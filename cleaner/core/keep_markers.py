"""`cleaner: keep` markers: the inline escape hatch that keeps a line from every rule, or from some."""
from __future__ import annotations

import re

KEEP_MARKER = "cleaner: keep"
# `cleaner: keep[zh-news/share-bar, cri.cn]`: the line is kept from those rules (ids or file names)
# only, as ruff's `# noqa: E501` silences E501 alone; a bare `cleaner: keep` keeps it from every rule.
_KEEP = re.compile(r"cleaner: keep(?:\[([^\]\n]*)\])?")


def keep_marker(line: str) -> tuple[str, ...] | None:
    """The rule ids or file names a line's `cleaner: keep[…]` markers name; None for a bare
    `cleaner: keep` (every rule); () when the line has no marker."""
    named: list[str] = []
    for m in _KEEP.finditer(line):
        if m.group(1) is None:
            return None
        named.extend(s.strip() for s in m.group(1).split(",") if s.strip())
    return tuple(named)


def read_markers(lines: list[str]) -> tuple[set[int], dict[int, tuple[str, ...]]]:
    """(lines kept from every rule, line -> the rules it is kept from), by 0-based index."""
    protected: set[int] = set()
    kept: dict[int, tuple[str, ...]] = {}
    for i, line in enumerate(lines):
        if KEEP_MARKER not in line:
            continue
        named = keep_marker(line)
        if named is None:
            protected.add(i)
        elif named:
            kept[i] = named
    return protected, kept
