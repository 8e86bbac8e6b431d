"""HTML pages through the same rule files: selector rules and extraction first, then text rules.

Removals of HTML elements carry line 0 (they have no line in the page's text); removals made by
text rules carry lines of the extracted text, which starts with the title.
"""
from __future__ import annotations

from .engine import finish, run_plan
from .html import HtmlSiteRules, SelectorRule, extract_html
from .page import Page
from .result import Removal, Result
from .ruleset.ruleset import RuleSet


def clean_html(html: str, rules: RuleSet, *, url: str | None = None) -> Result:
    """Clean one HTML page: the site's selector rules, main-content extraction, then its text rules."""
    plan = rules.plan_for(html, url)
    site_rules = HtmlSiteRules(
        drop=tuple(SelectorRule(r.id, r.params["selector"]) for r in plan.html_rules),
        **{k: plan.html.get(k) for k in ("body", "title", "date", "author")},
    )
    extract = extract_html(html, url=url, rules=site_rules)
    title = extract.metadata.get("title")
    # The title heads the text as in scraped pages, so text rules and golden outputs see one shape.
    text = f"{title}\n\n{extract.text}" if title and extract.text else extract.text
    page = Page(text)
    run_plan(page, plan)
    result = finish(page, plan, url)
    metadata = {**extract.metadata, **result.metadata}  # what a site's rules captured wins
    elements = tuple(Removal(e.rule, 0, e.text, "drop-element") for e in extract.removed)
    return Result(result.text, metadata, elements + result.removals, result.site, result.packs, text)
