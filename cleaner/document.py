"""One entry point for any page: scraped text goes to the text engine, HTML to the HTML path."""
from __future__ import annotations

from .engine import clean_text
from .io.sniff import looks_like_html
from .result import Result
from .ruleset.ruleset import RuleSet

def clean_document(text: str, rules: RuleSet, *, url: str | None = None, kind: str = "auto") -> Result:
    """Clean a page given as text or HTML; kind is 'auto', 'text' or 'html'."""
    if kind == "html" or (kind == "auto" and looks_like_html(text)):
        from .html_page import clean_html  # lazy: keeps the text-only path free of lxml/trafilatura

        return clean_html(text, rules, url=url)
    return clean_text(text, rules, url=url)
