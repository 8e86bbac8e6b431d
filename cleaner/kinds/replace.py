"""replace: rewrite matches inside lines (`\\1`, `\\g<name>` in `with` refer to groups)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.kinds.base import PATTERN, Key

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

KEYS = {"pattern": PATTERN, "with": Key("text", required=True, allow_empty=True)}


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
    out, i = [], 0
    while i < len(template):
        ch = template[i]
        if ch == "\\" and i + 1 < len(template):
            nxt = template[i + 1]
            if nxt.isdigit():
                out.append(groups[int(nxt)] if int(nxt) < len(groups) else "")
                i += 2
                continue
            if nxt == "g" and template.startswith("<", i + 2) and ">" in template[i + 3 :]:
                end = template.index(">", i + 3)
                name = template[i + 3 : end]
                index = int(name) if name.isdigit() else names.get(name, len(groups))
                out.append(groups[index] if index < len(groups) else "")
                i = end + 1
                continue
            out.append(nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
