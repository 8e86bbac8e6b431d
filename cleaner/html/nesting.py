"""Bound how deep block tags nest before Lexbor parses a page.

Lexbor's tree builder looks down the stack of open elements for every block start tag ("is a
<p> in button scope?"), so `<div>` nested 100,000 deep takes 8 s and a million would take
hours (inline tags such as <span> or <font> cost nothing like it). Browsers cap the depth
(Chromium's parser at 512); here block tags beyond LIMIT levels are unwrapped before parsing:
their text stays, only the surplus levels of structure go.
"""
from __future__ import annotations

import re

LIMIT = 512

# The start tags that make the parser search the stack (HTML's "close a p element" steps).
# <p>, <li>, <dd> are left out: the parser closes them when a sibling opens, so they stay flat.
_BLOCKS = ("address|article|aside|blockquote|center|details|dialog|dir|div|dl|fieldset|figcaption|"
           "figure|footer|form|header|hgroup|h[1-6]|listing|main|menu|nav|ol|pre|section|summary|table|ul")


def _by_first_letter(tags: str) -> str:
    """The alternation of tags grouped by first letter, after a lookahead for those letters.

    `(?=[ad…])(?:a(?:rticle|side)|d(?:iv|l)|…)`: end tags, comments and most inline tags (<img>,
    <i>, <em>) are turned away at once, and one branch is tried, not all (0.29 -> 0.23 ms a page).
    """
    groups: dict[str, list[str]] = {}
    for tag in tags.split("|"):
        groups.setdefault(tag[0], []).append(tag[1:])
    branches = "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return f"(?=[{''.join(groups)}])(?:{branches})"


_OPEN = re.compile(rf"<{_by_first_letter(_BLOCKS)}[\s/>]", re.I)
_SHORTEST_OPEN = 4  # "<ol>"
_TAG = re.compile(rf"<(/?)(?:{_BLOCKS})[\s/>]", re.I)


def limit_nesting(html: str, limit: int = LIMIT) -> tuple[str, int]:
    """html with the tags nested deeper than limit unwrapped, and how many tags were dropped."""
    # Depth cannot exceed the number of block start tags (a page too short to hold that many
    # needs no count).
    if len(html) <= _SHORTEST_OPEN * limit or len(_OPEN.findall(html)) <= limit:
        return html, 0
    depth = 0
    dropped = 0
    pieces: list[str] = []
    start = 0
    for match in _TAG.finditer(html):
        if match.group(1):
            deep = depth > limit
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deep = depth > limit
        if deep:  # drop the tag itself: from "<" through its ">"
            end = html.find(">", match.end() - 1)
            end = len(html) if end < 0 else end + 1
            pieces.append(html[start:match.start()])
            start = end
            dropped += 1
    if not dropped:
        return html, 0
    pieces.append(html[start:])
    return "".join(pieces), dropped
