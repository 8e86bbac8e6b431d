"""The folded view that patterns see: every Unicode space reads as ' ', full-width ASCII as ASCII.

Folding maps one character to one character, so a match's offsets in the folded view are its
offsets in the original text: the cleaner matches on the fold and cuts or captures the original.
"""
from __future__ import annotations

import re

import re2

# Zero-width characters ride along in scraped text and break `\s`-based patterns.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_REGEX_META = set("\\.^$|?*+()[]{}-#&~")


# Every space separator (Zs) but U+0020, as of Unicode 6.3 through 15.1 (tests/matching check the
# list against unicodedata): scanning the code points for them cost 10 ms in every process.
_SPACE_SEPARATORS = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_FULL_WIDTH = range(0xFF01, 0xFF5F)  # FULLWIDTH ! .. ~  ->  ASCII ! .. ~

FOLD_TABLE: dict[int, str] = {
    **{ord(ch): " " for ch in _SPACE_SEPARATORS + _ZERO_WIDTH},
    **{cp: chr(cp - 0xFEE0) for cp in _FULL_WIDTH},
}
# str.translate pays a dict miss (a raised KeyError) for every character it leaves alone, about
# 40 MB/s on Chinese text; folded characters are ~1% of a page, so find the distinct ones with a
# C-level scan and str.replace each. Same result as text.translate(FOLD_TABLE).
_FOLDS = {chr(cp): ch for cp, ch in FOLD_TABLE.items()}
_FOLDABLE = re.compile("[" + "".join(re.escape(ch) for ch in _FOLDS) + "]")


def fold(text: str) -> str:
    """Return the folded view of text (same length, same line breaks)."""
    if text.isascii():
        return text
    # Search, replace every copy of what was found, search on from there: each distinct
    # character costs one search, where findall built a string for each of the hundreds of
    # '，' of a Chinese page. Folding keeps positions (one character for one), and nothing
    # before pos is foldable any more.
    search, folds = _FOLDABLE.search, _FOLDS
    found = search(text)
    while found is not None:
        ch = found.group()
        pos = found.start()
        text = text.replace(ch, folds[ch])
        found = search(text, pos + 1)
    return text


def fold_pattern(pattern: str) -> str:
    """Fold the literal characters of a pattern so that it matches the folded view.

    A full-width '（' in a pattern means the literal character, so it folds to an escaped '\\('.
    """
    out: list[str] = []
    escaped = False
    for ch in pattern:
        folded = FOLD_TABLE.get(ord(ch))
        if escaped:
            out.append(folded if folded is not None else ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif folded is None:
            out.append(ch)
        elif folded in _REGEX_META:
            out.append("\\" + folded)
        else:
            out.append(folded)
    return "".join(out)


def is_blank(text: str) -> bool:
    """True when text holds nothing but spaces and punctuation (nothing a reader would keep)."""
    return not any(ch.isalnum() for ch in text)


STRIP = "".join(chr(c) for c, v in FOLD_TABLE.items() if v == " ") + " \t\r\n\f\v"


def strip_line(line: str) -> str:
    """Strip a line of indentation and trailing space, NBSP, U+2003, U+3000 and zero-widths included."""
    return line.strip(STRIP)


def _foldable_set() -> object:
    """An RE2 set of the foldable characters, one pattern each: one pass tells which occur."""
    options = re2.Options()
    options.literal = True
    chars = re2.Set.SearchSet(options)
    for ch in _FOLDS:
        chars.Add(ch)
    chars.Compile()
    return chars


_FOLDABLE_SET = _foldable_set()
_FOLDABLE_LIST = list(_FOLDS)
_ASCII_BYTES = bytes(range(0x80))


def fold_utf8(text: str) -> bytes:
    """fold(text).encode(), found by RE2's DFA on the UTF-8: what a claim by fingerprints searches.

    An order faster than fold on a long page, where `re` scans the str a character at a time.
    """
    return fold_utf8_parts(text)[0]


def fold_utf8_parts(text: str, utf8: bytes | None = None) -> tuple[bytes, bytes]:
    """fold_utf8(text), and the non-ASCII bytes of text's UTF-8 (all of them, in order).

    The second is what a pattern of non-ASCII characters only can match in a fraction of the
    time (see FingerprintSet): on an English page it is a few hundred bytes. utf8: text's
    UTF-8, when the caller has it (an HTML page's, which the parser reads too).
    """
    data = text.encode("utf-8") if utf8 is None else utf8
    if len(data) == len(text):  # ASCII: nothing folds
        return data, b""
    # Foldable characters are multi-byte: the set searches only the non-ASCII bytes, which stay
    # whole characters in order (UTF-8 never puts an ASCII byte inside a character).
    non_ascii = data.translate(None, _ASCII_BYTES)
    found = _FOLDABLE_SET.Match(non_ascii)
    if not found:
        return data, non_ascii
    # str.replace and one encode: bytes.replace of each character's UTF-8 measured 1.5x slower.
    for k in found:
        ch = _FOLDABLE_LIST[k]
        text = text.replace(ch, _FOLDS[ch])
    return text.encode("utf-8"), non_ascii
