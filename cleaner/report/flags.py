"""Which pages may need a look: the hints the index flags them with."""
from __future__ import annotations

from cleaner.io.guess import DOUBTFUL
from cleaner.result import Result

# Review hints, chosen by hand (not tuned on any corpus): a reviewer would rather see a few
# pages too many than miss an article the rules ate.
SHORT_OUTPUT = 200  # characters of output below which an article is suspiciously short
LARGE_SHARE = 0.9  # share of the page's text removed above which the page is flagged


def page_flags(result: Result, text_chars: int, confidence: float) -> list[str]:
    """The flags of one cleaned page; text_chars: the page's visible text before cleaning."""
    flags = []
    out = len(result.text.strip())
    if not out:
        flags.append("empty output")
    elif out < SHORT_OUTPUT:
        flags.append("short output")
    if text_chars and out and 1 - out / text_chars > LARGE_SHARE:
        flags.append(f"{1 - out / text_chars:.0%} removed")
    # A page that is not one article (metadata page_type): a listing's output is at best a blurb.
    kind = result.metadata.get("page_type")
    if kind and kind != "article":
        flags.append(f"page type: {kind}")
    if result.site is None:
        flags.append("no site file")
    if confidence < DOUBTFUL:  # where the CLI warns too
        flags.append(f"encoding guessed ({confidence:.2f})")
    return flags
