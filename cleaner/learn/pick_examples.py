"""Examples for learned rules: lines a rule removed on the pages, article lines it must keep."""
from __future__ import annotations

import re

from cleaner.core.examples import check_examples
from cleaner.learn.model import LearnedSite
from cleaner.learn.propose import SiteView
from cleaner.learn.rule_file import learned_rule_file
from cleaner.matching.fold import fold
from cleaner.matching.patterns import compile_pattern

_SENTENCE = re.compile(r"^.{8,100}?[。！？!?]")
BODY_EXAMPLE_MAX = 100


def attach_examples(learned: LearnedSite, view: SiteView) -> None:
    """Fill each proposal's remove/capture/keep examples from the pages it was learned from."""
    keeps = _article_lines(view)
    limit = view.options.max_examples
    for p in learned.proposals:
        if p.kind == "drop-element":
            continue  # element rules carry no text examples
        if p.kind == "capture":
            p.capture = _distinct([(text, captured) for _pi, text, captured in p.found if captured], limit)
            p.remove = []
        elif p.kind == "drop-line" and p.found:
            p.remove = _distinct([text for _pi, text, _c in p.found], limit)
        else:
            p.remove = _distinct(p.remove, limit)
        trigger = compile_pattern(p.params.get("pattern") or p.params["marker"], whole_line=p.kind == "capture")
        p.keep = [text for text in keeps if trigger.search(fold(text)) is None][:2]


def drop_failing(learned: LearnedSite) -> None:
    """Leave out every rule whose own examples fail (a safety net: they come from the pages)."""
    failing = {r.local_id: msgs for r in learned_rule_file(learned).rules if (msgs := check_examples(r))}
    for rid, msgs in failing.items():
        learned.notes.append(f"left out {rid}: {msgs[0]}")
    learned.proposals = [p for p in learned.proposals if p.rule_id not in failing]


def _article_lines(view: SiteView) -> list[str]:
    """Titles of the pages, then the first sentence of their bodies: what rules must keep."""
    titles, bodies = [], []
    for page, zone in zip(view.pages, view.zones):
        if zone is None:
            continue
        titles.append(_short(page.lines[zone.title]))
        bodies.append(_short(page.lines[zone.core_start]))
    return _distinct(titles, 3) + _distinct(bodies, 2)


def _short(line: str) -> str:
    """A line's first sentence (or its head): a keep example need not be a whole paragraph."""
    m = _SENTENCE.match(line)
    return m.group() if m else line[:BODY_EXAMPLE_MAX].strip()


def _distinct(items: list, limit: int) -> list:
    out, seen = [], set()
    for item in items:
        key = item[0] if isinstance(item, tuple) else item
        if key not in seen:
            seen.add(key)
            out.append(item)
        if len(out) >= limit:
            break
    return out
