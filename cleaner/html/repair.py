"""Lenient reparse of damaged markup: an unclosed `<title>`, `<textarea>`, `<script>` or `<style>`.

The HTML tokenizer reads such an element's content as raw text up to its end tag, so a missing
or corrupt end tag turns the rest of the page into that element's text: the first parse leaves
nothing to extract. Browsers do the same, and so do lxml (libxml2 ≥ 2.14 follows the HTML5
tokenizer) and trafilatura. What a reader would have seen is recovered by closing the element
where the page's own structure resumes, then parsing again.

Only elements whose content runs into document structure are closed: a title or textarea ends
at its first tag; a script or style (which may quote tags in strings) at `</head>`, `<body>` or
the first block tag after a line break. Used only when the first parse leaves nearly nothing.
"""
from __future__ import annotations

import re

_RAW_OPEN = re.compile(r"<(title|textarea|script|style|xmp)\b[^>]*>", re.IGNORECASE)
# Where a swallowed page's markup starts again.
_ANY_TAG = re.compile(r"<[/!]?[a-z]", re.IGNORECASE)
_STRUCTURE = re.compile(r"</head\s*>|<body\b|\n\s*<(?:div|p|table|h[1-6]|ul|article|section|center)\b", re.IGNORECASE)
# A raw-text element holding this much markup after the break point swallowed the page.
_SWALLOWED_TAGS = 3


def repair_raw_text(html: str) -> str | None:
    """The page with each page-swallowing raw-text element closed, or None when none is found."""
    pieces: list[str] = []
    copied = pos = 0  # copied: html[:copied] is in pieces; pos: where the next element may start
    for opening in _RAW_OPEN.finditer(html):
        if opening.start() < pos:
            continue  # inside an element already handled
        name = opening.group(1).lower()
        start = opening.end()
        end_tag = re.compile(rf"</{name}\s*>", re.IGNORECASE)
        close = end_tag.search(html, start)
        content_end = close.start() if close else len(html)
        breaker = (_ANY_TAG if name in ("title", "textarea", "xmp") else _STRUCTURE).search(html, start, content_end)
        if breaker is None or len(_ANY_TAG.findall(html, breaker.start(), content_end)) < _SWALLOWED_TAGS:
            pos = close.end() if close else len(html)
            continue
        # The stray end tag further on, if any, the parser drops as an unmatched end tag.
        pieces += [html[copied:breaker.start()], f"</{name}>"]
        copied = pos = breaker.start()
    if not pieces:
        return None
    pieces.append(html[copied:])
    return "".join(pieces)
