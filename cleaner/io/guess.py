"""Guess the legacy encoding of bytes that are not UTF-8, and say how sure the guess is.

The order follows what the web holds, as browsers (WHATWG) do when nothing is declared:
a double-byte reading that makes sense in its script (common hanzi, kana, common hangul) when
there are enough letters to tell; else Windows-1252 for Western bytes that read as Western
words; else the code page whose reading has words in one script and one case. When the
evidence is thin (a line, a headline) the common encodings are preferred, and the confidence
says that the guess is doubtful.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from cleaner.io.charsets import (
    LIKELY,
    PLAUSIBLE,
    WEB_SINGLE_BYTE,
    Candidate,
    charset_normalizer_order,
    is_sure,
    strict_decode,
)
from cleaner.io.scripts import alphabetic_score

if TYPE_CHECKING:
    from cleaner.io.decode import Decoded

# Under this many non-ASCII bytes the evidence is thin: prefer the common encodings.
THIN_BYTES = 24
# Code pages read when the input is thin (charset-normalizer says little about a line).
_SHORTLIST = ("cp1252", "cp1251", "cp1250", "cp1253", "koi8_r", "iso8859_2")
# A reading this plausible in its script counts as making sense.
SENSIBLE = 0.5
# Below this confidence the CLI warns that the encoding was guessed.
DOUBTFUL = 0.6
_EVIDENCE_HALF = 4  # letters at which the evidence is worth half
# On a thin input Windows-1252 wins when it reads at most this much worse than the best.
_THIN_MARGIN = 0.15
# A Western reading this plausible beats a plausible double-byte one.
_WESTERN_OVER_CJK = 0.9
_ASCII = bytes(range(0x80))
# On a thin input, a single-byte reading this plausible beats a CJK one under this share of
# common characters, and a CJK one over it beats a single-byte one less plausible.
_WORDS_OVER_CJK, _CJK_OVER_WORDS = 0.9, 0.75
_TIE = 0.03  # readings this close in plausibility are a tie, which the order of preference settles
_MOST = 0.99  # 1 is for encodings that are certain (UTF-8, a BOM), never for a guess


@dataclass(frozen=True)
class Guess:
    """The reading taken and how sure it is (0..1)."""

    encoding: str
    text: str
    confidence: float


def evidence(letters: int) -> float:
    """How much a score measured on this many letters is worth (0..1)."""
    return letters / (letters + _EVIDENCE_HALF)


def confidence(best: Candidate, rival: Candidate | None) -> float:
    """Confidence in a reading: its plausibility, the evidence, and a rival that reads as well."""
    weight = evidence(best.letters)
    doubt = 0.0 if rival is None else rival.score / 2 * (1 - weight)
    return round(max(0.0, min(_MOST, best.score * weight * (1 - doubt))), 2)


@lru_cache(maxsize=1)
def _web_names() -> frozenset[str]:
    """The codecs' own names of the web's single-byte encodings: looked up when first needed, as
    each lookup imports a codec module (20 of them, 3 ms of every start-up otherwise)."""
    return frozenset(codecs.lookup(n).name for n in WEB_SINGLE_BYTE)


def single_byte_candidates(data: bytes, thin: bool) -> list[Candidate]:
    """Readings in single-byte code pages, in order of preference for a tie.

    On a thin input, Windows-1252 and then the common code pages; otherwise charset-normalizer's
    order first (it weighs letter frequencies, which tell Czech from French), then those.
    """
    if thin:
        names = ["cp1252", *_SHORTLIST]
    else:
        names = charset_normalizer_order(data)
        if "cp1252" in names:  # it finds Windows-1252 possible: the commonest code page goes first
            names.remove("cp1252")
            names.insert(0, "cp1252")
        names += ["cp1252", *_SHORTLIST]
    found = []
    for name in dict.fromkeys(codecs.lookup(n).name for n in names):  # one spelling: "koi8-r"
        text = strict_decode(data, name) if name in _web_names() else None
        if text is not None:
            found.append(Candidate(name, text, *alphabetic_score(text)))
    return found


def guess(data: bytes, cjk: list[Candidate]) -> Guess | None:
    """The most likely reading of bytes that are not UTF-8, or None when nothing fits."""
    thin = len(data.translate(None, _ASCII)) < THIN_BYTES
    if cjk and cjk[0].score >= PLAUSIBLE:
        western = None if is_sure(cjk[0]) else _western(data)
        # A double-byte reading of Western text can hit common characters by chance ("ÅR"
        # as 臨); Western words with accents in them are the stronger evidence.
        if western is None or western.score < _WESTERN_OVER_CJK:
            return _guess(cjk[0], _rival(cjk[0], cjk))
        return _guess(western, _rival(western, cjk))
    singles = single_byte_candidates(data, thin)
    sensible = [c for c in singles if c.score >= SENSIBLE]
    top = max((c.score for c in sensible), default=0.0)
    # The most plausible reading; on a tie the earlier one in the order of preference.
    best = next((c for c in sensible if c.score >= top - _TIE), None)
    if thin:
        return _thin(cjk, singles, best)
    if cjk and cjk[0].score >= LIKELY and best is None:
        return _guess(cjk[0], _rival(cjk[0], cjk + singles))
    return None if best is None else _guess(best, _rival(best, singles))


def _thin(cjk: list[Candidate], singles: list[Candidate], best: Candidate | None) -> Guess | None:
    """The reading of a line or a headline, where the common encodings go first.

    Windows-1252 if it reads about as well as any; then a CJK reading of common characters;
    then the single-byte reading with the most real-looking words.
    """
    western = next((c for c in singles if c.encoding == "cp1252"), None)
    strong_cjk = bool(cjk) and cjk[0].share >= _CJK_OVER_WORDS
    if (western is not None and best is not None and western.score >= max(SENSIBLE, best.score - _THIN_MARGIN)
            and not (strong_cjk and western.score < _WORDS_OVER_CJK)):
        return _guess(western, _rival(western, singles + cjk))
    if cjk and cjk[0].score >= LIKELY and (strong_cjk or best is None or best.score < _WORDS_OVER_CJK):
        return _guess(cjk[0], _rival(cjk[0], cjk + singles))
    return None if best is None else _guess(best, _rival(best, singles + cjk))


def _western(data: bytes) -> Candidate | None:
    """The Windows-1252 reading, if the bytes are valid in it."""
    text = strict_decode(data, "cp1252")
    return None if text is None else Candidate("cp1252", text, *alphabetic_score(text))


def _rival(best: Candidate, others: list[Candidate]) -> Candidate | None:
    """The most plausible other reading that gives a different text."""
    rivals = [c for c in others if c.text != best.text]
    return max(rivals, key=lambda c: c.score, default=None)


def _guess(best: Candidate, rival: Candidate | None) -> Guess:
    return Guess(best.encoding, best.text, confidence(best, rival))


def encoding_warning(decoded: Decoded) -> str:
    """The warning for a doubtful guess (the CLI puts the path and 'warning:' before it)."""
    return (f"encoding guessed as {decoded.encoding} (confidence {decoded.confidence:.2f}); "
            "the text may be misread")
