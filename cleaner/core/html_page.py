"""HTML pages through the same rule files: selector rules and extraction first, then text rules.

Removals of HTML elements carry line 0 (they have no line in the page's text); removals made by
text rules carry lines of the extracted text, which starts with the title. A huge page goes in
pieces (see html/pieces.py): each piece's text gets the text rules on its own, and line numbers
count on from the pieces before.
"""
from __future__ import annotations

from cleaner.core.comments import comments_of
from cleaner.core.dates import merged
from cleaner.core.huge import HUGE_HTML_CHARS, PIECE_CHARS, is_huge_html
from cleaner.core.page import Page
from cleaner.core.plan import Plan, Plans, plans_of
from cleaner.core.stitch import Stitch
from cleaner.core.text import finish, run_plan
from cleaner.html import HtmlSiteRules, SelectorRule, extract_html
from cleaner.html.pieces import extract_pieces
from cleaner.result import Removal, Result
from cleaner.ruleset.ruleset import RuleSet


def clean_html(html: str, rules: RuleSet, *, url: str | None = None, keep_extracted: bool = False) -> Result:
    """Clean one page as HTML (what Cleaner(rules, Options(markup="html")).clean does)."""
    return clean_html_page(html, plans_of(rules), url=url, keep_extracted=keep_extracted)


def clean_html_page(html: str, plans: Plans, *, url: str | None, keep_extracted: bool = False,
                    comments: bool = False) -> Result:
    """Clean one HTML page: the site's selector rules, main-content extraction, then its text rules.

    Extraction is how HTML becomes text, so it always keeps the main content: Options.main_content
    (the text path's selection of the article's run of prose) does not apply to HTML pages.
    """
    huge = is_huge_html(html)
    # A huge page is claimed by its head: folding all of it for the fingerprints would copy it.
    # Otherwise its UTF-8, encoded once, serves the claim and the parser.
    utf8 = None if huge else html.encode("utf-8")
    plan = plans.plan_for(html[:HUGE_HTML_CHARS] if huge else html, url, utf8=utf8)
    site_rules = HtmlSiteRules(
        drop=tuple(SelectorRule(r.id, r.params["selector"]) for r in plan.html_rules),
        **{k: plan.html.get(k) for k in ("body", "title", "date", "author")},
    )
    if huge:
        return _clean_in_pieces(html, plan, site_rules, url, keep_extracted)
    extract = extract_html(html, url=url, rules=site_rules, comments=comments, utf8=utf8)
    text = extract.headed_text()  # as in scraped pages: text rules and golden outputs see one shape
    page = Page(text)
    run_plan(page, plan)
    result = finish(page, plan, url)
    metadata = merged(extract.metadata, result.metadata)  # what a site's rules captured wins
    if comments:
        metadata["comments"] = comments_of(result.text)  # type: ignore[assignment]
    return Result(result.text, metadata, extract.removed + result.removals, result.site, result.packs, text)


def _clean_in_pieces(html: str, plan: Plan, site_rules: HtmlSiteRules, url: str | None, keep_extracted: bool) -> Result:
    """clean_html on a huge page, a piece at a time; nothing of a piece outlives it but its output."""
    stitch = Stitch()  # the text rules' results (what they captured: the first piece's wins)
    extracted: list[str] = []  # only when asked: it would double what the result holds
    elements: list[Removal] = []
    metadata: dict[str, str] = {}  # the extraction's (a later piece's value wins)
    for n, extract in enumerate(extract_pieces(html, size=PIECE_CHARS, url=url, rules=site_rules)):
        text = extract.headed_text(with_title=n == 0)
        page = Page(text)
        if keep_extracted:
            extracted.append(text)
        del text
        run_plan(page, plan)
        stitch.add(finish(page, plan, url), len(page.lines))
        metadata.update(extract.metadata)
        elements += extract.removed
        del page
    return Result(stitch.text(), merged(metadata, stitch.metadata), tuple(elements + stitch.removals), plan.site,
                  plan.packs, "".join(extracted) if keep_extracted else None)
