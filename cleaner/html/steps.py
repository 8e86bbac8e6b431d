"""The steps extract_html and a huge page's pieces share: site drops, furniture removals, the body."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.blocks import PageBlocks, normalize_space
from cleaner.html.model import HtmlSiteRules
from cleaner.html.selectors import css_path
from cleaner.result import Removal

GENERIC_RULE = "html/boilerplate"
NESTING_RULE = "html/nesting-limit"
NOT_TEXT = "script, style, noscript, template, svg, iframe"
DATE_SEARCH_BLOCKS = 60  # a page without a date in its metadata: the first blocks are searched
REMOVAL_TEXT_LIMIT = 200  # characters of an element removal's text


def element_removal(rule: str, text: str, selector: str | None = None) -> Removal:
    """An element gone from an HTML page: it has no line in the page's text (line 0)."""
    return Removal(rule, 0, text, "drop-element", selector=selector)


def nesting_removal(unwrapped: int) -> Removal:
    """What limit_nesting did to a page, as a removal of its own rule."""
    return element_removal(NESTING_RULE, f"{unwrapped} tags unwrapped, their text kept")  # nested deeper than NESTING_LIMIT


def shorten(text: str) -> str:
    """Removal text for reports: whitespace collapsed, about 200 characters."""
    # Collapsing a prefix gives a prefix of the collapsed whole: a long text (a menu's) is cut
    # from its first characters when they alone collapse to more than the limit.
    head = " ".join(text[: 4 * REMOVAL_TEXT_LIMIT].split())
    if len(head) > REMOVAL_TEXT_LIMIT:
        return head[: REMOVAL_TEXT_LIMIT - 1] + "…"
    text = " ".join(text.split()) if len(text) > 4 * REMOVAL_TEXT_LIMIT else head
    return text if len(text) <= REMOVAL_TEXT_LIMIT else text[: REMOVAL_TEXT_LIMIT - 1] + "…"


def apply_drop_rules(tree: LexborHTMLParser, rules: HtmlSiteRules) -> list[Removal]:
    """Remove what each `drop-element` rule selects, recording every element with its rule id."""
    removed = []
    for rule in rules.drop:
        try:
            nodes = tree.css(rule.selector)
        except Exception:  # the loader validates selectors; a bad one here is skipped, not fatal
            continue
        for node in _outermost(nodes):
            text = shorten(node.text(deep=True, separator=" "))
            removed.append(element_removal(rule.id, text, css_path(node)))
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


def furniture_removals(page: PageBlocks, keep: frozenset[int] = frozenset(), kept: str | None = None) -> list[Removal]:
    """Generic furniture the walk left out, for the report (only elements that held text).

    keep: mem_id of skipped elements that were read after all (comment sections in comments mode).
    kept: the output's paragraphs when another extractor (trafilatura) chose them from the page
    as it came: furniture whose text they hold was kept after all.
    """
    removed = []
    for node, reason in page.skipped:
        if node.mem_id in keep:
            continue
        text = shorten(node.text(deep=True, separator=" "))
        if text and not (kept is not None and text.rstrip("…") in kept):
            removed.append(element_removal(GENERIC_RULE, text, css_path(node)))
    return removed


def select(tree: LexborHTMLParser, selector: str | None) -> LexborNode | None:
    """The rule's article container, if the rule names one and the page has it."""
    if not selector:
        return None
    try:
        return tree.css_first(selector)
    except Exception:  # an invalid selector is the loader's to report; fall back to generic
        return None


def without_headline(texts: list[str], title: str | None) -> list[str]:
    """Drop a leading paragraph that repeats the title: the caller prepends the title itself."""
    if texts and title and normalize_space(texts[0]).casefold() == normalize_space(title).casefold():
        return texts[1:]
    return texts
