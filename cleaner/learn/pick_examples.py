"""Examples for learned rules: lines a rule removed on the pages, and, to keep, the article lines
nearest to where it acted (each rule its own), every example checked against its rule alone."""
from __future__ import annotations

import re
from dataclasses import replace

from cleaner.core.examples import check_examples
from cleaner.learn.model import LearnedSite, Proposal
from cleaner.learn.propose import SiteView
from cleaner.learn.rule_file import learned_rule_file
from cleaner.ruleset.model import Examples, Rule, RuleFile

_SENTENCE = re.compile(r"^.{8,100}?(?:[。！？!?]|\.(?=\s|$))")
BODY_EXAMPLE_MAX = 100
EXAMPLE_MAX = 120  # characters: a learned file keeps its lines under 200
KEEP_EXAMPLES = 2
_CANDIDATES = 4  # times the examples wanted: some may fail their check


def attach_examples(learned: LearnedSite, view: SiteView, checked: RuleFile | None = None) -> None:
    """Fill each proposal's remove/capture/keep examples from the pages it was learned from
    (`checked`: the learned file as validation loaded it, when the caller has it)."""
    limit = view.options.max_examples
    bare = {r.local_id: r for r in (checked or learned_rule_file(learned, examples=False)).rules}
    for p in learned.proposals:
        if p.kind == "drop-element":
            continue  # element rules carry no text examples
        rule = bare[p.rule_id]
        if p.kind == "capture":
            found = [(_spaced(text), captured) for _pi, _li, text, captured in p.found if captured]
            p.capture = _passing(rule, "capture", _distinct(found, limit * _CANDIDATES), limit)
            p.remove = []
        else:
            texts = [text for _pi, _li, text, _c in p.found] if p.found and p.kind == "drop-line" else p.remove
            p.remove = _passing(rule, "remove", _distinct([_spaced(t) for t in texts], limit * _CANDIDATES), limit)
        p.keep = _passing(rule, "keep", _nearest_article_lines(p, view), KEEP_EXAMPLES)


def _spaced(text: str) -> str:
    """An example as a reviewer reads it: runs of spaces as one (patterns match any run)."""
    return " ".join(text.split())


def _passing(rule: Rule, field: str, candidates: list, limit: int) -> list:
    """The first `limit` candidates that pass as examples of the rule, each checked alone."""
    out = []
    for item in candidates:
        text = item[0] if isinstance(item, tuple) else item
        if not text or len(text) > EXAMPLE_MAX:
            continue
        examples = Examples(**{field: (item,)})
        if not check_examples(replace(rule, examples=examples)):
            out.append(item)
        if len(out) >= limit:
            break
    return out


def _nearest_article_lines(p: Proposal, view: SiteView) -> list[str]:
    """Article lines (titles, unique body lines) nearest to where the rule acted, nearest first."""
    places = list(dict.fromkeys((pi, li) for pi, li, _t, _c in p.found))[:KEEP_EXAMPLES * _CANDIDATES]
    if not places:  # a rule that acted nowhere: the first pages' titles
        places = [(pi, 0) for pi in range(min(view.n, KEEP_EXAMPLES))]
    candidates: list[str] = []
    for rank in range(_CANDIDATES):
        for pi, li in places:
            near = sorted(view.article_lines(pi), key=lambda i: (abs(i - li), i))
            if rank < len(near):
                candidates.append(_short(view.pages[pi].lines[near[rank]]))
    return _distinct(candidates, KEEP_EXAMPLES * _CANDIDATES)


def drop_failing(learned: LearnedSite) -> None:
    """Leave out every rule whose own examples fail (a safety net: they come from the pages)."""
    failing = {r.local_id: msgs for r in learned_rule_file(learned).rules if (msgs := check_examples(r))}
    for rid, msgs in failing.items():
        learned.notes.append(f"left out {rid}: {msgs[0]}")
    learned.proposals = [p for p in learned.proposals if p.rule_id not in failing]


def _short(line: str) -> str:
    """A line's first sentence (or its head): a keep example need not be a whole paragraph."""
    line = _spaced(line)
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
