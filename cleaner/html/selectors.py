"""A short CSS path for an element, for reports and for turning a removal into a `drop-element` rule.

`div#side > ul.hotnews`: the element's tag with its id or first class words, then its parents'
with child combinators, up to the nearest parent with an id, or three steps in all. Only tags, ids
and whole class words are used (no `:nth-child`), so the path matches the element in the page as
it came, before any removal, as `drop-element` would apply it; it may match its like-named
siblings too, which is what a rule wants.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

MAX_STEPS = 3
MAX_CLASSES = 2  # on the element itself; a parent gets one
MAX_WORD = 40  # longer class or id words (generated names) are left out: the path still matches
# Name characters: A-Z a-z 0-9 _ - and all of U+0080 on, spelled as the ASCII they are not (a class
# reaching U+10FFFF took sre 20 ms to compile, at every start of the CLI).
_PLAIN = re.compile(r"[^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]")
# Most names need no escape: a letter, `_` or non-ASCII first (or `-` then one of those), then name characters.
_NEEDS_NONE = re.compile(r"-?[^\x00-\x40\x5b-\x5e\x60\x7b-\x7f][^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]*")
_TOP = frozenset({"html", "body"})


def css_identifier(name: str) -> str:
    """`name` escaped as a CSS identifier (CSSOM's serialisation): `1ab` -> `\\31 ab`, `a.b` -> `a\\.b`."""
    if _NEEDS_NONE.fullmatch(name):
        return name
    out = []
    for i, char in enumerate(name):
        if char.isdigit() and char.isascii() and (i == 0 or (i == 1 and name[0] == "-")):
            out.append(f"\\{ord(char):x} ")
        elif _PLAIN.fullmatch(char) and not (char == "-" and len(name) == 1):
            out.append(char)
        else:
            out.append("\\" + char)
    return "".join(out)


def _step(node: LexborNode, classes: int) -> tuple[str, bool]:
    """One step of the path (tag, id or class words), and whether it has an id."""
    tag = css_identifier(node.tag) if node.tag else "*"  # `ns:tag` names a tag, not a pseudo-class
    attrs = node.attributes
    ident = (attrs.get("id") or "").strip()
    if ident and " " not in ident and len(ident) <= MAX_WORD:
        return f"{tag}#{css_identifier(ident)}", True
    words = [w for w in (attrs.get("class") or "").split() if len(w) <= MAX_WORD][:classes]
    return tag + "".join("." + css_identifier(w) for w in words), False


def css_path(node: LexborNode) -> str:
    """A short CSS path that matches `node` in its page (see the module's docstring)."""
    steps: list[str] = []
    current: LexborNode | None = node
    while current is not None and len(steps) < MAX_STEPS:
        tag = current.tag
        if not tag or tag.startswith("-") or (steps and tag in _TOP):
            break
        step, has_id = _step(current, MAX_CLASSES if not steps else 1)
        steps.append(step)
        if has_id:
            break
        current = current.parent
    return " > ".join(reversed(steps))
