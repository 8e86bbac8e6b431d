"""Cut rules at the article's edges: where the site's header ends and its footer starts.

A marker is a line shape that, on every page carrying it, comes before the title (header) or
after the body (footer); markers are chosen greedily by how many furniture lines they cut, then
a few fallbacks for pages that lack the best ones.
"""
from __future__ import annotations

from typing import Sequence

from cleaner.learn.model import Proposal
from cleaner.learn.propose import SiteView
from cleaner.learn.shapes import Shape
from cleaner.learn.zones import Zone

# Generic furniture that marks an edge of the article, even when seen on a single page.
EDGE_KINDS = {
    "before": ("breadcrumb",),
    "after": ("related", "more", "comments", "share", "copyright", "editor", "prev-next", "notice"),
}
WITHIN_FACTOR, WITHIN_MARGIN = 1.5, 10  # how far beyond the furthest seen position a marker may sit
# A headline-like marker must sit right at the article's edge (lines) on at least this many pages.
HEADING_MIN_PAGES, HEADING_REACH = 3, 3


def propose_cut(view: SiteView, shapes: dict[str, Shape], side: str) -> list[Proposal]:
    """Cut markers for one side: 'before' the title or 'after' the body, greedy by lines cut."""
    candidates: dict[str, list[tuple[int, int]]] = {}
    for sid, shape in shapes.items():
        if shape.excluded or (shape.support < view.options.min_support and shape.generic not in EDGE_KINDS[side]):
            continue  # a line of one page only is a marker only when it is generic edge furniture
        if sid.startswith("e:") and len(shape.variants) < 2:
            continue  # a loose shape is only worth it when it unites different lines
        seen = [(pi, li) for pi, li in shape.first.items() if view.zones[pi] is not None]
        if not seen or not all(_outside(view.zones[pi], li, side) for pi, li in seen):
            continue
        if sid.startswith("k:") and view.could_be_title(sid[2:]) and not _heading(view, seen, side):
            continue  # a promoted headline moves around (and may be the title of the next page)
        candidates[sid] = seen
    edge = [-1] * view.n if side == "before" else [len(p) for p in view.pages]
    proposals: list[Proposal] = []
    while candidates and len(proposals) < view.options.max_markers:
        gains = {sid: sum(max(0, li - edge[pi] if side == "before" else edge[pi] - li) for pi, li in seen)
                 for sid, seen in candidates.items()}
        sid = max(gains, key=lambda k: (gains[k], len(candidates[k]), k))
        if gains[sid] < (1 if not proposals else view.options.min_marker_gain):
            break
        seen = candidates.pop(sid)
        for pi, li in seen:
            edge[pi] = max(edge[pi], li) if side == "before" else min(edge[pi], li)
        proposals.append(_cut_proposal(view, shapes[sid], side, seen, len(proposals)))
    # Fallbacks for pages that lack the markers above: the best of the rest on their own.
    alone = {sid: sum(li + 1 if side == "before" else len(view.pages[pi]) - li for pi, li in seen)
             for sid, seen in candidates.items() if len(seen) >= view.options.min_support}
    for sid in sorted(alone, key=lambda k: (-alone[k], k))[: view.options.max_markers - len(proposals)]:
        proposals.append(_cut_proposal(view, shapes[sid], side, candidates[sid], len(proposals)))
    return proposals


def _heading(view: SiteView, seen: list[tuple[int, int]], side: str) -> bool:
    """A headline-like line that sits right at the article's edge on several pages: a section heading."""
    if len(seen) < HEADING_MIN_PAGES:
        return False
    if side == "before":
        return all(0 < view.zones[pi].title - li <= HEADING_REACH for pi, li in seen)
    return all(0 < li - view.zones[pi].core_end <= HEADING_REACH for pi, li in seen)


def _outside(zone: Zone, index: int, side: str) -> bool:
    return index < zone.title if side == "before" else index > zone.core_end


def _cut_proposal(view: SiteView, shape: Shape, side: str, seen: list[tuple[int, int]], rank: int) -> Proposal:
    if side == "before":
        reach = max(li for _pi, li in seen) + 1
        within = ("first", int(reach * WITHIN_FACTOR) + WITHIN_MARGIN)
        summary = "The header ends at this line: it and all above go."
    else:
        reach = max(len(view.pages[pi]) - li for pi, li in seen)
        within = ("last", int(reach * WITHIN_FACTOR) + WITHIN_MARGIN)
        summary = "The footer starts at this line: it and all below go."
    if shape.generic:
        summary += f" Generic furniture ({shape.generic})."
    if rank:
        summary += " A fallback for pages without the markers above."
    return Proposal(
        rule_id=f"{'header' if side == 'before' else 'footer'}-cut{rank + 1 if rank else ''}",
        kind="cut", summary=summary, params={"marker": shape.pattern, "side": side},
        support=len(seen), pages=view.n, confidence=len(seen) / view.n, within=within,
        remove=list(dict.fromkeys(view.pages[pi].lines[li] for pi, li in seen))[: view.options.max_examples],
        keys=[shape.id], first=dict(seen), generic=bool(shape.generic),
    )


def kept_regions(view: SiteView, cuts: Sequence[Proposal]) -> list[tuple[int, int]]:
    """Per page, the [start, end) range of lines the cut rules leave."""
    regions = []
    for pi, page in enumerate(view.pages):
        start, end = 0, len(page)
        for cut in cuts:
            li = cut.first.get(pi)
            if li is None:
                continue
            if cut.params["side"] == "before":
                start = max(start, li + 1)
            else:
                end = min(end, li)
        regions.append((start, end))
    return regions
