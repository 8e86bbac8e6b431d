"""The pure core: (text, optional URL, rules) -> clean text, metadata and removals. No I/O."""
from __future__ import annotations

from heapq import heapify, heappop, heappush
from itertools import compress, repeat
from typing import Iterable

from .fold import _STRIP, fold  # _STRIP: what strip_line strips
from .kinds import KINDS
from .page import Page
from .result import Result
from .ruleset.model import Rule
from .ruleset.ruleset import Plan, RuleSet

_EDIT_KINDS = frozenset({"strip-span", "replace"})
_SENTENCE_END = tuple("。！？!?；;…")
TITLE_MAX_CHARS = 120


def clean_text(text: str, rules: RuleSet, *, url: str | None = None) -> Result:
    """Clean one page of scraped text with the rules that apply to it."""
    folded = fold(text)  # once: claiming the page and every rule read the same folded view
    page = Page(text, folded)
    # The claim reads the page as it came; Page turns \r\n into \n, so share its UTF-8 only without.
    plan = rules.plan_for(text, url, folded=folded if "\r" in text else page.folded_bytes())
    run_plan(page, plan)
    return finish(page, plan, url)


def run_plan(page: Page, plan: Plan) -> None:
    """Apply the plan's text rules in phase order, skipping rules whose trigger never occurs."""
    if page.hits is None:
        page.hits = plan.scan(page.folded_bytes())
    live = plan.candidates(page.hits)
    # Only the rules that can fire are visited, in plan order: with hundreds of rules in force,
    # a loop over all of them would cost more per page than the few that run.
    queue = sorted(live)
    heapify(queue)
    while queue:
        i = heappop(queue)
        rule = plan.text_rules[i]
        before = len(page.removals)
        KINDS[rule.kind].apply(page, rule)
        if rule.kind in _EDIT_KINDS and len(page.removals) != before:
            # An edit can create a match for a later rule (text that was split apart now touches).
            page.hits = plan.scan(page.folded_bytes())
            for j in plan.candidates(page.hits) - live:
                if j > i:
                    live.add(j)
                    heappush(queue, j)


def apply_rule(page: Page, rule: Rule) -> None:
    """Apply a single rule (used by rule examples)."""
    KINDS[rule.kind].apply(page, rule)


def finish(page: Page, plan: Plan, url: str | None) -> Result:
    """Normalise what is left and assemble the result."""
    body = render(compress(page.lines, page.alive))
    metadata = dict(page.metadata)
    if "title" not in metadata and plan.title == "first-line":
        title = guess_title(body)
        if title:
            metadata["title"] = title
    if plan.site and "site" not in metadata:
        metadata["site"] = plan.site
    if url and "url" not in metadata:
        metadata["url"] = url
    removals = tuple(sorted(page.removals, key=lambda r: (r.line, r.column or 0)))
    return Result(body, metadata, removals, plan.site, plan.packs)


def render(lines: Iterable[str]) -> str:
    """Output form: lines stripped, one blank line between paragraphs, one final newline."""
    # C-level iterators only: a Python call per line would cost more than all the rules of a page.
    body = "\n\n".join(filter(None, map(str.strip, filter(None, lines), repeat(_STRIP))))
    return body + "\n" if body else ""


def guess_title(body: str) -> str | None:
    """The first paragraph when it reads like a headline (short, no sentence end)."""
    first = body.split("\n", 1)[0]
    if first and len(first) <= TITLE_MAX_CHARS and not first.endswith(_SENTENCE_END):
        return first
    return None
