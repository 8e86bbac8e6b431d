"""Data types of the HTML path: site rules in, extraction results out."""
from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.result import Removal


@dataclass(frozen=True)
class SelectorRule:
    """A `drop-element` rule: remove every element the CSS selector matches."""

    id: str
    # CSS class/id selectors match whole tokens: ".ad" never hits class="header" or "adv".
    selector: str


@dataclass(frozen=True)
class HtmlSiteRules:
    """The `html:` section of a site rule file; every field is optional."""

    drop: tuple[SelectorRule, ...] = ()
    body: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class HtmlExtract:
    """Article text (without the title), metadata, removals, and the path that produced the text."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    removed: tuple[Removal, ...] = ()  # elements gone, each a Removal on line 0
    method: str = "empty"

    def headed_text(self, *, with_title: bool = True) -> str:
        """The title, a blank line, then the article: the shape of scraped pages, which text rules see."""
        title = self.metadata.get("title") if with_title else None
        return f"{title}\n\n{self.text}" if title and self.text else self.text
