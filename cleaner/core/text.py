"""Scraped text through a plan: rules in phase order, main content, settling, the result. No I/O."""
from __future__ import annotations

from heapq import heapify, heappop, heappush
from itertools import chain, compress, repeat
from typing import Iterable

from cleaner.core.comments import comments_of
from cleaner.core.dates import dated
from cleaner.core.main_content import later_posts, main_block, with_sign_off
from cleaner.core.page import Page
from cleaner.core.page_type import text_page_type
from cleaner.core.plan import Plan, Plans, patterns_of, plans_of
from cleaner.kinds import EDIT_KINDS, KINDS, LINE_KINDS
from cleaner.matching.fold import STRIP, fold
from cleaner.matching.prefilter import Hits
from cleaner.result import COMMENT_MARK, Result
from cleaner.ruleset.model import Rule
from cleaner.ruleset.ruleset import RuleSet

# What main-content selection removes is credited to this rule (files switch it on, not define it).
MAIN_CONTENT_RULE = Rule("text/main-content", "main-content",
                         "Outside the article's run of prose: menus, link lists, teasers, footers.", {})
_SENTENCE_END = tuple("。！？!?；;…")
TITLE_MAX_CHARS = 120


def clean_text(text: str, rules: RuleSet, *, url: str | None = None, main_content: bool = True) -> Result:
    """Clean one page of scraped text, never in pieces (check and fix: main_content=False, rules only).

    The library and the runs go through core.cleaner.Cleaner; this stays for the callers that
    want the text path whatever the page looks like.
    """
    return clean_text_page(text, plans_of(rules), url=url, main_content=main_content)


def clean_text_page(text: str, plans: Plans, *, url: str | None, main_content: bool, comments: bool = False) -> Result:
    """Clean one page of scraped text with the plan that applies to it.

    main_content=False applies the rules only, even where a file asks for main-content selection;
    comments=True keeps the posts after the article (a thread's replies), each marked.
    """
    page = Page(text, fold(text))
    page.comments = comments
    # Folded once: claiming the page and every rule read the same view (lines stripped, \r\n as \n).
    plan = plans.plan_for(text, url, folded=page.folded_bytes())
    run_plan(page, plan)
    main = main_content and plan.main_content
    if main:
        block = main_block(page.lines, page.alive)
        # Typed before selection cuts the page down: a listing is flagged, not taken for its blurb.
        page.metadata["page_type"] = text_page_type(page.lines, page.alive, block)
        keep_block(page, block, site=plan.site is not None)
    settle(page, plan, main=main)
    return finish(page, plan, url)


def run_plan(page: Page, plan: Plan) -> None:
    """Apply the plan's text rules in phase order, skipping rules whose trigger never occurs."""
    if page.hits is None:
        page.hits = plan.scan(page.folded_bytes())
    live = page.candidates = plan.candidates(page.hits)
    # Only the rules that can fire are visited, in plan order: with hundreds of rules in force,
    # a loop over all of them would cost more per page than the few that run.
    queue = sorted(live)
    heapify(queue)
    while queue:
        i = heappop(queue)
        rule = plan.text_rules[i]
        before = len(page.removals)
        KINDS[rule.kind].apply(page, rule)
        if rule.kind in EDIT_KINDS and len(page.removals) != before:
            # An edit can create a match for a later rule (text that was split apart now touches).
            # Only edited lines changed, and patterns never cross a line break: scanning them
            # alone finds every new candidate, without folding and scanning the page again.
            for j in plan.candidates(plan.scan(page.lines_bytes(page.edited))) - live:
                live.add(j)
                if j > i:
                    heappush(queue, j)
    recheck(page, plan)


def recheck(page: Page, plan: Plan) -> None:
    """Lines that edits changed meet the rules of the earlier phases again.

    "菜单 作者" loses 菜单 to a strip-span rule and is "作者" in the output: a rule `^作者` that
    ran before the edit must see it now, or cleaning the output again would remove it. Line rules
    look at the edited lines only; block rules (cut, drop-block) at the page, whose other lines
    they have already dealt with, and only when one of their patterns occurs in an edited line
    (their other lines are as they were; cuts are applied again by settle in any case).
    """
    if not page.edited:
        return
    edited, page.edited = page.edited, set()
    hits = plan.scan(page.lines_bytes(edited))
    touched = plan.candidates(hits)
    if page.candidates is not None:
        page.candidates |= touched
    try:
        for i in sorted(touched | _block_rules_touched(plan, page.candidates or set(), hits)):
            rule = plan.text_rules[i]
            if rule.kind not in EDIT_KINDS:
                page.only = edited if rule.kind in LINE_KINDS else None
                KINDS[rule.kind].apply(page, rule)
    finally:
        page.only = None


def _block_rules_touched(plan: Plan, candidates: set[int], hits: Hits) -> set[int]:
    """The block rules among candidates with a pattern (start, end, marker) that hits, or may hit."""
    found = set()
    for i in candidates:
        rule = plan.text_rules[i]
        if rule.kind not in LINE_KINDS and any(hits.pieces(p.regex.pattern) != [] for p in patterns_of(rule)):
            found.add(i)
    return found


def settle(page: Page, plan: Plan, *, main: bool) -> None:
    """Apply the positional rules again on what is left, until they remove nothing more.

    A `within` limit counts the lines the output keeps, and a cut acts on the first marker left:
    the output cleaned again must find nothing more to remove. Each round counts the lines still
    alive and applies again every cut and each rule whose limit now reaches a line it did not
    (then main-content selection, when lines went); the rounds stop when a round removes no
    line, so they end (every round but the last removes one).
    """
    if not plan.positional:
        return
    live = page.candidates
    if live is None:
        if page.hits is None:
            page.hits = plan.scan(page.folded_bytes())
        live = plan.candidates(page.hits)
    rules = [plan.text_rules[i] for i in sorted(live & plan.positional)]
    while rules:
        old = page.recount()
        left = sum(page.alive)
        for rule in rules:
            if rule.kind == "cut" or page.reach_grew(rule, old):
                KINDS[rule.kind].apply(page, rule)
        recheck(page, plan)
        if sum(page.alive) == left:
            return
        if main:
            keep_main_content(page, site=plan.site is not None)


def keep_main_content(page: Page, *, site: bool = False) -> None:
    """Drop the live lines outside the article's run of prose, all but the headline above it."""
    keep_block(page, main_block(page.lines, page.alive), site=site)


def keep_block(page: Page, block: tuple[int, int] | None, *, site: bool = False) -> None:
    """keep_main_content with the article's run found (main_block); None leaves the page alone."""
    lines, alive = page.lines, page.alive
    if block is None:
        return
    start, end = block
    end = with_sign_off(lines, alive, end)
    live = [i for i in range(start) if alive[i] and lines[i].strip()]
    # The headline. A site file's rules have cut the header, so the first line left is the one;
    # without a site file menus come first: the nearest line above the article that reads like one.
    if site:
        title = live[0] if live and guess_title(lines[live[0]].strip()) else None
    else:
        title = next((i for i in reversed(live) if guess_title(lines[i].strip())), None)
    posts = later_posts(lines, alive, end) if page.comments else []
    kept = {i for post in posts for i in post}
    page.posts = [post[0] for post in posts]
    page.drop_many(chain((i for i in live if i != title), (i for i in range(end, len(lines)) if i not in kept)),
                   MAIN_CONTENT_RULE)


def finish(page: Page, plan: Plan, url: str | None) -> Result:
    """Normalise what is left and assemble the result (in comments mode, each post after a mark)."""
    lines = page.lines
    if page.posts:
        lines = list(lines)
        for i in page.posts:
            lines[i] = f"{COMMENT_MARK}\n\n{lines[i]}"
    body = render(compress(lines, page.alive))
    metadata = dict(page.metadata)
    if page.comments:
        metadata["comments"] = comments_of(body)  # type: ignore[assignment]
    if "title" not in metadata and plan.title == "first-line":
        title = guess_title(body)
        if title:
            metadata["title"] = title
    if url and "url" not in metadata:
        metadata["url"] = url
    metadata = dated(metadata)
    removals = tuple(sorted(page.removals, key=lambda r: (r.line, r.column or 0)))
    # The rule file that claimed the page is Result.site (cleaner_site), never metadata: the
    # page's own name (og:site_name) is metadata "site_name".
    return Result(body, metadata, removals, plan.site, plan.packs)


def render(lines: Iterable[str]) -> str:
    """Output form: lines stripped, one blank line between paragraphs, one final newline."""
    # C-level iterators only: a Python call per line would cost more than all the rules of a page.
    body = "\n\n".join(filter(None, map(str.strip, filter(None, lines), repeat(STRIP))))
    return body + "\n" if body else ""


def guess_title(body: str) -> str | None:
    """The first paragraph when it reads like a headline (short, no sentence end)."""
    first = body.split("\n", 1)[0]
    if first and len(first) <= TITLE_MAX_CHARS and not first.endswith(_SENTENCE_END):
        return first
    return None
