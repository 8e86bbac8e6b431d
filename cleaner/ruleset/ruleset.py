"""A loaded collection of rule files: resolves packs, picks the file for a page, builds plans."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import re2

from ..fold import fold
from ..kinds import HTML_KINDS, PHASES
from ..patterns import _OPTIONS
from .loader import bundled_rules_dir, load_file, rule_paths
from .model import Rule, RuleError, RuleFile, RuleFileErrors
from .scope import FingerprintIndex, host_of, url_score

_TRIGGER = {"drop-block": "start", "cut": "marker"}  # the key whose match lets a rule act at all


@dataclass
class Plan:
    """The rules that apply to one kind of page, in phase order, with a prefilter over them."""

    site: str | None
    packs: tuple[str, ...]
    rules: tuple[Rule, ...]
    title: str = "first-line"
    html: dict[str, str] = field(default_factory=dict)
    _set: object = None

    def __post_init__(self) -> None:
        self.text_rules = tuple(r for r in self.rules if r.kind not in HTML_KINDS)
        self.html_rules = tuple(r for r in self.rules if r.kind in HTML_KINDS)
        if self.text_rules:
            # One RE2 pass over the page tells which rules can fire at all: the cost of a page
            # stays flat as rule files grow to hundreds of rules.
            self._set = re2.Set.SearchSet(_OPTIONS)
            for rule in self.text_rules:
                self._set.Add(rule.params[_TRIGGER.get(rule.kind, "pattern")].regex.pattern)
            self._set.Compile()

    def candidates(self, folded_text: str) -> set[int]:
        """Indexes into text_rules whose trigger pattern occurs in the folded text."""
        if self._set is None:
            return set()
        return set(self._set.Match(folded_text) or ())


class RuleSet:
    """Every rule file in force, by name; bad files are kept out and listed in `errors`."""

    def __init__(self, files: Iterable[RuleFile] = (), errors: Iterable[RuleError] = ()) -> None:
        self.errors: list[RuleError] = list(errors)
        by_name: dict[str, RuleFile] = {}
        for f in files:
            by_name[f.name] = f  # a later folder's file for the same site overrides an earlier one
        self.files = by_name
        self._plans: dict[str | None, Plan] = {}
        self._resolved: dict[str, tuple[tuple[str, ...], tuple[Rule, ...]]] = {}
        for f in list(by_name.values()):
            try:
                self._resolve(f, ())
            except RuleFileErrors as exc:
                self.errors.extend(exc.errors)
                del self.files[f.name]
        self.sites = [f for f in self.files.values() if not f.is_pack]
        self.fallback_packs = [f for f in self.files.values() if f.is_pack and f.match is not None]
        self._fingerprints = FingerprintIndex(self.sites)

    @classmethod
    def load(cls, folders: Iterable[Path] = (), *, bundled: bool = True) -> RuleSet:
        """Load the bundled rules (unless bundled=False) and then each folder's, in order."""
        files, errors = [], []
        roots = ([bundled_rules_dir()] if bundled else []) + [Path(f) for f in folders]
        for root in roots:
            paths = [root] if root.is_file() else rule_paths(root)
            if not root.exists():
                errors.append(RuleError(str(root), 0, "no such rule file or folder"))
            for path in paths:
                try:
                    files.append(load_file(path, display=_display(path)))
                except RuleFileErrors as exc:
                    errors.extend(exc.errors)
        return cls(files, errors)

    def _resolve(self, f: RuleFile, chain: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[Rule, ...]]:
        """Packs and rules of f after `extends` and `disable`, checking both name real things."""
        if f.name in self._resolved:
            return self._resolved[f.name]
        packs: list[str] = []
        inherited: list[Rule] = []
        problems = []
        for pack_name, line in f.extends:
            pack = self.files.get(pack_name)
            if pack is None or not pack.is_pack:
                problems.append(RuleError(f.path, line, f'extends unknown pack "{pack_name}"'))
            elif pack_name in chain or pack_name == f.name:
                problems.append(RuleError(f.path, line, f'pack "{pack_name}" extends itself through {" -> ".join(chain + (f.name,))}'))
            else:
                sub_packs, sub_rules = self._resolve(pack, chain + (f.name,))
                packs.extend(p for p in sub_packs + (pack_name,) if p not in packs)
                inherited.extend(r for r in sub_rules if r not in inherited)
        off = set()
        for rid, line in f.disable:
            hits = {r.id for r in inherited if r.id == rid or r.local_id == rid}
            if not hits:
                problems.append(RuleError(f.path, line, f'disable names no inherited rule "{rid}"'))
            off |= hits
        if problems:
            raise RuleFileErrors(problems)
        rules = tuple(r for r in inherited if r.id not in off) + f.rules
        self._resolved[f.name] = (tuple(packs), rules)
        return self._resolved[f.name]

    def claim(self, text: str, url: str | None = None) -> RuleFile | None:
        """The site file for a page: by URL first, then by fingerprints in the text."""
        if url:
            scored = [(url_score(f, url), f.name, f) for f in self.sites]
            best = max(scored, default=None, key=lambda t: (t[0], t[1]))
            if best is not None and best[0] >= 0:
                return best[2]
        return self._fingerprints.best(fold(text))

    def plan_for(self, text: str, url: str | None = None) -> Plan:
        """The plan for a page: its site's rules, or the fallback packs that match it."""
        site = self.claim(text, url)
        if site is not None:
            key: str | None = site.name
        else:
            packs = [p for p in self.fallback_packs if _pack_matches(p, text, url)]
            key = "+".join(p.name for p in packs) or None
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._build_plan(site, key)
        return plan

    def _build_plan(self, site: RuleFile | None, key: str | None) -> Plan:
        if site is not None:
            packs, rules = self._resolved[site.name]
            return Plan(site.name, packs, _by_phase(rules), site.title, dict(site.html))
        if not key:
            return Plan(None, (), ())
        packs, rules = [], []
        for name in key.split("+"):
            sub_packs, sub_rules = self._resolved[name]
            packs.extend(sub_packs + (name,))
            rules.extend(sub_rules)
        return Plan(None, tuple(dict.fromkeys(packs)), _by_phase(rules))

    def rules(self) -> list[Rule]:
        """Every rule of every file (each once, in its own file)."""
        return [r for f in self.files.values() for r in f.rules]


def _by_phase(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(sorted(rules, key=lambda r: PHASES.index(r.kind)))


def _pack_matches(pack: RuleFile, text: str, url: str | None) -> bool:
    match = pack.match
    if match is None:
        return False
    if url and (url_score(pack, url) >= 0):
        return True
    if not match.fingerprints:
        return False
    folded = fold(text)
    return sum(1 for p in match.fingerprints if p.search(folded)) >= match.min_fingerprints


def _display(path: Path) -> str:
    """A short path for messages: relative to the working folder when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
