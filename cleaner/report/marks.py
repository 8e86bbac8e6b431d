"""One removal as one element: `<del data-rule="…">`, with what the details panel shows in data attributes."""
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


def removal_tag(k: int, r: Removal, rule: RuleInfo, inner: str, *, also: bool = False) -> str:
    """The element of removal number k around inner (HTML already escaped)."""
    parts = [f'<del class="rm{" also" if also else ""}" style="--h:{rule.hue}" data-rule={attr(r.rule)} data-k="{k}"',
             f" data-kind={attr(r.kind)} data-line=\"{r.line}\" title={attr(f'{r.rule}: {rule.description}')}"]
    if r.column is not None:
        parts.append(f' data-col="{r.column}"')
    if r.replacement is not None:
        parts.append(f" data-rep={attr(r.replacement)}")
    if r.captured:
        parts.append(f" data-cap={attr(json.dumps(r.captured, ensure_ascii=False))}")
    if r.line == 0 or also:
        parts.append(f" data-text={attr(r.text)}")
    selector = getattr(r, "selector", None)  # HTML removals carry one once selectors land
    if selector:
        parts.append(f" data-sel={attr(selector)} data-sug={attr(suggested_id(selector))}")
    return "".join(parts) + f">{inner}</del>"
