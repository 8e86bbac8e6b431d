"""HTML path of the cleaner: site selector rules, main-content extraction, page metadata.

`extract_html(html, url=..., rules=...)` returns the article text without its title
(the title is in `metadata["title"]`; the caller prepends it), the metadata found, every removed
element with the rule that removed it, and the path that produced the text ("rules-body",
"fast", "trafilatura" or "empty"). Image alt text and figure captions are left out of the text
(see blocks.py). Rule loading checks selectors with the drop-element kind's `validate_selector`.
"""
from __future__ import annotations

from cleaner.html.extract import extract_html
from cleaner.html.model import HtmlExtract, HtmlSiteRules, SelectorRule

__all__ = [
    "HtmlExtract", "HtmlSiteRules", "SelectorRule", "extract_html",
]
