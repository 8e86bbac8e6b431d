"""drop-element: remove HTML elements by CSS selector (class and id match whole tokens).

Runs on HTML pages only, before the article text is extracted; on text pages it does nothing.
Class and id selectors match whole tokens, as CSS specifies: `.ad` matches class="ad big" but
not class="header" or class="adv". Attribute substring selectors (`[class*=ad]`) do match
substrings; that is the rule author's explicit choice.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cleaner.kinds.base import Key, Problem

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

NAME = "drop-element"
TARGET = "html"
SUMMARY = "HTML elements by CSS selector (class and id match whole tokens)"
DETAIL = ("HTML pages only: every element the CSS selector matches, before the article is extracted "
          "(`.ad` matches the class token `ad`, never `header` or `adv`)")
KEYS = {"selector": Key("selector", required=True)}
TRIGGER = "selector"
EDITS_INSIDE_LINES = False
ONE_LINE_AT_A_TIME = False  # it sees elements, not lines

_PROBE_HTML = "<html><head><title>t</title></head><body><div class='a' id='b'><p>x</p></div></body></html>"


def validate(params: dict[str, Any], where: str) -> list[Problem]:
    """The selector must be CSS that Lexbor, which applies it, can read."""
    selector = params.get("selector")
    problem = None if selector is None else validate_selector(selector)
    return [("selector", f'"selector" {where}: {problem}')] if problem else []


def validate_selector(sel: str) -> str | None:
    """Return an error message if `sel` is not a usable CSS selector, else None."""
    if not isinstance(sel, str) or not sel.strip():
        return "empty CSS selector"
    try:
        _probe().css(sel)
    except Exception as exc:  # Lexbor raises SelectolaxError (or ValueError) on bad syntax
        return f"invalid CSS selector {sel!r}: {exc}"
    return None


@lru_cache(maxsize=1)
def _probe() -> LexborHTMLParser:
    """A tiny document to run selectors against, parsed once (imported here: text runs never need Lexbor)."""
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(_PROBE_HTML)


def apply(page: Page, rule: Rule) -> None:
    """Nothing to do on text: the HTML path applies these rules to the parsed document."""
