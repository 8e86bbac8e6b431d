"""Learn a site's rule file from its pages: find zones, propose rules, check them with the engine."""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from cleaner.core.text import clean_text
from cleaner.learn.cuts import kept_regions, propose_cut
from cleaner.learn.furniture import generic_kind, is_metadata_line
from cleaner.learn.generalise import line_pattern
from cleaner.learn.lines import SitePage, page_support
from cleaner.learn.model import LearnedSite, LearnOptions, Proposal
from cleaner.learn.naming import Names
from cleaner.learn.pick_examples import attach_examples, drop_failing
from cleaner.learn.propose import (
    SiteView,
    propose_captures,
    propose_drop_lines,
    propose_frame_lines,
)
from cleaner.learn.rule_file import learned_rule_file, ruleset_with
from cleaner.learn.shapes import collect_shapes
from cleaner.learn.tokens import propose_glued_tokens
from cleaner.learn.zones import Zone, content_length, find_zones, is_prose
from cleaner.matching.fold import fold
from cleaner.matching.patterns import compile_pattern
from cleaner.ruleset.model import RuleFile
from cleaner.ruleset.ruleset import RuleSet

MAX_ROUNDS = 5  # validation rounds: each drops the rules that removed an article line
FINGERPRINT_SHARE = 0.8
FINGERPRINT_MAX = 30  # content characters: a fingerprint should be short enough to read
BYLINE_REACH = 3  # lines around the title and the body's ends where a byline may sit


def learn_site(pages: Sequence[tuple[str, str]], site: str, *, options: LearnOptions = LearnOptions(),
               base: RuleSet | None = None) -> LearnedSite:
    """Learn rules for one site from (name, scraped text) pairs; base supplies the packs to extend."""
    base = base if base is not None else RuleSet.load()
    pages = sorted(pages, key=lambda page: page[0])  # the file must not depend on the order pages came in
    site_pages = _distinct_articles([SitePage.from_text(name, text) for name, text in pages])
    support = page_support(site_pages)
    view = SiteView(site_pages, find_zones(site_pages, support), support, options)
    learned = LearnedSite(site, len(site_pages), [], extends=_packs(base, pages))
    if len(site_pages) < len(pages):
        learned.notes.append(f"{len(pages) - len(site_pages)} page(s) repeat another page's article and were left out")
    inherited = [r.params["pattern"] for name in learned.extends for r in base.files[name].rules if r.kind == "capture"]

    def captured(folded: str) -> bool:
        # Lines an inherited capture rule takes are gone before cuts look for markers.
        return any(p.search(folded) for p in inherited)

    def excluded(folded: str) -> bool:
        # Bylines become capture rules, not dropped lines.
        return is_metadata_line(folded) or captured(folded)

    shapes = collect_shapes(site_pages, captured)
    cuts = propose_cut(view, shapes, "before") + propose_cut(view, shapes, "after")
    regions = kept_regions(view, cuts)
    captures = propose_captures(view, regions)
    _keep_marker_lines(captures, cuts)
    learned.proposals = cuts + captures + propose_drop_lines(view, regions, excluded) + propose_glued_tokens(view)
    if options.frame_lines:
        learned.proposals += propose_frame_lines(view, regions, excluded)
    unique_ids(learned.proposals)
    learned.fingerprints = _fingerprints(view)
    checked = validate(learned, view, base)
    attach_examples(learned, view, checked)
    drop_failing(learned)
    return learned


def _distinct_articles(pages: list[SitePage]) -> list[SitePage]:
    """The pages less those that repeat an earlier page's article: a crawl often fetches one twice,
    and an article seen twice would look like furniture."""
    seen: set[frozenset[str]] = set()
    out = []
    for page in pages:
        body = frozenset(k for k, f in zip(page.keys, page.folded) if is_prose(f))
        if body and body in seen:
            continue
        seen.add(body)
        out.append(page)
    return out


def _keep_marker_lines(captures: list[Proposal], cuts: list[Proposal]) -> None:
    """A byline that also marks a cut is captured but left in place (`keep`), so the cut sees it."""
    markers = [fold(line) for cut in cuts for line in cut.remove]
    for capture in captures:
        pattern = compile_pattern(capture.params["pattern"], whole_line=True)
        if any(pattern.search(line) for line in markers):
            capture.params["keep"] = True
            capture.summary += " The line stays for a cut rule that starts at it."


def validate(learned: LearnedSite, view: SiteView, base: RuleSet) -> RuleFile:
    """Clean the training pages with the learned file; drop rules (or listed lines) that removed a
    title or body line, then rules with too little support or confidence. Returns the file as
    last checked (it holds every rule left, as they are written)."""
    own = f"{learned.site}/"
    for _round in range(MAX_ROUNDS):
        checked = learned_rule_file(learned)
        rules = ruleset_with(base, checked)
        acted: dict[str, set[int]] = {}
        harmed: dict[str, set[int]] = {}
        harmed_lines: dict[str, set[str]] = {}
        removed: dict[str, list[tuple[int, int, str, dict[str, str] | None]]] = {}
        for pi, page in enumerate(view.pages):
            protected = _protected(view, pi)
            result = clean_text("\n".join(page.lines), rules, url=f"http://{learned.site}/", main_content=False)
            for r in result.removals:
                acted.setdefault(r.rule, set()).add(pi)
                removed.setdefault(r.rule, []).append((pi, r.line - 1, r.text, r.captured))
                if r.column is None and r.line - 1 in protected:
                    harmed.setdefault(r.rule, set()).add(pi)
                    harmed_lines.setdefault(r.rule, set()).add(_spaced(r.text))
        bad = {rid for rid in harmed if rid.startswith(own)} - _trim_lines(learned, harmed_lines)
        # An inherited rule is switched off only when it hurt several pages: one may be a zone error.
        packs = {rid for rid, where in harmed.items() if not rid.startswith(own)
                 and len(where) >= view.options.min_support and rid not in learned.disable}
        if not bad and not packs and not (harmed.keys() & {own + p.rule_id for p in learned.proposals}):
            break
    else:  # the last round changed rules: the file as they now are
        checked = learned_rule_file(learned)
        for rid in sorted(bad):
            learned.notes.append(f"left out {rid.split('/', 1)[1]}: it removed a title or body line on {len(harmed[rid])} page(s)")
        learned.proposals = [p for p in learned.proposals if own + p.rule_id not in bad]
        learned.disable += sorted(packs)
    for p in learned.proposals:
        where = acted.get(own + p.rule_id, set())
        p.found = removed.get(own + p.rule_id, [])
        if not p.frame:  # frame lines are for pages a cut misses: on these pages the cuts act first
            p.support = len(where)
            p.confidence = round(len(where) / max(1, view.n), 2)
    _captures_near_article(learned, view)
    _keep_supported(learned, view.options)
    return checked


def _captures_near_article(learned: LearnedSite, view: SiteView) -> None:
    """A capture counts only where it took a line at the article's head or foot: one that takes a
    sidebar's timestamps as `date` or a widget's entries as `source` reads other articles' facts."""
    kept = []
    for p in learned.proposals:
        if p.kind == "capture":
            found = [f for f in p.found if f[3] and _near_article(view.zones[f[0]], f[1])]
            far = {f[0] for f in p.found if f[3]} - {f[0] for f in found}
            if far and len({f[0] for f in found}) < view.options.min_support:
                learned.notes.append(f"left out {p.rule_id}: it took lines away from the article's head and foot "
                                     f"(a sidebar or a widget) on {len(far)} page(s)")
                continue
            p.found = found
        kept.append(p)
    learned.proposals = kept


def _near_article(zone: Zone | None, li: int) -> bool:
    """Whether line li is where a byline sits: from just above the title into the body's first
    lines, or just around the body's end."""
    if zone is None:
        return False
    return zone.title - BYLINE_REACH <= li <= zone.core_start + BYLINE_REACH or abs(li - zone.core_end) <= BYLINE_REACH


def _spaced(text: str) -> str:
    return " ".join(fold(text).split())


def _trim_lines(learned: LearnedSite, harmed_lines: dict[str, set[str]]) -> set[str]:
    """Take the lines that removed an article line out of `lines:` rules; the ids of the rules
    that keep some lines (they are not bad any more)."""
    trimmed = set()
    for p in learned.proposals:
        rid = f"{learned.site}/{p.rule_id}"
        lines = p.params.get("lines")
        if lines is None or rid not in harmed_lines:
            continue
        left = [line for line in lines if _spaced(line) not in harmed_lines[rid]]
        if left and len(left) < len(lines):
            p.params["lines"] = left
            p.remove = [text for text in p.remove if _spaced(text) not in harmed_lines[rid]]
            trimmed.add(rid)
    return trimmed


def _keep_supported(learned: LearnedSite, options: LearnOptions) -> None:
    """A rule acting on fewer pages than min_support (a line of a single page) is no evidence,
    unless it is generic furniture (a share bar is one whatever the site)."""
    kept = []
    for p in learned.proposals:
        if p.support == 0:
            continue  # a fallback that found nothing to do
        if p.support < options.min_support and not p.generic:
            learned.notes.append(f"left out {p.rule_id}: it acted on {p.support} page(s); {options.min_support} needed")
        elif p.confidence < options.min_confidence:
            learned.notes.append(f"left out {p.rule_id}: confidence {p.confidence:.2f} is under {options.min_confidence:.2f}")
        else:
            kept.append(p)
    learned.proposals = kept


def unique_ids(proposals: list[Proposal]) -> None:
    """Ids made from what rules remove can repeat: the second `footer-links` becomes `footer-links-2`."""
    names = Names()
    for p in proposals:
        p.rule_id = names(p.rule_id)


def _protected(view: SiteView, pi: int) -> set[int]:
    """Line indexes of a page that no rule may remove whole: its title and unique body lines."""
    return set(view.article_lines(pi))


def _packs(base: RuleSet, pages: Sequence[tuple[str, str]]) -> list[str]:
    """Fallback packs (zh-news, en-news...) that claim most of the pages: the file extends them."""
    votes: Counter[str] = Counter()
    for _name, text in pages:
        votes.update(base.scope_for(text).packs)
    return sorted(name for name, n in votes.items() if 2 * n > len(pages) and name in base.files)


def _fingerprints(view: SiteView) -> list[str]:
    """Up to three distinctive lines nearly every page carries: they claim pages without a URL."""
    needed = max(view.options.min_support, int(FINGERPRINT_SHARE * view.n + 0.999))
    keys = [k for k, n in view.support.items()
            if n >= needed and 4 <= content_length(view.folded(k)) <= FINGERPRINT_MAX and generic_kind(view.folded(k)) is None]
    keys.sort(key=lambda k: (-view.support[k], -content_length(view.folded(k)), k))
    return [line_pattern(view.folded(k)) for k in keys[:3]]
