"""Learn the HTML part of a site's rules, then the text rules for what extraction leaves.

Each page is flattened into text blocks (the HTML path's own walk) and the site's text zones say
which blocks are the article body: that gives the article container (`html.body`) and
`drop-element` selectors for furniture next to it. Text rules are then learned from the pages
as the HTML path extracts them with those rules, so they fit what they will run on.
"""
from __future__ import annotations

from typing import Sequence

from cleaner.html import HtmlSiteRules, SelectorRule, extract_html
from cleaner.learn.html_body import HtmlPage, learn_body
from cleaner.learn.html_drops import learn_drops
from cleaner.learn.learner import learn_site, unique_ids
from cleaner.learn.lines import SitePage
from cleaner.learn.model import LearnedSite, LearnOptions
from cleaner.learn.zones import find_zones
from cleaner.ruleset.ruleset import RuleSet


def extracted_text(html: str, rules: HtmlSiteRules) -> str:
    """What the HTML path hands to text rules: the title, then the extracted article."""
    return extract_html(html, rules=rules).headed_text()


def learn_html_site(pages: Sequence[tuple[str, str]], site: str, *, options: LearnOptions = LearnOptions(),
                    base: RuleSet | None = None) -> LearnedSite:
    """Learn a site's rule file from (name, HTML) pairs: the article container, then text rules."""
    pages = sorted(pages, key=lambda page: page[0])  # the file must not depend on the order pages came in
    parsed = [HtmlPage.parse(name, html) for name, html in pages]
    site_pages = [SitePage.from_text(p.name, p.text()) for p in parsed]
    zones = find_zones(site_pages)
    cores = [(z.core_start, z.core_end) if z is not None else None for z in zones]
    body, hits = learn_body(parsed, cores, options)
    articles = [(z.title, z.core_end) if z is not None else None for z in zones]
    drops = learn_drops(parsed, articles, options)
    rules = HtmlSiteRules(drop=tuple(SelectorRule(p.rule_id, p.params["selector"]) for p in drops), body=body)
    learned = learn_site([(p.name, extracted_text(p.html, rules)) for p in parsed], site, options=options, base=base)
    learned.proposals = drops + learned.proposals
    unique_ids(learned.proposals)
    if body is not None:
        learned.html["body"] = body
        learned.notes.insert(0, f"html.body holds the article on {hits} of {len(parsed)} pages")
    return learned
