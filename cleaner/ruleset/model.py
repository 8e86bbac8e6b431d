"""Rule files as loaded: immutable, validated, patterns compiled."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from cleaner.errors import RuleError, RuleFileErrors
from cleaner.matching.patterns import Pattern

__all__ = ["Examples", "Match", "Rule", "RuleError", "RuleFile", "RuleFileErrors", "names_rule"]


@dataclass(frozen=True)
class Examples:
    """Offline examples a rule carries; each is run against that rule alone."""

    remove: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    rewrite: tuple[tuple[str, str], ...] = ()
    capture: tuple[tuple[str, dict[str, str]], ...] = ()

    def __len__(self) -> int:
        return len(self.remove) + len(self.keep) + len(self.rewrite) + len(self.capture)


@dataclass(frozen=True)
class Rule:
    """One rule: `id` is qualified by its file (`cri.cn/fororder-images`)."""

    id: str
    kind: str
    description: str
    params: dict[str, Any]
    within: tuple[str, int] | None = None
    examples: Examples = Examples()
    path: str = ""
    line: int = 0

    @property
    def local_id(self) -> str:
        """The id as written in its own file."""
        return self.id.split("/", 1)[1]


@dataclass(frozen=True)
class Match:
    """Which pages a file applies to."""

    hosts: tuple[str, ...] = ()
    urls: tuple[Pattern, ...] = ()
    fingerprints: tuple[Pattern, ...] = ()
    min_fingerprints: int = 1


@dataclass(frozen=True)
class RuleFile:
    """A site file (`site: host`) or a pack (`pack: name`)."""

    name: str
    is_pack: bool
    path: str
    description: str = ""
    extends: tuple[tuple[str, int], ...] = ()  # (pack name, line)
    disable: tuple[tuple[str, int], ...] = ()  # (rule id, line)
    match: Match | None = None
    title: str = "first-line"
    html: dict[str, str] = field(default_factory=dict)  # body/title/date/author selectors
    rules: tuple[Rule, ...] = ()
    main_content: bool | None = None  # text: keep only the article's run of prose (None: as the packs say)
    # The file's text: a RuleSet pickles as its files' texts (compiled RE2 objects do not pickle).
    source: str = field(default="", repr=False, compare=False)


def names_rule(selectors: Iterable[str], rule_id: str) -> bool:
    """Whether a rule id is named by one of the selectors: the id itself, or its file's name
    (`zh-news` names `zh-news/share-bar`), as `--disable` and `cleaner: keep[…]` take them."""
    return any(s == rule_id or rule_id.startswith(s + "/") for s in selectors)
