"""What cleaning a page returns: plain data, easy to serialise (a leaf: every layer may make it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

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

    def to_dict(self) -> dict[str, Any]:
        """The removal as a JSON-ready dict without empty fields."""
        return {k: dict(v) if isinstance(v, dict) else v for k, v in zip(self._fields, self) if v is not None}


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

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready dict."""
        return {
            "text": self.text,
            "metadata": dict(self.metadata),
            "removed": [r.to_dict() for r in self.removals],
            "site": self.site,
        }


def utf8_size(text: str) -> int:
    """len(text.encode()) without a copy of a huge text: counted a megabyte at a time."""
    if text.isascii():
        return len(text)
    step = 1 << 20
    return sum(len(text[i:i + step].encode("utf-8", "surrogatepass")) for i in range(0, len(text), step))
