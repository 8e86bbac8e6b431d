"""What learning takes (options) and gives (proposed rules with their evidence)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LearnOptions:
    """Thresholds of rule learning; the defaults are the ones the benchmark reports."""

    min_support: int = 2  # pages a line (or its shape) must occur on to become a rule (generic furniture excepted)
    min_share: float = 0.3  # ... and this share of the pages, for rules that drop lines
    max_markers: int = 6  # cut markers per side: the best one, then fallbacks for pages without it
    min_marker_gain: int = 3  # lines a further marker must cut on the training pages to be kept
    frame_lines: bool = True  # also drop the header/footer lines themselves (for pages a cut misses)
    frame_share: float = 0.5  # ... when they occur on at least this share of the pages
    max_examples: int = 3  # remove/keep examples written per rule
    min_confidence: float = 0.0  # rules acting on a smaller share of the pages are left out

    def __post_init__(self) -> None:
        if self.min_support < 2:
            raise ValueError("min_support must be at least 2: a line of a single page is no evidence")


@dataclass
class Proposal:
    """One learned rule, with the figures that justify it and examples taken from the pages."""

    rule_id: str
    kind: str
    summary: str  # what the rule removes, in words
    params: dict[str, Any]
    support: int  # pages the rule acts on
    pages: int  # pages learned from
    confidence: float  # 0..1
    within: tuple[str, int] | None = None
    remove: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    capture: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # the line keys it was learned from (not written)
    first: dict[int, int] = field(default_factory=dict)  # page -> line of the marker (cuts; not written)
    found: list[tuple[int, int, str, dict[str, str] | None]] = field(default_factory=list)  # (page, line, text, captured)
    generic: bool = False  # generic furniture (share bars, tool bars): a rule even from a single page
    frame: bool = False  # header/footer lines for pages a cut misses: its support is the lines', not what it did

    @property
    def description(self) -> str:
        """The rule's description as written in the file: what it does and its support."""
        return f"{self.summary} Seen on {self.support} of {self.pages} pages; confidence {self.confidence:.2f}."


@dataclass
class LearnedSite:
    """Everything learned about one site: its rules and what goes into the file's header."""

    site: str
    pages: int
    proposals: list[Proposal]
    fingerprints: list[str] = field(default_factory=list)
    extends: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)  # inherited rules that removed article lines
    html: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # rules dropped in validation, and why
