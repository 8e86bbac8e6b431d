"""One removal as one element: `<del data-rule="…">`, with what the details panel shows in data attributes.

A page can lose thousands of lines, so the element is kept short: the rule's colour and id come
from a head made once per rule; the description, file and line are in the page's rule table.
"""
from __future__ import annotations

import json
import re
from html import escape

from cleaner.report.rules import RuleInfo
from cleaner.result import Removal

_WORD = re.compile(r"[.#]([A-Za-z][\w-]*)\s*$")


def attr(value: object) -> str:
    """A value as a quoted, escaped attribute."""
    return '"' + escape(str(value), quote=True) + '"'


def suggested_id(selector: str) -> str:
    """A rule id for a drop-element rule built from a selector: its last class or id word."""
    found = _WORD.search(selector)
    return found.group(1).lower() if found else "element"


def heads(rules: dict[str, RuleInfo]) -> dict[str, str]:
    """Each rule's opening of its removal elements (unclosed: the removal's own attributes follow)."""
    return {rid: f'<del class="rm" style="--h:{r.hue}" data-rule={attr(rid)}' for rid, r in rules.items()}


def removal_tag(k: int, r: Removal, head: str, inner: str, *, also: bool = False) -> str:
    """The element of removal number k around inner (HTML already escaped)."""
    tag = f'{head} data-k="{k}" data-line="{r.line}"'
    if r.column is not None:
        tag += f' data-col="{r.column}"'
    if r.replacement is not None:
        tag += f" data-rep={attr(r.replacement)}"
    if r.captured:
        tag += f" data-cap={attr(json.dumps(r.captured, ensure_ascii=False))}"
    if r.line == 0 or also:
        tag += f" data-text={attr(r.text)}"
    selector = getattr(r, "selector", None)  # HTML removals carry one once selectors land
    if selector:
        tag += f" data-sel={attr(selector)} data-sug={attr(suggested_id(selector))}"
    if also:
        tag = tag.replace('class="rm"', 'class="rm also"', 1)
    return f"{tag}>{inner}</del>"
