"""What cleaning a page returns: plain data, easy to serialise (a leaf: every layer may make it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, get_args

RemovedShape = Literal["none", "rules", "full"]
REMOVED_SHAPES: tuple[str, ...] = get_args(RemovedShape)
PREFIX = "cleaner_"  # our fields in a record: cleaner_site, cleaner_metadata, cleaner_removed

# In comments mode, the paragraph before each reader comment or thread post in Result.text.
COMMENT_MARK = "[comment]"


class Removal(NamedTuple):
    """One thing a rule took out of the page: a whole line, a span inside it, or an element.

    A named tuple, not a frozen dataclass: a page can lose hundreds of lines, and a frozen
    dataclass costs five times as much to make.
    """

    rule: str  # qualified rule id, e.g. "cri.cn/fororder-images"
    line: int  # 1-based line of the input page (0 for HTML elements)
    text: str  # what was removed (the original characters)
    kind: str  # the rule kind that removed it
    column: int | None = None  # 1-based column of a span inside the line, None for a whole line
    replacement: str | None = None  # what a `replace` rule put in its place
    captured: dict[str, str] | None = None  # metadata a `capture` rule took from the line
    selector: str | None = None  # an HTML element's short CSS path in the page (`div#side > ul.hotnews`)

    def to_dict(self) -> dict[str, Any]:
        """The removal as a JSON-ready dict without empty fields."""
        # Every field spelled out: a page loses dozens of lines, and a loop over the fields cost
        # twice as much.
        rule, line, text, kind, column, replacement, captured, selector = self
        out = {"rule": rule, "line": line, "text": text, "kind": kind}
        if column is not None:
            out["column"] = column
        if replacement is not None:
            out["replacement"] = replacement
        if captured is not None:
            out["captured"] = dict(captured) if isinstance(captured, dict) else captured
        if selector is not None:
            out["selector"] = selector
        return out


@dataclass(frozen=True)
class Result:
    """The clean text, the page's metadata and every removal, in page order."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    removals: tuple[Removal, ...] = ()
    site: str | None = None  # the rule file that claimed the page, if any
    packs: tuple[str, ...] = ()  # packs applied (through the site file or as fallback)
    # For HTML pages: the extracted text that text rules ran on, which their line numbers refer to.
    extracted: str | None = field(default=None, repr=False, compare=False)

    def to_record(self, prefix: str = PREFIX, removed: RemovedShape = "rules") -> dict[str, Any]:
        """The result as a JSON-ready record: `text`, and ours under `prefix` (site, metadata, removed).

        removed: "rules" gives {rule id: count} in page order, "full" every removal as a dict,
        "none" leaves the field out.
        """
        out = {"text": self.text, f"{prefix}site": self.site, f"{prefix}metadata": dict(self.metadata)}
        if removed != "none":
            out[f"{prefix}removed"] = removed_field(self.removals, removed)
        return out


@dataclass(frozen=True)
class Fields:
    """How a record names our fields and how much of the removals it holds (see Result.to_record)."""

    prefix: str = PREFIX
    removed: RemovedShape = "rules"

    def __post_init__(self) -> None:
        if not isinstance(self.prefix, str):
            raise TypeError(f"prefix must be a string, not {type(self.prefix).__name__}")
        if not self.prefix:  # `metadata`, `site`, `removed` would overwrite a record's own fields
            raise ValueError("prefix must not be empty: the added fields would overwrite a record's own "
                             "`metadata`, `site` or `removed`")
        if self.removed not in REMOVED_SHAPES:
            raise ValueError(f"removed must be one of {', '.join(map(repr, REMOVED_SHAPES))}, not {self.removed!r}")

    def of(self, result: Result) -> dict[str, Any]:
        """The result's record in these fields."""
        return result.to_record(self.prefix, self.removed)


def removed_field(removals: tuple[Removal, ...], removed: RemovedShape) -> dict[str, int] | list[dict[str, Any]]:
    """The removals as a record holds them: counts per rule id ("rules") or every one ("full")."""
    if removed == "full":
        return [r.to_dict() for r in removals]
    counts: dict[str, int] = {}  # first-seen order: page order; a loop costs half a Counter's
    for removal in removals:
        counts[removal.rule] = counts.get(removal.rule, 0) + 1
    return counts


def utf8_size(text: str) -> int:
    """len(text.encode()) without a copy of a huge text: counted a megabyte at a time."""
    if text.isascii():
        return len(text)
    step = 1 << 20
    return sum(len(text[i:i + step].encode("utf-8", "surrogatepass")) for i in range(0, len(text), step))
