"""The rules the engine itself credits removals to: no rule file defines them, `rules list` shows them."""
from __future__ import annotations

from cleaner.core.text import MAIN_CONTENT_RULE
from cleaner.html.comments import COMMENTS_RULE
from cleaner.html.steps import GENERIC_RULE, NESTING_RULE
from cleaner.html.unchosen import MAIN_CONTENT_RULE as HTML_MAIN_CONTENT_RULE
from cleaner.ruleset.model import Rule

BUILTIN_RULES: tuple[Rule, ...] = (
    MAIN_CONTENT_RULE,
    Rule(GENERIC_RULE, "drop-element",
         "HTML furniture left out by tag, role or class and id words (nav, footer, share bars, hidden elements).", {}),
    Rule(HTML_MAIN_CONTENT_RULE, "drop-element",
         "HTML blocks outside the page's main content (or outside a site file's body).", {}),
    Rule(COMMENTS_RULE, "drop-element",
         "A thread's later posts, and what reader comments lose in comments mode (labels, dates, the form).", {}),
    Rule(NESTING_RULE, "drop-element", "Block tags nested deeper than 512 levels, unwrapped (their text kept).", {}),
)
