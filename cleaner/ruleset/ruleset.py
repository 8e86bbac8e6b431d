"""A loaded collection of rule files: resolves packs and tells which files apply to a page (no engine)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from cleaner.kinds import PHASES
from cleaner.matching.fold import fold_utf8_parts
from cleaner.ruleset.fingerprints import Fingerprints
from cleaner.ruleset.loader import (
    bundled_rules_dir,
    load_file,
    parse_rule_file,
    rule_paths,
)
from cleaner.ruleset.model import Rule, RuleError, RuleFile, RuleFileErrors, names_rule
from cleaner.ruleset.scope import HostIndex, url_score

if TYPE_CHECKING:
    from cleaner.ruleset.cache import RuleCache


@dataclass(frozen=True)
class Scope:
    """What the rule files say about one kind of page: the claiming file or fallback packs, and their rules."""

    key: str | None  # the claiming site's name, the fallback packs' names joined by "+", or None
    site: str | None
    packs: tuple[str, ...]
    rules: tuple[Rule, ...]  # in phase order
    title: str = "first-line"
    html: dict[str, str] = field(default_factory=dict)
    main_content: bool = False  # the files ask for main-content selection on scraped text


class RuleSet:
    """Every rule file in force, by name; bad files are kept out and listed in `errors`."""

    def __init__(self, files: Iterable[RuleFile] = (), errors: Iterable[RuleError] = (),
                 disabled: Iterable[str] = ()) -> None:
        self.errors: list[RuleError] = list(errors)
        # Switched off by the user (--disable, `disable` in [tool.cleaner]): rule ids or file names.
        self.disabled: frozenset[str] = frozenset(disabled)
        self.warnings: list[str] = []  # `path: warning: …` lines, e.g. a rule folder without rule files
        by_name: dict[str, RuleFile] = {}
        for f in files:
            by_name[f.name] = f  # a later folder's file for the same site overrides an earlier one
        self.files = by_name
        self._scopes: dict[str | None, Scope] = {}
        self._resolved: dict[str, tuple[tuple[str, ...], tuple[Rule, ...]]] = {}
        for f in list(by_name.values()):
            try:
                self._resolve(f, ())
            except RuleFileErrors as exc:
                self.errors.extend(exc.errors)
                del self.files[f.name]
        self.sites = [f for f in self.files.values() if not f.is_pack]
        self.fallback_packs = [f for f in self.files.values() if f.is_pack and f.match is not None]
        # The sites' fingerprints (mostly literals) apart from the packs' (\p{Han}{12}, \bthe\b.*\band\b):
        # a page a site claims never pays for the packs' patterns, which cost the set 5x more a byte.
        self._site_prints = Fingerprints(self.sites)
        self._pack_prints = Fingerprints(self.fallback_packs)
        self._site_rank = {f.name: i for i, f in enumerate(self.sites)}
        self._hosts = HostIndex(self.sites)

    @classmethod
    def load(cls, folders: Iterable[Path] = (), *, bundled: bool = True, cache: RuleCache | None = None) -> RuleSet:
        """Load the bundled rules (unless bundled=False) and then each folder's, in order.

        With a cache (ruleset/cache.py), files parsed before with the same text are taken from it."""
        files, errors, warnings = [], [], []
        roots = ([bundled_rules_dir()] if bundled else []) + [Path(f) for f in folders]
        for root in roots:
            paths = [root] if root.is_file() else rule_paths(root)
            if not root.exists():
                errors.append(RuleError(str(root), 0, "no such rule file or folder"))
            elif not paths:  # a typo'd or empty folder would otherwise change nothing, silently
                warnings.append(f"{root}: warning: no rule files (*.yaml) found")
            seen: dict[str, RuleFile] = {}  # a later folder overrides a file; within one, a second is a mistake
            for path in paths:
                try:
                    f = load_file(path, display=_display(path), cache=cache)
                except RuleFileErrors as exc:
                    errors.extend(exc.errors)
                    continue
                if f.name in seen:
                    what = "pack" if f.is_pack else "site"
                    errors.append(RuleError(f.path, 0, f'{what} "{f.name}" is already defined in {seen[f.name].path}; one file per {what} in a folder'))
                    continue
                seen[f.name] = f
                files.append(f)
        if cache is not None:
            cache.save()
        rules = cls(files, errors)
        rules.warnings = warnings
        return rules

    @property
    def fingerprint(self) -> str:
        """A digest of the rules in force (each file's name and text, in order), the same in every process.

        A cache key for pipelines: equal rules give equal fingerprints wherever they were loaded
        from. `datasets` hashes a RuleSet through its pickled source, which is as stable.
        """
        import hashlib  # here: loading OpenSSL is 3 ms of a start-up that seldom asks for this

        digest = hashlib.sha256()
        for f in self.files.values():
            for part in (f.name, f.source or repr(f)):  # a file built in code has no source text
                data = part.encode("utf-8", "surrogatepass")
                digest.update(len(data).to_bytes(8, "little") + data)
        return digest.hexdigest()[:32]

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle as the source: each file's path and text, the errors, warnings and options."""
        # Compiled RE2 objects do not pickle; parsing the texts again costs what a load costs,
        # less the reading, so worker processes (multiprocessing, datasets, Spark) get the same rules.
        for f in self.files.values():
            if not f.source:
                raise TypeError(f"cannot pickle a RuleSet holding {f.path}: a rule file built in code, "
                                "without its source text (use parse_rule_file or RuleSet.load)")
        sources = tuple((f.path, f.source) for f in self.files.values())
        return _rebuild, (sources, tuple(self.errors), tuple(self.warnings), tuple(sorted(self.disabled)))

    def without(self, ids: Iterable[str]) -> RuleSet:
        """These rules with some switched off: a rule id (`zh-news/share-bar`), or a file's name for
        all of that file's own rules (`zh-news`). Raises ValueError naming the ids that name nothing."""
        ids = tuple(dict.fromkeys(ids))
        unknown = [i for i in ids if not self.names_something(i)]
        if unknown:
            raise ValueError(f"no such rule or rule file: {', '.join(unknown)} "
                             "(a rule id such as zh-news/share-bar, or a file's name; `cleaner rules list` shows them)")
        if not ids:
            return self
        rules = RuleSet(self.files.values(), self.errors, self.disabled | set(ids))
        rules.warnings = list(self.warnings)
        return rules

    def names_something(self, selector: str) -> bool:
        """Whether selector is a rule id or a rule file's name in this set."""
        return selector in self.files or any(r.id == selector for f in self.files.values() for r in f.rules)

    def is_disabled(self, rule: Rule) -> bool:
        """Whether the user switched this rule off."""
        return bool(self.disabled) and names_rule(self.disabled, rule.id)

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

    def scope_for(self, text: str, url: str | None = None, *, folded: str | bytes | None = None,
                  utf8: bytes | None = None) -> Scope:
        """What applies to a page: its site's rules, or the fallback packs that match it.

        folded, when the caller has it, is fold(text), or its UTF-8: it saves folding again;
        utf8 is text's UTF-8 (unfolded), which saves encoding it.
        """
        # One set pass for the sites' fingerprints, and one for the packs' only when no site
        # claims the page. Not merged with the plan's own set: a set of both packs' bounded
        # repeats (.{0,60}) blows up RE2's DFA (10x slower).
        # (folded view, its non-ASCII bytes if known): folded once, and only when a count is needed
        views: list[tuple[str | bytes, bytes | None]] = [] if folded is None else [(folded, None)]
        found: dict[Fingerprints, dict[str, int]] = {}

        def counts(prints: Fingerprints) -> dict[str, int]:
            if prints not in found:
                if not views:
                    views.append(fold_utf8_parts(text, utf8))  # the set searches UTF-8: folded there at once
                found[prints] = prints.counts(*views[0])
            return found[prints]

        site = self._claim(url, lambda: counts(self._site_prints))
        if site is not None:
            key: str | None = site.name
        else:
            pack_counts = lambda: counts(self._pack_prints)  # noqa: E731
            packs = [p for p in self.fallback_packs if _pack_matches(p, pack_counts, url)]
            key = "+".join(p.name for p in packs) or None
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._scopes[key] = self._build_scope(site, key)
        return scope

    def _claim(self, url: str | None, counts: Callable[[], dict[str, int]]) -> RuleFile | None:
        if url:
            scored = [(url_score(f, url), f.name, f) for f in self._hosts.candidates(url)]
            best = max(scored, default=None, key=lambda t: (t[0], t[1]))
            if best is not None and best[0] >= 0:
                return best[2]
        # The site with the most fingerprints found, at least its minimum; the first on a tie.
        ranked = [(n, -self._site_rank[name], name) for name, n in counts().items()
                  if name in self._site_rank and n >= self.files[name].match.min_fingerprints]  # type: ignore[union-attr]
        return self.files[max(ranked)[2]] if ranked else None

    def _build_scope(self, site: RuleFile | None, key: str | None) -> Scope:
        if site is not None:
            packs, rules = self._resolved[site.name]
            rules = tuple(r for r in rules if not self.is_disabled(r))
            main_content = site.main_content if site.main_content is not None else self._packs_say_main_content(packs)
            return Scope(key, site.name, packs, _by_phase(rules), site.title, dict(site.html), main_content)
        if not key:
            return Scope(None, None, (), ())
        packs, rules = [], []
        for name in key.split("+"):
            sub_packs, sub_rules = self._resolved[name]
            packs.extend(sub_packs + (name,))
            rules.extend(r for r in sub_rules if not self.is_disabled(r))
        unique = tuple(dict.fromkeys(packs))
        return Scope(key, None, unique, _by_phase(rules), main_content=self._packs_say_main_content(unique))

    def _packs_say_main_content(self, packs: Iterable[str]) -> bool:
        """Whether a pack in force asks for main-content selection (and none turns it off)."""
        said = [self.files[p].main_content for p in packs if p in self.files and self.files[p].main_content is not None]
        return bool(said) and all(said)

    def rules(self) -> list[Rule]:
        """Every rule of every file (each once, in its own file)."""
        return [r for f in self.files.values() for r in f.rules]


def _rebuild(sources: tuple[tuple[str, str], ...], errors: tuple[RuleError, ...], warnings: tuple[str, ...],
             disabled: tuple[str, ...] = ()) -> RuleSet:
    """A RuleSet from its pickled source: the files parsed again, in their order."""
    rules = RuleSet([parse_rule_file(text, path) for path, text in sources], errors, disabled)
    rules.warnings = list(warnings)
    return rules


def _by_phase(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(sorted(rules, key=lambda r: PHASES.index(r.kind)))


def _pack_matches(pack: RuleFile, counts: Callable[[], dict[str, int]], url: str | None) -> bool:
    match = pack.match
    if match is None:
        return False
    if url and (url_score(pack, url) >= 0):
        return True
    if not match.fingerprints:
        return False
    return counts().get(pack.name, 0) >= match.min_fingerprints


def _display(path: Path) -> str:
    """A short path for messages: relative to the working folder when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
