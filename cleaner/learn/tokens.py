"""Glued image tags: tokens like `南京国博_fororder_国博bannner4` that differ in their names and
share a fixed infix. Their lines differ page to page, so only the infix generalises them."""
from __future__ import annotations

import re
from collections import defaultdict

from cleaner.learn.model import Proposal
from cleaner.learn.propose import SiteView

_GLUED = re.compile(r"(?<!\S)[^\s_]+_([A-Za-z]{3,20})_\S+")
MIN_VARIANTS = 3  # distinct tokens with one infix before the infix is taken as a naming scheme


def propose_glued_tokens(view: SiteView) -> list[Proposal]:
    """A strip-span rule for each infix that names tokens on several pages."""
    pages: dict[str, set[int]] = defaultdict(set)
    tokens: dict[str, list[str]] = defaultdict(list)
    for pi, page in enumerate(view.pages):
        for line in page.folded:
            if "_" not in line:
                continue
            for m in _GLUED.finditer(line):
                infix = m.group(1)
                pages[infix].add(pi)
                if m.group() not in tokens[infix]:
                    tokens[infix].append(m.group())
    proposals = []
    for infix in sorted(pages):
        if len(pages[infix]) < view.options.min_support or len(tokens[infix]) < MIN_VARIANTS:
            continue
        proposals.append(Proposal(
            rule_id=f"{infix.lower()}-tokens", kind="strip-span",
            summary=f"Image tags named NAME_{infix}_FILE ({len(tokens[infix])} different ones).",
            params={"pattern": rf"\S*_{infix}_\S*"}, support=len(pages[infix]), pages=view.n,
            confidence=len(pages[infix]) / view.n, remove=tokens[infix][:3],
        ))
    return proposals
