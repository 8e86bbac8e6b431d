"""Repeated lines as rules a person can read: literal lines listed one per YAML entry (`lines:`),
grouped by where they sit and what they are; lines whose digits or ids vary get short patterns.
"""
from __future__ import annotations

from typing import Sequence

from cleaner.learn.generalise import line_pattern, literal_pattern
from cleaner.learn.lines import HASH_CANDIDATE, is_hash
from cleaner.learn.model import Proposal
from cleaner.learn.naming import line_label

LITERAL_MAX = 140  # characters of a line listed as it is (a learned file keeps its lines under 200)
ALTERNATION_MAX = 140  # characters of one grouped pattern of varying lines


def is_literal(folded: str) -> bool:
    """A line to list as it is: no digits or ids that vary between pages, and short enough."""
    text = folded.strip()
    if len(text) > LITERAL_MAX or any(ch.isdigit() for ch in text):
        return False
    return not any(is_hash(m.group()) for m in HASH_CANDIDATE.finditer(text))


def line_group_rules(view, keys: Sequence[str], side: str, summary: str, *, frame: bool) -> list[Proposal]:
    """Rules for repeated lines on one side of the article (header, footer, article): one `lines:`
    rule per label for the literal lines, patterns for the others, in the keys' order."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(line_label(view.folded(key), side), []).append(key)
    proposals = []
    # Groups by name and lines by text: one more page changes supports, not the file's order.
    for label, members in sorted(groups.items()):
        members = sorted(members, key=lambda k: (view.line(k), k))
        literal = [k for k in members if is_literal(view.folded(k))]
        varying = [k for k in members if k not in literal]
        if literal:
            proposals.append(_proposal(view, f"{side}-{label}", summary, literal, frame,
                                       {"lines": [" ".join(view.line(k).split()) for k in literal]}))
        for chunk in _chunks(view, varying):
            proposals.append(_proposal(view, f"{side}-{label}", summary, chunk, frame, {"pattern": _alternation(view, chunk)}))
    return proposals


def _proposal(view, rule_id: str, summary: str, keys: list[str], frame: bool, params: dict) -> Proposal:
    support = max(view.support[k] for k in keys)
    return Proposal(
        rule_id=rule_id, kind="drop-line", summary=summary, params=params, support=support, pages=view.n,
        confidence=min(view.support[k] for k in keys) / view.n, remove=[view.line(k) for k in keys],
        keys=list(keys), frame=frame,
    )


def _alternation(view, keys: list[str]) -> str:
    if len(keys) == 1:
        return line_pattern(view.folded(keys[0]))
    return "^\\s*(?:" + "|".join(literal_pattern(view.folded(k).strip()) for k in keys) + ")\\s*$"


def _chunks(view, keys: list[str]) -> list[list[str]]:
    """Varying lines in groups whose alternation stays short; a long line stands alone."""
    chunks: list[list[str]] = []
    size = ALTERNATION_MAX
    for key in keys:
        length = len(literal_pattern(view.folded(key).strip())) + 1
        if size + length > ALTERNATION_MAX:
            chunks.append([])
            size = 0
        chunks[-1].append(key)
        size += length
    return chunks
