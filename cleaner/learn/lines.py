"""Lines of a site's pages, normalised CCNet-style, and on how many pages each one occurs."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from cleaner.matching.fold import fold, strip_line

# Hashes and opaque ids vary per page where the furniture around them does not. Checked before
# digits: a hash is digits and letters mixed, so it must not be read as letters around numbers.
HASH_CANDIDATE = re.compile(r"[0-9A-Za-z_-]{8,}")
_HEX = re.compile(r"[0-9a-fA-F]+")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
HASH_MARK, DIGIT_MARK = "\x01", "0"


def is_hash(token: str) -> bool:
    """Digits and letters mixed: hex of 8+ characters, or any id of 16+ characters."""
    has_digit = any(c.isdigit() for c in token)
    has_alpha = any(c.isalpha() for c in token)
    return has_digit and has_alpha and (len(token) >= 16 or _HEX.fullmatch(token) is not None)


def _mask_hash(m: re.Match[str]) -> str:
    return HASH_MARK if is_hash(m.group()) else m.group()


def normalise(folded_line: str) -> str:
    """The CCNet-style key of a folded line: lower case, hashes and digit runs masked, spaces collapsed."""
    key = HASH_CANDIDATE.sub(_mask_hash, folded_line.strip()).lower()
    key = _DIGITS.sub(DIGIT_MARK, key)
    return _SPACES.sub(" ", key)


@dataclass
class SitePage:
    """One page of a site as non-blank lines: the original text, the folded view and the key."""

    name: str
    lines: list[str]
    folded: list[str]
    keys: list[str]
    first_key_index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_text(cls, name: str, text: str) -> SitePage:
        """Split scraped text into stripped non-blank lines and normalise each one."""
        lines = [s for s in (strip_line(raw) for raw in text.replace("\r", "\n").split("\n")) if s]
        folded = [fold(line) for line in lines]
        keys = [normalise(f) for f in folded]
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            first.setdefault(key, i)
        return cls(name, lines, folded, keys, first)

    def __len__(self) -> int:
        return len(self.lines)


def page_support(pages: Sequence[SitePage]) -> Counter[str]:
    """How many pages carry each key (a key repeated within one page counts once)."""
    support: Counter[str] = Counter()
    for page in pages:
        support.update(page.first_key_index.keys())
    return support
