"""Run the examples a rule carries, each against that rule alone."""
from __future__ import annotations

from cleaner.core.page import Page
from cleaner.kinds import HTML_KINDS, KINDS
from cleaner.ruleset.model import Rule


def _run(rule: Rule, text: str) -> Page:
    page = Page(text)
    KINDS[rule.kind].apply(page, rule)
    return page


def _left(page: Page) -> str:
    return "\n".join(line for _i, line in page.live_lines())


def check_examples(rule: Rule) -> list[str]:
    """Messages for each example the rule fails; empty when all pass."""
    if rule.kind in HTML_KINDS:
        return []
    failures = []
    ex = rule.examples
    for text in ex.remove:
        left = _left(_run(rule, text))
        if left.strip():
            failures.append(f"should remove {text!r} but left {left!r}")
    for text in ex.keep:
        page = _run(rule, text)
        if page.removals or _left(page) != text:
            failures.append(f"should keep {text!r} but removed {[r.text for r in page.removals]!r}")
    for text, expected in ex.rewrite:
        left = _left(_run(rule, text))
        if left != expected:
            failures.append(f"should turn {text!r} into {expected!r} but gave {left!r}")
    for text, fields in ex.capture:
        page = _run(rule, text)
        got = {k: page.metadata.get(k) for k in fields}
        if got != fields:
            failures.append(f"should capture {fields!r} from {text!r} but got {page.metadata!r}")
        elif not rule.params.get("keep") and _left(page).strip():
            failures.append(f"should drop the captured line {text!r} but left {_left(page)!r}")
    return failures
