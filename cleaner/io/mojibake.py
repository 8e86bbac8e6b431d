"""Repair mojibake: text whose bytes were once read in a single-byte code page and re-encoded.

The classic damage is UTF-8 read as Latin-1 or Windows-1252 and saved as UTF-8 again ("ä¸\xadå\x9b½"
for 中国), sometimes twice over, and sometimes over a GBK or Big5 page read the same way. It is
undone by encoding the text back to those bytes and decoding them as they were meant to be, and
only when the evidence is strong:

- every character of the text maps back to one byte (Latin-1, or Windows-1252 with its five
  undefined bytes passed through as C1 controls, as browsers and Windows do; or Latin-9, whose
  š ž Ÿ € sit where Latin-1 has ¨ ¸ ¾ ¤);
- the bytes are valid UTF-8 throughout, which text in a single-byte code page practically never
  is once it holds a multi-byte sequence ("café" read back is the lone byte E9, invalid UTF-8);
  or, for the legacy Chinese case, the bytes are a strict GB18030/Big5 decode that reads as
  Chinese, and the non-ASCII characters come in long runs (Western text has them one or two
  at a time: "Straße", "Þjóð");
- the result reads far better: it holds a small fraction of the original's mojibake marks.

Text that does not carry the marks of mojibake at all is returned at the cost of one regular
expression search.
"""

from __future__ import annotations

import re

from cleaner.io.charsets import PLAUSIBLE, chinese_candidates, strict_decode

__all__ = ["may_hold_mojibake", "repair_mojibake"]

MAX_LAYERS = 3  # encodings undone at most (UTF-8 read as Latin-1 twice, then GBK read as Latin-1)
_CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Windows-1252's characters for bytes 80-9F, mapped back to those bytes (its undefined
# bytes 81 8D 8F 90 9D decode to the C1 controls of the same number, which Latin-1 covers).
_TO_BYTE = {ord(ch): bytes([b]).decode("latin-1") for b in range(0x80, 0xA0)
            if (ch := bytes([b]).decode("cp1252", errors="ignore"))}
_CONTINUATION = f"\\x80-\\xbf{_CP1252}"
# A UTF-8 lead byte read as a character, then a continuation byte read as one.
_MARK = re.compile(f"[\\xc2-\\xf4][{_CONTINUATION}]")
# The same marks in the UTF-8 the text was decoded from: a byte regex whose first byte (C3) is
# found by a fast scan, where _MARK tries every character of the str (1.3 ms on a 200 kB page).
_MARK_UTF8 = re.compile(b"\\xc3[\\x82-\\xb4](?:\\xc2[\\x80-\\xbf]|"
                        + b"|".join(re.escape(ch.encode()) for ch in _CP1252) + b")")
_C1 = re.compile("[\\x80-\\x9f]")
_RUN = re.compile(f"[\\x80-\\xff{_CP1252}]{{4,}}")
_NON_ASCII = re.compile(f"[\\x80-\\xff{_CP1252}]")
MIN_RUN_SHARE = 0.5  # of the non-ASCII characters in runs of 4+, for the legacy Chinese reading
MIN_MARKS = 2  # one "Â " alone could be meant (and is too little to go on)
FAR_BETTER = 0.1  # the repaired text may keep at most this share of the original's marks


def may_hold_mojibake(utf8: bytes) -> bool:
    """Whether the text these UTF-8 bytes decode to holds a mark of mojibake (repair_mojibake's first test)."""
    return _MARK_UTF8.search(utf8) is not None


def repair_mojibake(text: str) -> tuple[str, int]:
    """The repaired text and the number of encodings undone (0: the text is returned as is)."""
    if _MARK.search(text) is None or len(_MARK.findall(text)) < MIN_MARKS:
        return text, 0
    current, layers = text, 0
    while layers < MAX_LAYERS:
        utf8 = next((t for data in _single_bytes(current) if not data.isascii()
                     and (t := strict_decode(data, "utf-8")) is not None), None)
        if utf8 is None:
            break
        current, layers = utf8, layers + 1
    if layers < MAX_LAYERS and _long_runs(current):
        found = [c for data in _single_bytes(current) for c in chinese_candidates(data)]
        best = max(found, key=lambda c: c.score, default=None)
        if best is not None and best.score >= PLAUSIBLE:
            current, layers = best.text, layers + 1
    if layers == 0 or _badness(current) > FAR_BETTER * _badness(text):
        return text, 0
    return current, layers


def _single_bytes(text: str) -> list[bytes]:
    """The bytes that Windows-1252 (or Latin-1), or else Latin-9, would have read as this text."""
    found = []
    for table, codec in ((_TO_BYTE, "latin-1"), (None, "iso-8859-15")):
        try:
            data = (text.translate(table) if table else text).encode(codec)
        except UnicodeEncodeError:
            continue
        if data not in found:
            found.append(data)
    return found


def _long_runs(text: str) -> bool:
    """Whether most non-ASCII characters come in runs of four or more, as double-byte text read
    one byte at a time does."""
    total = len(_NON_ASCII.findall(text))
    in_runs = sum(len(m) for m in _RUN.findall(text))
    return total > 0 and in_runs >= MIN_RUN_SHARE * total


def _badness(text: str) -> int:
    """Marks of mojibake: lead-and-continuation pairs, C1 controls, long runs of Latin-1 letters."""
    runs = sum(len(m) for m in _RUN.findall(text))
    return len(_MARK.findall(text)) + len(_C1.findall(text)) + runs
