"""One entry point for any page: scraped text goes to the text engine, HTML to the HTML path."""
from __future__ import annotations

from cleaner.core.huge import clean_text_pieces, in_pieces
from cleaner.core.result import Result
from cleaner.core.text import clean_text
from cleaner.ruleset.ruleset import RuleSet
from cleaner.sniff import looks_like_html


def clean_document(text: str, rules: RuleSet, *, url: str | None = None, kind: str = "auto",
                   keep_extracted: bool = False) -> Result:
    """Clean a page given as text or HTML; kind is 'auto', 'text' or 'html'.

    keep_extracted: a huge HTML page's result keeps its extracted text too (for explain; other
    pages' results always do).
    """
    if kind == "html" or (kind == "auto" and looks_like_html(text)):
        from cleaner.core.html_page import (
            clean_html,  # lazy: keeps the text-only path free of lxml/trafilatura
        )

        return clean_html(text, rules, url=url, keep_extracted=keep_extracted)
    if in_pieces(text, kind):
        return clean_text_pieces(text, rules, url=url)
    return clean_text(text, rules, url=url)
