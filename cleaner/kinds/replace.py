"""replace: rewrite matches inside lines (`\\1`, `\\g<name>` in `with` refer to groups)."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Union

from cleaner.kinds.base import PATTERN, Key, Problem

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

NAME = "replace"
TARGET = "text"
SUMMARY = "rewrites matches"
DETAIL = "rewrites matches (`\\1`, `\\g<name>` in `with` name groups of the pattern)"
KEYS = {"pattern": PATTERN, "with": Key("text", required=True, allow_empty=True)}
TRIGGER = "pattern"
EDITS_INSIDE_LINES = True
ONE_LINE_AT_A_TIME = True

# A parsed `with` template: literal text, or a group by number or by name.
Piece = tuple[str, Union[str, int]]


def validate(params: dict[str, Any], where: str) -> list[Problem]:
    """Each group `with` refers to must exist: a missing one would silently put nothing in its place."""
    pattern, template = params.get("pattern"), params.get("with")
    if pattern is None or template is None:
        return []
    count, problems = pattern.regex.groups, []
    for what, ref in parse_template(template):
        if what != "group":
            continue
        if isinstance(ref, int) and ref > count:
            has = f"has {count} group{'' if count == 1 else 's'}" if count else "has no groups"
            problems.append(("with", f'"with" {where} refers to group {ref}, but "pattern" {has}'))
        elif isinstance(ref, str) and ref not in pattern.group_names:
            problems.append(("with", f'"with" {where} refers to group "{ref}", which "pattern" does not name'))
    return problems


def apply(page: Page, rule: Rule) -> None:
    """Replace every match of the rule's pattern; the replacement is built from the original text."""
    pattern, template = rule.params["pattern"], rule.params["with"]
    edits: dict[int, tuple[list[tuple[int, int]], list[str]]] = {}
    for idx, m, start in page.matches(pattern, rule):
        if m.end() == m.start():
            continue
        line = page.lines[idx]
        groups = [_slice(line, m, g, start) for g in range(pattern.regex.groups + 1)]
        spans, news = edits.setdefault(idx, ([], []))
        spans.append((m.start() - start, m.end() - start))
        news.append(expand(template, groups, pattern.group_names))
    for idx, (spans, news) in edits.items():
        page.edit(idx, spans, rule, replacement=news)


def _slice(line: str, m: object, group: int, start: int) -> str:
    s, e = m.span(group)
    return "" if s < 0 else line[s - start : e - start]


def expand(template: str, groups: list[str], names: dict[str, int]) -> str:
    """Expand \\N and \\g<name> in template from the original (unfolded) group texts."""
    out = []
    for what, ref in parse_template(template):
        if what == "text":
            out.append(ref)
            continue
        index = ref if isinstance(ref, int) else names.get(ref, len(groups))
        out.append(groups[index] if index < len(groups) else "")
    return "".join(out)


@lru_cache(maxsize=256)
def parse_template(template: str) -> tuple[Piece, ...]:
    """The template as pieces: ("text", s) or ("group", number or name); `\\x` is a literal x."""
    out: list[Piece] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "\\" and i + 1 < len(template):
            nxt = template[i + 1]
            if nxt.isdecimal():
                out.append(("group", int(nxt)))
                i += 2
                continue
            if nxt == "g" and template.startswith("<", i + 2) and ">" in template[i + 3 :]:
                end = template.index(">", i + 3)
                name = template[i + 3 : end]
                out.append(("group", int(name) if name.isdecimal() else name))
                i = end + 1
                continue
            out.append(("text", nxt))
            i += 2
            continue
        out.append(("text", ch))
        i += 1
    return tuple(out)
