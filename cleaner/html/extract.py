"""extract_html: site rules first, then the rule's body or generic main-content extraction.

Flow: parse once with Lexbor; apply the site's `drop-element` selectors (each removed element
is recorded with its rule id); read metadata (rule selectors win); then either the rule's
`body` container, or generic extraction. Inside a rule body the generic furniture filter still
runs (share bars, hidden elements), since rule authors list only what is special to the site.

Generic extraction is a hybrid. The fast path (fast.py) handles the page unless its result is
nearly empty; then trafilatura runs on the same pruned HTML (site-rule removals applied) and
wins if it finds clearly more text. `favor` trades precision for recall in both paths; "speed"
never calls trafilatura. Generic removals are reported under the rule id "html/boilerplate".

The text never starts with the headline: the title goes to metadata["title"] and the caller
prepends it.
"""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.blocks import PageBlocks, flatten, join_blocks, normalize_space
from cleaner.html.boilerplate import FurnitureFilter
from cleaner.html.fast import extract_fast
from cleaner.html.metadata import extract_metadata, find_date_in_text
from cleaner.html.model import ElementRemoval, HtmlExtract, HtmlSiteRules
from cleaner.html.nesting import LIMIT as NESTING_LIMIT, limit_nesting
from cleaner.html.scoring import Tuning, effective_length

GENERIC_RULE = "html/boilerplate"
NESTING_RULE = "html/nesting-limit"
FAVORS = {
    "balanced": Tuning(prose_offset=20.0),
    "precision": Tuning(prose_offset=40.0),
    "recall": Tuning(prose_offset=5.0),
    "speed": Tuning(prose_offset=20.0),
}
# A fast result shorter than this (Latin-letter equivalents) is checked against trafilatura,
# which must find this many times more text to be preferred.
FALLBACK_BELOW = 300
FALLBACK_GAIN = 1.5
_NOT_TEXT = "script, style, noscript, template, svg, iframe"
_REMOVAL_TEXT_LIMIT = 200
_DATE_SEARCH_BLOCKS = 60


def _shorten(text: str) -> str:
    """Removal text for reports: whitespace collapsed, about 200 characters."""
    text = " ".join(text.split())
    return text if len(text) <= _REMOVAL_TEXT_LIMIT else text[: _REMOVAL_TEXT_LIMIT - 1] + "…"


def _apply_drop_rules(tree: LexborHTMLParser, rules: HtmlSiteRules) -> list[ElementRemoval]:
    """Remove what each `drop-element` rule selects, recording every element with its rule id."""
    removed = []
    for rule in rules.drop:
        try:
            nodes = tree.css(rule.selector)
        except Exception:  # the loader validates selectors; a bad one here is skipped, not fatal
            continue
        for node in _outermost(nodes):
            text = _shorten(node.text(deep=True, separator=" "))
            removed.append(ElementRemoval(rule.id, rule.selector, node.tag or "", text))
            node.decompose()
    return removed


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The matches not inside another match: removing the outer one removes the rest."""
    matched = {node.mem_id for node in nodes}
    outer = []
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in matched:
            parent = parent.parent
        if parent is None:
            outer.append(node)
    return outer


def _furniture_removals(page: PageBlocks) -> list[ElementRemoval]:
    """Generic furniture the walk left out, for the report (only elements that held text)."""
    removed = []
    for node, reason in page.skipped:
        text = _shorten(node.text(deep=True, separator=" "))
        if text:
            removed.append(ElementRemoval(GENERIC_RULE, reason, node.tag or "", text))
    return removed


def _select(tree: LexborHTMLParser, selector: str | None) -> LexborNode | None:
    """The rule's article container, if the rule names one and the page has it."""
    if not selector:
        return None
    try:
        return tree.css_first(selector)
    except Exception:  # an invalid selector is the loader's to report; fall back to generic
        return None


def _without_headline(texts: list[str], title: str | None) -> list[str]:
    """Drop a leading paragraph that repeats the title: the caller prepends the title itself."""
    if texts and title and normalize_space(texts[0]).casefold() == normalize_space(title).casefold():
        return texts[1:]
    return texts


def _trafilatura(html: str, favor: str) -> list[str]:
    """trafilatura's paragraphs for the page (imported lazily: it is slow to import)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, favor_precision=favor != "recall",
                                   favor_recall=favor == "recall")
    except Exception:  # a second opinion only: its failure must not fail the page
        return []
    return [line for line in (normalize_space(raw) for raw in (text or "").splitlines()) if line]


def _generic(tree: LexborHTMLParser, html: str, pruned: bool, title: str | None,
             favor: str) -> tuple[list[str], PageBlocks | None, str]:
    """Main-content paragraphs of the page, the flattened page, and the method that chose them."""
    root = tree.body or tree.root
    if root is None:
        return [], None, "empty"
    page = flatten(root, FurnitureFilter(len(root.text(deep=True))))
    texts = _without_headline(extract_fast(page, title, FAVORS[favor]).texts, title)
    length = sum(effective_length(t) for t in texts)
    if favor == "speed" or length >= FALLBACK_BELOW:
        return texts, page, "fast"
    # Feed trafilatura the page as the site rules left it (the original when they removed nothing).
    other = _without_headline(_trafilatura(tree.html if pruned else html, favor), title)
    if sum(effective_length(t) for t in other) > FALLBACK_GAIN * length:
        return other, page, "trafilatura"
    return texts, page, "fast"


def extract_html(html: str, *, url: str | None = None, rules: HtmlSiteRules | None = None,
                 favor: str = "balanced") -> HtmlExtract:
    """Article text (title excluded), metadata and removals of one HTML page."""
    if favor not in FAVORS:
        raise ValueError(f"favor must be one of {', '.join(FAVORS)}, not {favor!r}")
    if not html or not html.strip():
        return HtmlExtract("", {"url": url} if url else {}, (), "empty")
    rules = rules or HtmlSiteRules()
    html, unwrapped = limit_nesting(html)
    tree = LexborHTMLParser(html)
    removed = _apply_drop_rules(tree, rules)
    if unwrapped:
        removed.insert(0, ElementRemoval(NESTING_RULE, f"block tags nested deeper than {NESTING_LIMIT}", "",
                                         f"{unwrapped} tags unwrapped, their text kept"))
    selectors = {"title": rules.title, "date": rules.date, "author": rules.author}
    metadata = extract_metadata(tree, url=url, rule_selectors=selectors)
    title = metadata.get("title")
    for node in tree.css(_NOT_TEXT):
        node.decompose()
    body = _select(tree, rules.body)
    if body is not None:
        page = flatten(body, FurnitureFilter(len(body.text(deep=True))))
        texts = _without_headline([b.text for b in page.blocks if b.text], title)
        method = "rules-body"
    else:
        texts, page, method = _generic(tree, html, bool(removed), title, favor)
    if page is not None:
        if method != "trafilatura":  # trafilatura made its own choices: no removals to report
            removed += _furniture_removals(page)
        if "date" not in metadata:
            date = find_date_in_text(" ".join(b.text for b in page.blocks[:_DATE_SEARCH_BLOCKS]))
            if date:
                metadata["date"] = date
    return HtmlExtract(join_blocks(texts), metadata, tuple(removed), method if texts else "empty")
