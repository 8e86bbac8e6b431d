"""CSS selector checks for rule loading, using the same engine (Lexbor) that applies them.

Class and id selectors match whole tokens, as CSS specifies: `.ad` matches class="ad big" but
not class="header" or class="adv". Attribute substring selectors (`[class*=ad]`) do match
substrings; that is the rule author's explicit choice.
"""
from __future__ import annotations

from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

_PROBE_HTML = "<html><head><title>t</title></head><body><div class='a' id='b'><p>x</p></div></body></html>"


@lru_cache(maxsize=1)
def _probe() -> LexborHTMLParser:
    """A tiny document to run selectors against; parsing it once is enough."""
    return LexborHTMLParser(_PROBE_HTML)


def validate_selector(sel: str) -> str | None:
    """Return an error message if `sel` is not a usable CSS selector, else None."""
    if not isinstance(sel, str) or not sel.strip():
        return "empty CSS selector"
    try:
        _probe().css(sel)
    except Exception as exc:  # Lexbor raises SelectolaxError (or ValueError) on bad syntax
        return f"invalid CSS selector {sel!r}: {exc}"
    return None
