"""Propose rules from a site's pages: repeated lines, header and footer lines, bylines.

A dropped line is never a page's title, nor a headline that could be another page's title; the
learner then checks every rule against the pages with the engine itself.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from cleaner.learn.furniture import GENERIC, generic_kind, is_metadata_line
from cleaner.learn.generalise import capture_pattern
from cleaner.learn.line_rules import line_group_rules
from cleaner.learn.lines import SitePage
from cleaner.learn.model import LearnOptions, Proposal
from cleaner.learn.naming import KIND_NAMES
from cleaner.learn.zones import Zone, content_length, is_headline
from cleaner.matching.fold import fold

FRAME_LINE_MAX = 60  # longer header/footer lines are left to the cuts: they would swell the pattern
TITLE_LIKE_MIN = 8  # content characters from which a headline-like line may be an article's title
_MENU_SPLIT = re.compile(r"\s*[\s|·]\s*")
MENU_MIN_ITEMS, MENU_ITEM_MAX = 4, 5  # "民生 突发 社区 监督": a menu, not a title
TITLE_SAFE_PAGES, TITLE_SAFE_SHARE = 5, 0.8  # ... unless on this share of at least this many pages
# Generic furniture inside the article area goes by its generic pattern, whatever its wording.
GENERIC_DROP = ("breadcrumb", "menu", "bullet", "caption", "notice", "editor", "share", "tools", "comments", "prev-next", "copyright",
                "tags")


@dataclass
class SiteView:
    """A site's pages with their zones and the support of every line key."""

    pages: Sequence[SitePage]
    zones: Sequence[Zone | None]
    support: Counter[str]
    options: LearnOptions

    def __post_init__(self) -> None:
        self.n = len(self.pages)
        self.sample = {}  # key -> (page index, line index) of its first occurrence
        for pi, page in enumerate(self.pages):
            for key, li in page.first_key_index.items():
                self.sample.setdefault(key, (pi, li))
        self.title_keys = {p.keys[z.title] for p, z in zip(self.pages, self.zones) if z is not None}

    def folded(self, key: str) -> str:
        """A folded line with this key."""
        pi, li = self.sample[key]
        return self.pages[pi].folded[li]

    def line(self, key: str) -> str:
        """An original line with this key."""
        pi, li = self.sample[key]
        return self.pages[pi].lines[li]

    def could_be_title(self, key: str) -> bool:
        """A headline-like line that is not on nearly every page: maybe another article's title.

        Pages list other articles' titles (related links, promotions); dropping such a line
        would drop the title of the page it names, so only cuts may remove it.
        """
        folded = self.folded(key)
        everywhere = self.n >= TITLE_SAFE_PAGES and self.support[key] >= TITLE_SAFE_SHARE * self.n
        if everywhere or content_length(folded) < TITLE_LIKE_MIN or not is_headline(folded):
            return False
        words = _MENU_SPLIT.split(folded.strip())
        return not (len(words) >= MENU_MIN_ITEMS and all(len(w) <= MENU_ITEM_MAX for w in words))

    def article_lines(self, pi: int) -> list[int]:
        """Line indexes of a page that no rule may remove whole: its title and unique body lines."""
        zone = self.zones[pi]
        if zone is None:
            return []
        page = self.pages[pi]
        body = [i for i in range(zone.core_start, zone.core_end + 1)
                if self.support[page.keys[i]] == 1 and generic_kind(page.folded[i]) is None]
        return [zone.title] + [i for i in body if i != zone.title]

    def share_threshold(self, share: float) -> int:
        """Pages a key must occur on: the minimum support, and `share` of the pages."""
        return max(self.options.min_support, math.ceil(share * self.n))


def propose_drop_lines(view: SiteView, regions: Sequence[tuple[int, int]], excluded: Callable[[str], bool]) -> list[Proposal]:
    """Repeated lines the cuts leave inside the article (tool bars, share buttons, notices)."""
    inside: Counter[str] = Counter()
    for page, (start, end) in zip(view.pages, regions):
        inside.update(dict.fromkeys(page.keys[start:end], 1))
    needed = view.share_threshold(view.options.min_share)
    repeated: list[str] = []
    generic: dict[str, list[str]] = {}
    for key in sorted(inside, key=lambda k: (-view.support[k], k)):
        kind = generic_kind(view.folded(key))
        if key in view.title_keys:
            continue
        if kind in GENERIC_DROP:
            generic.setdefault(kind, []).append(key)  # one generic rule covers all their wordings
            continue
        if excluded(view.folded(key)) or view.could_be_title(key):
            continue
        if view.support[key] < needed and kind is None:
            continue  # rare lines go only when they are generic furniture (share bars, tools)
        repeated.append(key)
    proposals = line_group_rules(view, repeated, "article", "Lines the site repeats inside the article area.", frame=False)
    for kind, keys in generic.items():
        pages = len({view.sample[k][0] for k in keys})
        proposals.append(Proposal(
            rule_id=KIND_NAMES[kind], kind="drop-line",
            summary=f"Generic furniture ({kind}) found inside the article area.",
            params={"pattern": GENERIC[kind]}, support=pages, pages=view.n, confidence=pages / view.n,
            remove=[view.line(k) for k in keys[: view.options.max_examples]], generic=True,
        ))
    return proposals


def propose_frame_lines(view: SiteView, regions: Sequence[tuple[int, int]], excluded: Callable[[str], bool]) -> list[Proposal]:
    """The header and footer lines themselves, grouped: for pages on which a cut finds no marker."""
    inside_or_title = set(view.title_keys)
    for page, zone in zip(view.pages, view.zones):
        if zone is not None:
            inside_or_title.update(page.keys[zone.title : zone.core_end + 1])
    needed = view.share_threshold(view.options.frame_share)
    groups: dict[str, list[str]] = {"header": [], "footer": []}
    for key in sorted(view.support, key=lambda k: (-view.support[k], k)):
        if view.support[key] < needed or key in inside_or_title or excluded(view.folded(key)) or view.could_be_title(key):
            continue
        pi, li = view.sample[key]
        zone = view.zones[pi]
        side = "header" if zone is None or li < zone.title else "footer"
        if len(view.folded(key).strip()) <= FRAME_LINE_MAX:
            groups[side].append(key)
    proposals = []
    for side, keys in groups.items():
        summary = f"Lines of the site's {side}, for pages where no cut marker is found."
        proposals += line_group_rules(view, keys, side, summary, frame=True)
    return proposals


def propose_captures(view: SiteView, regions: Sequence[tuple[int, int]]) -> list[Proposal]:
    """Bylines (date, source, author, editor lines) as capture rules, one per generalised shape."""
    shapes: dict[str, set[int]] = {}
    samples: dict[str, list[tuple[str, dict[str, str]]]] = {}
    on_page: Counter[tuple[str, int]] = Counter()  # lines of each shape on each page
    for pi, (page, (start, end)) in enumerate(zip(view.pages, regions)):
        for li in range(start, end):
            folded = page.folded[li]
            if not is_metadata_line(folded) or page.keys[li] in view.title_keys:
                continue
            found = capture_pattern(folded)
            if found is None:
                continue
            pattern, fields = found
            on_page[pattern, pi] += 1
            shapes.setdefault(pattern, set()).add(pi)
            samples.setdefault(pattern, []).append((page.lines[li], fields))
    _loosen(view, shapes, samples)
    proposals = []
    for pattern, where in sorted(shapes.items(), key=lambda item: -len(item[1])):
        if len(where) < view.options.min_support or _listed(pattern, where, on_page):
            continue
        fields = sorted({f for _line, fs in samples[pattern] for f in fs})
        proposals.append(Proposal(
            rule_id="byline", kind="capture",
            summary=f"A byline kept as metadata ({', '.join(fields)}).",
            params={"pattern": pattern}, support=len(where), pages=view.n,
            confidence=len(where) / view.n, remove=[s for s, _f in samples[pattern][: view.options.max_examples]],
        ))
    return proposals


def _listed(pattern: str, where: set[int], on_page: Counter[tuple[str, int]]) -> bool:
    """A shape found on several lines of one page, on most of its pages, is a list (a sidebar's
    timestamps, a widget's "来源:" entries), not the page's byline: its values are not the page's."""
    return sum(on_page[pattern, pi] > 1 for pi in where) * 2 > len(where)


def _loosen(view: SiteView, shapes: dict[str, set[int]], samples: dict[str, list[tuple[str, dict[str, str]]]]) -> None:
    """Bylines too rare in their exact shape that differ only in a last unlabelled word (the source):
    one loose shape, when it is on enough pages and that word takes different values there."""
    loose: dict[str, set[int]] = {}
    loose_samples: dict[str, list[tuple[str, dict[str, str]]]] = {}
    rare = [p for p, where in shapes.items() if len(where) < view.options.min_support]
    for pattern in rare:
        for line, _fields in samples[pattern]:
            found = capture_pattern(fold(line), loose=True)
            if found is None:
                continue
            loose.setdefault(found[0], set()).update(shapes[pattern])
            loose_samples.setdefault(found[0], []).append((line, found[1]))
            break
    for pattern, where in loose.items():
        values = {fields["source"] for _line, fields in loose_samples[pattern]}
        if len(where) >= view.options.min_support and len(values) >= 2 and pattern not in shapes:
            shapes[pattern] = where
            samples[pattern] = loose_samples[pattern]
