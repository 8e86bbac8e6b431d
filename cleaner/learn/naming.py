"""Ids of learned rules that say what they remove: `header-nav`, `footer-copyright`, `side-hotnews`.

An id is made from where the lines sit (header, footer, inside the article) and what they look
like (a generic furniture kind, a menu, short links, text), or from an element's class and id
words; never from a counter, so adding a page to the learning set does not rename the rules.
"""
from __future__ import annotations

import re

from cleaner.learn.furniture import generic_kind
from cleaner.learn.zones import content_length

# Generic furniture kinds (learn/furniture.py) as a reader names them.
KIND_NAMES = {
    "breadcrumb": "breadcrumb", "share": "share-bar", "tools": "tool-bar", "menu": "nav",
    "prev-next": "prev-next", "related": "related-heading", "more": "more-links", "comments": "comments-link",
    "copyright": "copyright", "editor": "editor-line", "caption": "image-caption", "bullet": "bullet-list",
    "tags": "tag-list", "notice": "reprint-notice",
}
_ITEMS = re.compile(r"\s*[\s|·/]\s*")
_WORD = re.compile(r"[a-z0-9]+")
_SHORT_LINK = 12  # content characters: a line this short is a link or a label
MAX_WORDS = 3


def line_label(folded: str, side: str) -> str:
    """What a furniture line is, in a word or two: a generic kind; short lines and menus are the
    header's `nav` and elsewhere `links`; anything longer is `text`."""
    kind = generic_kind(folded)
    if kind is not None:
        return KIND_NAMES[kind]
    items = [w for w in _ITEMS.split(folded.strip()) if w]
    if content_length(folded) <= _SHORT_LINK or (len(items) >= 3 and all(content_length(w) <= 6 for w in items)):
        return "nav" if side == "header" else "links"
    return "text"


def selector_name(selector: str) -> str:
    """An id from a selector's class and id words: `div#side > ul.hot-news` -> `side-hot-news`."""
    words: list[str] = []
    for step in selector.replace(">", " ").split():
        for part in re.split(r"(?=[.#])", step)[1:]:
            words += _WORD.findall(part[1:].lower())
    name = "-".join(dict.fromkeys(words[-MAX_WORDS:]))
    return name or "element"


class Names:
    """Hands out unique ids: the second `footer-links` is `footer-links-2`."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, base: str) -> str:
        name, n = base, 1
        while name in self.taken:
            n += 1
            name = f"{base}-{n}"
        self.taken.add(name)
        return name
