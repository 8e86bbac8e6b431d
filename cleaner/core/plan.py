"""The engine's view of a scope: its text rules in phase order with one RE2 prefilter over them.

The rule files say which rules apply to a page (RuleSet.scope_for); a Plan is how the engine
runs them, built once per scope and cached (Plans) for as long as the rules live.
"""
from __future__ import annotations

from typing import Iterable
from weakref import WeakKeyDictionary

from cleaner.kinds import HTML_KINDS, trigger_of
from cleaner.matching.patterns import Pattern
from cleaner.matching.prefilter import Hits, Prefilter
from cleaner.ruleset.model import Rule
from cleaner.ruleset.ruleset import RuleSet, Scope


class Plan:
    """The rules that apply to one kind of page, in phase order, with a prefilter over them."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.site = scope.site
        self.packs = scope.packs
        self.rules = scope.rules
        self.title = scope.title
        self.html = scope.html
        self.main_content = scope.main_content  # what the files ask for; the run's Options may say no
        self.text_rules = tuple(r for r in self.rules if r.kind not in HTML_KINDS)
        self.html_rules = tuple(r for r in self.rules if r.kind in HTML_KINDS)
        # One RE2 pass over the page tells which rules can fire at all, and where: the cost of a
        # page stays flat as rule files grow to hundreds of rules.
        # A `lines:` list is looked up line by line in a set (Page.equal_lines), never searched:
        # kept out of the set, its rule is always a candidate, at the cost of a set intersection.
        self.prefilter = Prefilter(p for r in self.text_rules for p in patterns_of(r) if p.lines is None)
        self._by_trigger: dict[str, list[int]] = {}
        self._always: list[int] = []  # rules whose trigger the prefilter cannot scan
        # Rules whose reach depends on what else is gone: a limit counts the lines left, a cut its
        # first marker left. The engine applies them again to what is left (text.settle).
        self.positional = frozenset(i for i, r in enumerate(self.text_rules)
                                    if (r.within is not None or r.kind == "cut") and r.kind != "replace")
        for i, rule in enumerate(self.text_rules):
            trigger = trigger_of(rule.kind, rule.params).regex.pattern
            if trigger in self.prefilter.known:
                self._by_trigger.setdefault(trigger, []).append(i)
            else:
                self._always.append(i)

    def scan(self, folded_text: str | bytes) -> Hits:
        """Where each pattern of the plan's rules matches in the folded page (or its UTF-8)."""
        return self.prefilter.scan(folded_text)

    def candidates(self, hits: Hits | str) -> set[int]:
        """Indexes into text_rules whose trigger pattern occurs in the page (hits, or its folded text)."""
        if isinstance(hits, str):
            hits = self.scan(hits)
        live = set(self._always)
        for source in hits.where:
            live.update(self._by_trigger.get(source, ()))
        return live


class Plans:
    """The plans of one RuleSet, built on first use and kept by scope."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self._plans: dict[str | None, Plan] = {}

    def plan_for(self, text: str, url: str | None = None, *, folded: str | bytes | None = None,
                 utf8: bytes | None = None) -> Plan:
        """The plan for a page (folded or utf8, when the caller has it: see RuleSet.scope_for)."""
        scope = self.rules.scope_for(text, url, folded=folded, utf8=utf8)
        plan = self._plans.get(scope.key)
        if plan is None:
            plan = self._plans[scope.key] = Plan(scope)
        return plan


_PLANS: WeakKeyDictionary[RuleSet, Plans] = WeakKeyDictionary()


def plans_of(rules: RuleSet) -> Plans:
    """The plans of a RuleSet, one cache per RuleSet for as long as it lives (every Cleaner shares it)."""
    plans = _PLANS.get(rules)
    if plans is None:
        plans = _PLANS[rules] = Plans(rules)
    return plans


def patterns_of(rule: Rule) -> Iterable[Pattern]:
    """Every pattern a rule searches (pattern, start, end, marker)."""
    return [v for v in rule.params.values() if isinstance(v, Pattern)]
