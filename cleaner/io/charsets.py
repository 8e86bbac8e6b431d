"""Charset labels, and the candidate readings: CJK ones scored by their script, single-byte ones listed."""

from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from dataclasses import dataclass

from cleaner.io._hanzi import COMMON_HANZI

GB = "gb18030"
BIG5 = "big5hkscs"
CHINESE = (GB, BIG5)
# The double-byte encodings of the web, most common first: each is judged by how its reading
# makes sense in its script (common hanzi, kana, common hangul syllables).
CJK = (GB, BIG5, "euc_jp", "cp932", "cp949")

# Labels mapped to the superset codec that browsers actually use for them: pages labelled
# gb2312 routinely contain GBK-only characters, and Big5 pages HKSCS/ETEN extensions.
_SUPERSETS = {
    "gb2312": GB, "gbk": GB, "x-gbk": GB, "cp936": GB, "ms936": GB, "windows-936": GB,
    "euc-cn": GB, "gb18030": GB,
    "big5": BIG5, "big5-hkscs": BIG5, "x-x-big5": BIG5, "cp950": BIG5, "big5hkscs": BIG5,
    # Japanese and Korean labels, to the Windows supersets WHATWG decodes them with.
    "shift-jis": "cp932", "shift-jis-2004": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms-kanji": "cp932",
    "windows-31j": "cp932", "cp932": "cp932", "euc-jp": "euc_jp", "x-euc-jp": "euc_jp",
    "euc-kr": "cp949", "ks-c-5601-1987": "cp949", "windows-949": "cp949", "cp949": "cp949", "uhc": "cp949",
    # WHATWG treats these labels as windows-1252, and so do the pages that carry them.
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252",
}

# Share of common hanzi among non-ASCII letters above which a Chinese decode is believed
# outright. Real text scores 0.8-1.0 (a 20-character snippet rarely under 0.6); GBK read
# as Big5 (or the reverse), or Korean/Japanese bytes read as GBK, score 0.0-0.25 (a
# snippet up to 0.4).
PLAUSIBLE = 0.5
# A reading this plausible over this many letters is beyond doubt: no other is looked at.
SURE = 0.8
SURE_LETTERS = 40
# Below PLAUSIBLE but above this, a Chinese decode still beats a rival that reads worse
# in its own script.
LIKELY = 0.25
# What a single-byte code page guessed by charset-normalizer counts as against a Chinese
# reading. We have no model of its script, but a strict GB18030/Big5 decode of any length
# is itself evidence: single-byte text rarely pairs up into valid double-byte sequences.
_NEUTRAL_SCORE = LIKELY
_LETTERS_PER_BAD_BYTE = 20
# Fewer letters than this (a two-character link text) cannot tell one reading from another.
_MIN_LETTERS = 8
_SAMPLE_CHARS = 20_000
# charset-normalizer: how much worse (in its "chaos") windows-1252 may be and still be
# preferred, and how many of its guesses to weigh.
_CP1252_MARGIN = 0.06
_MAX_MATCHES = 5
# The single-byte encodings of the WHATWG Encoding Standard, those browsers know: a guess
# outside them (an EBCDIC or Urdu code page) is never what a web page was written in. Its Mac
# and DOS code pages are left out too: next to never on the web, and they read any Western
# byte as some letter or symbol.
WEB_SINGLE_BYTE = ("cp1252", "cp1251", "cp1250", "iso8859_2", "cp1253", "cp1254", "koi8_r", "cp1257",
                   "cp1255", "cp1256", "cp874", "iso8859_15", "koi8_u", "cp1258", "iso8859_5", "iso8859_7",
                   "iso8859_4", "iso8859_13", "iso8859_10", "iso8859_16", "iso8859_3", "iso8859_6",
                   "iso8859_8", "iso8859_14")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# Symbols and punctuation say nothing either way, and kana/hangul/PUA count against.
# Latin letters are neutral too: Chinese text carries pinyin (ā é ǐ) and foreign names,
# in GB18030 as in UTF-8; and so are the emoji that only GB18030 can carry.
_NEUTRAL = re.compile(r"[\u00a0-\u024f\u1e00-\u1eff\u2000-\u2bff\u3000-\u303f\uff01-\uff20"
                      r"\uff3b-\uff40\uff5b-\uff65\ufe00-\ufe0f\ufeff\ufffd"
                      r"\U0001f000-\U0001faff]")


@dataclass(frozen=True)
class Candidate:
    """A strict decode of the whole input with one codec, and how plausible it reads."""

    encoding: str
    text: str
    score: float
    letters: int = 0  # how many characters the score was measured on
    share: float = 0.0  # for a CJK reading: its share of common characters, however few letters


def normalise_charset(label: str | None) -> str | None:
    """Map a declared charset label to the Python codec to use, or None if unusable."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower().replace("_", "-")
    if key in _SUPERSETS:
        return _SUPERSETS[key]
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return None
    # A document whose declaration we could read as ASCII is not UTF-16/32 (without a
    # BOM, which is handled first): the label is wrong, as browsers also assume.
    if name.startswith(("utf-16", "utf-32")):
        return None
    return _SUPERSETS.get(name.replace("_", "-"), name)


@functools.lru_cache(maxsize=64)
def is_single_byte(encoding: str) -> bool:
    """Tell whether a codec maps every byte to one character (so any input "decodes")."""
    if codecs.lookup(encoding).name.startswith("utf"):
        return False
    high = bytes(range(0x80, 0x100))
    # A multi-byte codec pairs up lead and trail bytes, so yields fewer than 128 characters.
    return len(high.decode(encoding, "replace")) == len(high)


def chinese_score(text: str) -> float:
    """Share of common Chinese characters among the non-ASCII letters of a text."""
    return _capped(*_share(text, COMMON_HANZI))


def damaged_chinese_ok(text: str, bad: int) -> bool:
    """Tell whether a Chinese reading with `bad` replaced bytes is still plausible."""
    share, letters = _share(text, COMMON_HANZI)
    # A couple of lucky characters next to a bad byte prove nothing: ask for a body of
    # text that the damage is small against.
    return share >= PLAUSIBLE and letters >= _LETTERS_PER_BAD_BYTE * max(bad, 1)


def script_measure(text: str, encoding: str) -> tuple[float, int, float]:
    """(score, letters, share): how plausible a decode is in its codec's script, as chinese_score.

    Also the number of letters that was measured on, and the share before short texts are capped.
    """
    name = codecs.lookup(encoding).name
    if name in CHINESE or name.startswith(("gb", "big5", "hz")):
        share, letters = _share(text, COMMON_HANZI)
    elif name.startswith(("euc_kr", "cp949", "johab", "iso2022_kr")):
        share, letters = _share(text, _korean_common())
        # The 2,350 syllables are all that a legacy Korean page holds, so real Korean scores
        # nearly 1; Thai or Japanese bytes read as Korean hit them half the time by chance.
        share = max(0.0, 2 * share - 1)
    elif name.startswith(("shift_jis", "cp932", "euc_j", "iso2022_jp")):
        share, letters = _share(text, _japanese_common())
    else:
        return _NEUTRAL_SCORE, 0, _NEUTRAL_SCORE
    return _capped(share, letters), letters, share


def _non_ascii_sample(text: str) -> str:
    """The first _SAMPLE_CHARS non-ASCII characters: enough to judge, cheap on big files."""
    parts, size = [], 0
    for match in _NON_ASCII.finditer(text):
        parts.append(match.group())
        size += len(parts[-1])
        if size >= _SAMPLE_CHARS:
            break
    return "".join(parts)[:_SAMPLE_CHARS]


def _capped(share: float, letters: int) -> float:
    """A share measured on too few letters says little: count it as neutral at most."""
    return share if letters >= _MIN_LETTERS else min(share, _NEUTRAL_SCORE)


def _share(text: str, common: frozenset[str]) -> tuple[float, int]:
    """Share of characters in `common` among the non-ASCII letters, and their number."""
    counts = Counter(_NEUTRAL.sub("", _non_ascii_sample(text)))
    total = sum(counts.values())
    if total == 0:
        # Only ASCII and symbols (quotes, dashes, ©): nothing for or against the reading.
        return _NEUTRAL_SCORE, 0
    return sum(n for ch, n in counts.items() if ch in common) / total, total


@functools.lru_cache(maxsize=1)
def _korean_common() -> frozenset[str]:
    """The 2,350 Hangul syllables of KS X 1001, those modern Korean text uses."""
    # Hanja are left out: rare in modern Korean, common in Chinese bytes read as CP949.
    rows = bytes(b for lead in range(0xB0, 0xC9) for trail in range(0xA1, 0xFF)
                 for b in (lead, trail))
    return frozenset(rows.decode("euc_kr", "ignore"))


@functools.lru_cache(maxsize=1)
def _japanese_common() -> frozenset[str]:
    """Full-width kana (half of any Japanese text), plus hanzi shared as kanji."""
    # Half-width katakana are left out on purpose: they are what Chinese bytes read as
    # Shift_JIS mostly turn into.
    return frozenset(map(chr, range(0x3041, 0x3100))) | COMMON_HANZI


def strict_decode(data: bytes, encoding: str) -> str | None:
    """Decode strictly, returning None when the bytes are invalid in that codec."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def chinese_candidates(data: bytes) -> list[Candidate]:
    """Strict GB18030 and Big5-HKSCS decodes, most plausible first (GB wins ties)."""
    found = []
    for encoding in CHINESE:
        text = strict_decode(data, encoding)
        if text is not None:
            found.append(Candidate(encoding, text, chinese_score(text)))
    # sorted() is stable, so on equal scores GB18030 (far more common on the web) stays first.
    return sorted(found, key=lambda c: -c.score)


def cjk_candidates(data: bytes, first: str | None = None) -> list[Candidate]:
    """Strict decodes in the double-byte encodings, most plausible first (the more common wins ties).

    `first` (a declared encoding) is tried first. A reading that is beyond doubt (SURE) ends the
    search: a long GBK page need not be read as Japanese and Korean too.
    """
    found = []
    for encoding in dict.fromkeys([first, *CJK] if first in CJK else CJK):
        text = strict_decode(data, encoding)
        if text is not None:
            score, letters, share = script_measure(text, encoding)
            found.append(Candidate(encoding, text, score, letters, share))
            if is_sure(found[-1]):
                break
    # On equal (capped) scores the reading with more common characters, then the more common encoding.
    return sorted(found, key=lambda c: (-c.score, -c.share))


def is_sure(candidate: Candidate) -> bool:
    """Whether a double-byte reading is beyond doubt: many letters, nearly all of them common."""
    return candidate.score >= SURE and candidate.letters >= SURE_LETTERS


def charset_normalizer_order(data: bytes) -> list[str]:
    """The single-byte code pages of the web that charset-normalizer finds for the bytes, best first."""
    from charset_normalizer import from_bytes  # imported lazily: it is slow to import

    matches = list(from_bytes(data, cp_isolation=list(WEB_SINGLE_BYTE)))
    # charset-normalizer often ranks a Baltic or Central European code page first for
    # Western text whose few accented letters read the same; windows-1252 is far more
    # common on the web, so take it when it is about as good.
    for match in matches:
        if match.chaos <= matches[0].chaos + _CP1252_MARGIN and "cp1252" in match.could_be_from_charset:
            matches.insert(0, match)
            break
    names = ["cp1252" if "cp1252" in m.could_be_from_charset else m.encoding for m in matches[:_MAX_MATCHES]]
    return list(dict.fromkeys(codecs.lookup(n).name for n in names))
