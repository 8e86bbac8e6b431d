"""The one entry of the core: Cleaner(rules, options).clean(page, url) -> Result, text or HTML."""
from __future__ import annotations

from dataclasses import replace

from cleaner.core.huge import clean_text_pieces, in_pieces
from cleaner.core.plan import plans_of
from cleaner.core.text import clean_text_page
from cleaner.options import Options
from cleaner.result import Result
from cleaner.ruleset.ruleset import RuleSet
from cleaner.sniff import looks_like_html

_DEFAULT = Options()


class Cleaner:
    """Rules and run options together: cleans page after page, sharing the rules' plans.

    options.markup says how a page is read ("auto": HTML or scraped text, told by content);
    options.main_content=False applies the rules only on scraped text. HTML pages always go
    through main-content extraction, which is how HTML becomes text. options.comments keeps
    reader comments and a thread's posts after the article (not in huge pages' pieces).
    """

    def __init__(self, rules: RuleSet, options: Options = _DEFAULT) -> None:
        if not isinstance(rules, RuleSet):
            raise TypeError(f"Cleaner: rules must be a RuleSet, not {type(rules).__name__}")
        if not isinstance(options, Options):
            raise TypeError(f"Cleaner: options must be an Options, not {type(options).__name__}")
        self.rules = rules
        self.options = options
        self._plans = plans_of(rules)  # built once per RuleSet, shared by every Cleaner of it

    def is_html(self, page: str) -> bool:
        """Whether the page goes the HTML way."""
        markup = self.options.markup
        return markup == "html" or (markup == "auto" and looks_like_html(page))

    def reading(self, markup: str) -> Cleaner:
        """This cleaner reading pages as markup (a record's `html` field is HTML whatever the options say)."""
        if markup == self.options.markup:
            return self
        return Cleaner(self.rules, replace(self.options, markup=markup))  # type: ignore[arg-type]

    def in_pieces(self, page: str) -> bool:
        """Whether the page is huge and cleaned in pieces (a run tells the user)."""
        return in_pieces(page, self.options.markup)

    def clean(self, page: str, url: str | None = None, *, keep_extracted: bool = False) -> Result:
        """Clean one page; keep_extracted: a huge HTML page's result keeps its extracted text too (explain)."""
        if self.is_html(page):
            from cleaner.core.html_page import (
                clean_html_page,  # lazy: keeps the text-only path free of lxml/trafilatura
            )

            return clean_html_page(page, self._plans, url=url, keep_extracted=keep_extracted,
                                   comments=self.options.comments)
        main = self.options.main_content
        if in_pieces(page, "text"):
            return clean_text_pieces(page, self._plans, url=url, main_content=main)
        return clean_text_page(page, self._plans, url=url, main_content=main, comments=self.options.comments)
