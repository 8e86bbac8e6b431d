"""extract_html: site rules first, then the rule's body or generic main-content extraction.

Flow: parse once with Lexbor; apply the site's `drop-element` selectors (each removed element
is recorded with its rule id); read metadata (rule selectors win); then either the rule's
`body` container, or generic extraction. Inside a rule body the generic furniture filter still
runs (share bars, hidden elements), since rule authors list only what is special to the site.

Generic extraction is a hybrid. The fast path (fast.py) handles the page unless its result is
nearly empty; then trafilatura runs on the same pruned HTML (site-rule removals applied) and
wins if it finds clearly more text. Generic removals are reported under the rule id "html/boilerplate",
the blocks selection left out under "html/main-content" (unchosen.py): every text block of the
page is in the output or in a removal.

The text never starts with the headline: the title goes to metadata["title"] and the caller
prepends it.
"""
from __future__ import annotations

from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser

from cleaner.html.blocks import PageBlocks, flatten, join_blocks, normalize_space
from cleaner.html.boilerplate import FurnitureFilter
from cleaner.html.comments import later_posts, post_ranges, with_comments
from cleaner.html.fast import FastResult, extract_fast, run_texts
from cleaner.html.metadata import extract_metadata, find_date_in_text
from cleaner.html.model import HtmlExtract, HtmlSiteRules
from cleaner.html.nesting import limit_nesting
from cleaner.html.page_type import page_type
from cleaner.html.repair import repair_raw_text
from cleaner.html.scoring import Tuning, effective_length
from cleaner.html.steps import (
    DATE_SEARCH_BLOCKS,
    NOT_TEXT,
    apply_drop_rules,
    furniture_removals,
    nesting_removal,
    select,
    without_headline,
)
from cleaner.html.thread import article_post, thread_posts, titled_entries
from cleaner.html.unchosen import outside_removals, selection_removals

TUNING = Tuning(prose_offset=20.0)
# A fast result shorter than this (Latin-letter equivalents) is checked against trafilatura,
# which must find this many times more text to be preferred.
FALLBACK_BELOW = 300
FALLBACK_GAIN = 1.5


def _trafilatura(html: str) -> list[str]:
    """trafilatura's paragraphs for the page (imported lazily: it is slow to import)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, favor_precision=True)
    except Exception:  # a second opinion only: its failure must not fail the page
        return []
    return [line for line in (normalize_space(raw) for raw in (text or "").splitlines()) if line]


Generic = tuple[list[str], "PageBlocks | None", str, "FastResult"]


def _generic(tree: LexborHTMLParser, html: str, pruned: bool, title: str | None) -> Generic:
    """Main-content paragraphs, the flattened page, the method that chose them, the fast path's choice."""
    root = tree.body or tree.root
    if root is None:
        return [], None, "empty", FastResult([])
    page = flatten(root, FurnitureFilter(len(root.text(deep=True))))
    fast = extract_fast(page, title, TUNING)
    texts = without_headline(fast.texts, title)
    length = sum(effective_length(t) for t in texts)
    if length >= FALLBACK_BELOW or (texts and fast.declared):  # a short article where the page says it is
        return texts, page, "fast", fast
    # Feed trafilatura the page as the site rules left it (the original when they removed nothing).
    other = without_headline(_trafilatura(tree.html if pruned else html), title)
    if sum(effective_length(t) for t in other) > FALLBACK_GAIN * length:
        return other, page, "trafilatura", fast
    return texts, page, "fast", fast


def extract_html(html: str, *, url: str | None = None, rules: HtmlSiteRules | None = None,
                 comments: bool = False, utf8: bytes | None = None) -> HtmlExtract:
    """Article text (title excluded), metadata and removals of one HTML page.

    When the parse leaves nearly nothing and an unclosed raw-text element swallowed the page,
    the repaired page is parsed again (repair.py) and wins if it holds clearly more text.
    `comments`: reader comments and a thread's other posts follow the article, each post after a
    `[comment]` paragraph (comments.py). utf8: html's UTF-8, when the caller has it (Lexbor
    parses UTF-8: a str would be encoded again).
    """
    if not html or not html.strip():
        return HtmlExtract("", {"url": url} if url else {}, (), "empty")
    rules = rules or HtmlSiteRules()
    first = _extract(html, url, rules, comments, utf8)
    if len(first.text) >= FALLBACK_BELOW:  # its effective length is at least that: no CJK count
        return first
    length = effective_length(first.text)
    if length >= FALLBACK_BELOW:
        return first
    repaired = repair_raw_text(html)
    if repaired is None:
        return first
    second = _extract(repaired, url, rules, comments)
    if effective_length(second.text) > FALLBACK_GAIN * length:
        return replace(second, method=f"reparsed {second.method}")
    return first


def _extract(html: str, url: str | None, rules: HtmlSiteRules, comments: bool,
             utf8: bytes | None = None) -> HtmlExtract:
    """extract_html on one parse of the page (utf8: html's UTF-8, if known)."""
    html, unwrapped = limit_nesting(html)
    # selectolax parses bytes as UTF-8, and a str by encoding it first.
    tree = LexborHTMLParser(utf8 if utf8 is not None and not unwrapped else html)
    removed = apply_drop_rules(tree, rules)
    if unwrapped:
        removed.insert(0, nesting_removal(unwrapped))
    selectors = {"title": rules.title, "date": rules.date, "author": rules.author}
    metadata = extract_metadata(tree, url=url, rule_selectors=selectors)
    title = metadata.get("title")
    for node in tree.css(NOT_TEXT):
        node.decompose()
    body = select(tree, rules.body)
    if body is not None:
        page = flatten(body, FurnitureFilter(len(body.text(deep=True))))
        texts = without_headline([b.text for b in page.blocks if b.text], title)
        method, span = "rules-body", (0, len(page.blocks))
    else:
        texts, page, method, fast = _generic(tree, html, bool(removed), title)
        span = (fast.start, fast.end)
    if page is not None:
        thread = thread_posts(page, *span)
        entries = False
        credited: list[tuple[int, int]] = []  # blocks of the posts cut off, credited to the comments rule
        if method == "fast" and thread:
            cut = article_post(page, thread, *span)
            if cut != span:  # a thread's first post is the article, the later posts its comments,
                entries = titled_entries(page, thread)  # or other articles (a blog's front page)
                span = cut
                texts = without_headline(run_texts(page, fast.weights, *span), title)
            if entries or not comments:  # each later post goes, credited to the comments rule
                removed += later_posts(page, thread, fast.weights, span[1], len(page.blocks))
                credited = post_ranges(page, thread, span[1], len(page.blocks))
        metadata["page_type"] = "listing" if entries else page_type(page, "".join(texts), thread)
        if comments and method != "trafilatura":  # trafilatura made its own choices: no posts to add
            texts, removed = with_comments(page, span[0], [] if entries else thread, texts, removed)
        else:  # furniture whose text trafilatura kept is not reported
            removed += furniture_removals(page, kept="\n".join(texts) if method == "trafilatura" else None)
        if body is not None:
            removed += outside_removals(body)
        removed += selection_removals(page, texts, title, method, credited)
        if "date" not in metadata:
            date = find_date_in_text(" ".join(b.text for b in page.blocks[:DATE_SEARCH_BLOCKS]))
            if date:
                metadata["date"] = date
    return HtmlExtract(join_blocks(texts), metadata, tuple(removed), method if texts else "empty")
