"""How plausible the decode of a single-byte code page reads: words in one script, in one case.

A wrong code page turns letters into letters of another script, symbols into letters and
letters into symbols. Real text keeps each word in one script and one case (lower, UPPER or
Title), puts accented Latin letters among plain ones ("café", "ÉTÉ", "ação"), and uses few
symbols inside words. Cyrillic bytes read as Windows-1252 give long runs of accented Latin
letters ("Ïðàâèòåëüñòâî"); Windows-1252 bytes read as Cyrillic give Cyrillic letters inside
Latin words ("SГO PAULO"); GBK bytes read as Windows-1252 mix cases and symbols ("ÖÐ¹ú").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

# Punctuation and symbols that Western text carries: they count for a reading, anywhere.
_COMMON_SYMBOLS = frozenset("\u00a0“”‘’„‚«»‹›–—…•·©®™°€£¿¡′″\u2009\u200b\u00ad")
# Words (runs of letters; those with a non-ASCII letter are judged), and the non-ASCII characters
# that are not letters. Digits and superscripts count as letters here: "³" inside a word is a sign of
# the wrong code page, as a Latin and a Cyrillic letter in one word are.
_WORD = re.compile(r"[^\W_]+")  # (a pattern asking for a non-ASCII letter inside backtracks on every word)
_NON_ASCII_OTHER = re.compile(r"[^\x00-\x7f\w]")
_CASELESS = 0.8
_IN_WORD = frozenset("’‘·\u00ad\u2010\u2011")
# The accented letters of the languages written in Latin code pages (lower case): Western
# European, Nordic, Central European, Baltic, Romanian, Turkish, Vietnamese aside.
_ALPHABETS = tuple(frozenset(a) for a in (
    "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿßœšž",  # Western European: the letters of Windows-1252
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýžäĺľŕô",  # Czech, Slovak
    "áéíóöőúüű",  # Hungarian
    "ăâîșşțţ",  # Romanian
    "čćđšž",  # Croatian, Slovenian, Bosnian
    "çğıöşüâî",  # Turkish
    "āčēģīķļņōŗšūžąęėįųõäöü",  # Latvian, Lithuanian, Estonian
))
_LATIN_ACCENTED = frozenset().union(*_ALPHABETS)
# A Latin word of this many accented letters and no plain one is not Western text.
_MAX_ACCENTED_RUN = 3
_SAMPLE = 8_000  # characters judged: a long page says no more than its first few thousand


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """A letter's script, from its Unicode name: LATIN, CYRILLIC, GREEK, ARABIC, ..."""
    if ch < "\x80":
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "?"


@functools.lru_cache(maxsize=16384)  # words repeat: most of a page's are scored once
def _word_score(word: str) -> float:
    """How much a word with non-ASCII letters speaks for its reading (0..1 a letter).

    Real words keep to one script and one case pattern, and Latin words have plain letters
    among the accented ones. A caseless script (Hebrew, Arabic, Thai) has no case to check, so
    its words say less.
    """
    if not all(ch.isalpha() or "0" <= ch <= "9" for ch in word):
        return 0.0  # "³" or "¼" inside a word: a letter of another code page
    scripts = {_script(ch) for ch in word if not "0" <= ch <= "9"}  # digits go with any script
    if len(scripts) > 1:
        return 0.0
    if word.lower() == word.upper():
        return _CASELESS
    if not (word.islower() or word.isupper() or word.istitle()):
        return 0.0
    if scripts == {"LATIN"}:
        accented = sum(ch >= "\x80" for ch in word)
        return 1.0 if accented < len(word) or accented <= _MAX_ACCENTED_RUN else 0.0
    return 1.0


def alphabetic_score(text: str) -> tuple[float, int]:
    """How plausible a reading is (0..1) and the number of non-ASCII characters that says so.

    The share of non-ASCII characters in plausible words or among common symbols; for Latin
    text, scaled by how well its accented letters fit one language's alphabet.
    """
    sample = text[:_SAMPLE]
    good, total = 0.0, 0
    words = [w for w in _WORD.findall(sample) if not w.isascii()]
    for word in words:
        n = len(word) - len(word.encode("ascii", "ignore"))
        total += n
        good += n * _word_score(word)
    counts = Counter("".join(words).lower())  # one count for all words: cheaper than one a word
    accented = Counter({ch: n for ch, n in counts.items() if ch in _LATIN_ACCENTED})
    for match in _NON_ASCII_OTHER.finditer(sample):
        total += 1
        good += match.group() in _COMMON_SYMBOLS and not _glued(sample, match.start())
    score = good / total if total else 1.0
    return score * (0.5 + 0.5 * _alphabet_fit(accented)), total


def _glued(text: str, at: int) -> bool:
    """Whether the symbol at `at` sits between two letters, where only apostrophes and hyphens belong."""
    return (0 < at < len(text) - 1 and text[at] not in _IN_WORD
            and text[at - 1].isalpha() and text[at + 1].isalpha())


def _alphabet_fit(accented: Counter[str]) -> float:
    """Share of accented Latin letters that the best-fitting alphabet has (1 when there are none).

    Latin code pages put different letters at the same bytes, and each reading is made of real
    letters: Portuguese "ação" read as Central European is "açăo", which no language writes.
    """
    count = sum(accented.values())
    if not count:
        return 1.0
    return max(sum(n for ch, n in accented.items() if ch in alphabet) for alphabet in _ALPHABETS) / count
