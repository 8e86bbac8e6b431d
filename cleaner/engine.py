"""The pure core: (text, optional URL, rules) -> clean text, metadata and removals. No I/O."""
from __future__ import annotations

from .fold import strip_line
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
    plan = rules.plan_for(text, url)
    page = Page(text)
    run_plan(page, plan)
    return finish(page, plan, url)


def run_plan(page: Page, plan: Plan) -> None:
    """Apply the plan's text rules in phase order, skipping rules whose trigger never occurs."""
    rules = plan.text_rules
    live = plan.candidates(page.folded())
    for i, rule in enumerate(rules):
        if i not in live:
            continue
        before = len(page.removals)
        KINDS[rule.kind].apply(page, rule)
        if rule.kind in _EDIT_KINDS and len(page.removals) != before:
            # An edit can create a match for a later rule (text that was split apart now touches).
            live |= {j for j in plan.candidates(page.folded()) if j > i}


def apply_rule(page: Page, rule: Rule) -> None:
    """Apply a single rule (used by rule examples)."""
    KINDS[rule.kind].apply(page, rule)


def finish(page: Page, plan: Plan, url: str | None) -> Result:
    """Normalise what is left and assemble the result."""
    body = render(line for _i, line in page.live_lines())
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


def render(lines) -> str:
    """Output form: lines stripped, one blank line between paragraphs, one final newline."""
    paragraphs = [s for s in (strip_line(line) for line in lines) if s]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def guess_title(body: str) -> str | None:
    """The first paragraph when it reads like a headline (short, no sentence end)."""
    first = body.split("\n", 1)[0]
    if first and len(first) <= TITLE_MAX_CHARS and not first.endswith(_SENTENCE_END):
        return first
    return None
