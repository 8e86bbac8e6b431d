"""drop-element: remove HTML elements by CSS selector (class and id match whole tokens).

Runs on HTML pages only, before the article text is extracted; on text pages it does nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.kinds.base import Key

if TYPE_CHECKING:
    from cleaner.core.page import Page
    from cleaner.ruleset.model import Rule

KEYS = {"selector": Key("selector", required=True)}


def apply(page: Page, rule: Rule) -> None:
    """Nothing to do on text: the HTML path applies these rules to the parsed document."""
