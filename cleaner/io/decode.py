"""Turn the raw bytes of a scraped page into text, whatever its (declared) encoding."""

from __future__ import annotations

import codecs
import math
import threading
from dataclasses import dataclass, replace

from cleaner.io.charsets import (
    CHINESE,
    CJK,
    PLAUSIBLE,
    Candidate,
    cjk_candidates,
    damaged_chinese_ok,
    is_single_byte,
    normalise_charset,
    strict_decode,
)
from cleaner.io.errors import InputError
from cleaner.io.guess import SENSIBLE, Guess, evidence, guess
from cleaner.io.mixed import MIXED, decode_by_line
from cleaner.io.mojibake import may_hold_mojibake, repair_mojibake
from cleaner.io.scripts import alphabetic_score
from cleaner.sniff import binary_reason, looks_like_html, sniff_declared_charset

__all__ = ["Decoded", "decode_bytes", "looks_like_html", "sniff_declared_charset"]

# UTF-32 LE must be tested before UTF-16 LE: its BOM starts with the UTF-16 LE one.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_BINARY_SAMPLE = 65536
# Under this share of undecodable bytes is taken as damage to a text file
# (a truncated download, mixed encodings), beyond it as "not this encoding".
_MAX_BAD_SHARE = 0.005
# Damaged UTF-8: at most this share of its non-ASCII bytes may be bad. Legacy CJK text
# read as UTF-8 fails on nearly all of them.
_MAX_BAD_UTF8_SHARE = 0.05
_ASCII = bytes(range(0x80))
# How much better the other Chinese reading must score to overrule a GB/Big5 declaration.
_OVERRULE_MARGIN = 0.2
_DAMAGED_SENSIBLE, _DAMAGED_OTHER = 0.8, 0.5  # confidence in a reading with bytes replaced


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec used, whether a BOM was present, and bytes replaced by U+FFFD.

    A file whose lines are in several encodings has encoding "mixed" and lists them in `parts`.
    """

    text: str
    encoding: str
    bom: bool
    replaced: int
    parts: tuple[str, ...] = ()
    repaired: int = 0  # mojibake layers undone (UTF-8 or GBK read as Latin-1 and saved as UTF-8)
    # How sure the encoding is (0..1): 1 for UTF-8 and BOMs, less for a legacy encoding told
    # from the bytes; under guess.DOUBTFUL the CLI warns.
    confidence: float = 1.0
    # The size of the text's UTF-8 when known without encoding it: the bytes of a file that was
    # valid UTF-8 (the run's statistics count it for every page).
    utf8_size: int | None = None


def decode_bytes(data: bytes, *, declared: str | None = None, repair: bool = True) -> Decoded:
    """Decode a document: BOM, then UTF-8, then the declared charset, then detection.

    With `repair`, UTF-8 text that is mojibake (its bytes once read as Latin-1 or Windows-1252
    and saved again) is turned back into what was meant; see mojibake.py for how cautiously.
    """
    decoded = _decode(data, declared)
    # The marks are looked for in the bytes, ten times faster than in the text (mojibake.py).
    if repair and decoded.encoding == "utf-8" and may_hold_mojibake(data):
        text, layers = repair_mojibake(decoded.text)
        if layers:
            return replace(decoded, text=text, repaired=layers, utf8_size=None)
    return decoded


def _decode(data: bytes, declared: str | None) -> Decoded:
    if not data:
        return Decoded("", "utf-8", False, 0)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data[len(bom) :], encoding)
    _check_binary(data)
    text = strict_decode(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", False, 0, utf8_size=len(data))
    # UTF-8 lines next to whole lines of GBK or Big5 (pages of several sources in one file).
    mixed = decode_by_line(data)
    if mixed is not None:
        return Decoded(mixed[0], MIXED, False, 0, mixed[1])
    # Valid multi-byte UTF-8 sequences hardly ever arise by chance in legacy encodings,
    # so a file that is UTF-8 but for a few bytes is damaged UTF-8, whatever it declares.
    damaged = _lenient(data, "utf-8")
    non_ascii = len(data.translate(None, _ASCII))
    if damaged is not None and damaged[1] <= non_ascii * _MAX_BAD_UTF8_SHARE:
        return Decoded(damaged[0], "utf-8", False, damaged[1])
    codec = normalise_charset(declared)
    cjk = cjk_candidates(data, codec)
    found = _from_declared(data, codec, cjk) if codec else None
    if found is None and cjk and cjk[0].score >= PLAUSIBLE:
        found = guess(data, cjk)
    if found is not None:
        return Decoded(found.text, found.encoding, False, 0, confidence=found.confidence)
    # A plausible Chinese reading with a few bad bytes beats a single-byte guess, which
    # readily calls damaged GBK some Cyrillic code page.
    damaged_chinese = _decode_damaged(data, [e for e in (codec, *CHINESE) if e in CHINESE],
                                      plausible_only=True)
    if damaged_chinese is not None:
        return damaged_chinese
    other = guess(data, cjk)
    if other is not None:
        return Decoded(other.text, other.encoding, False, 0, confidence=other.confidence)
    damaged = _decode_damaged(data, [codec, "utf-8", *CHINESE], plausible_only=False)
    if damaged is None:
        raise InputError("cannot decode: not UTF-8, GB18030 or Big5, and no other "
                         "encoding fits all but a few bytes (is it text?)")
    return damaged


def _decode_with_bom(body: bytes, encoding: str) -> Decoded:
    """Decode the bytes after a BOM, which settles the encoding."""
    text = strict_decode(body, encoding)
    if text is not None:
        return Decoded(text, encoding, True, 0)
    damaged = _lenient(body, encoding)
    if damaged is None:
        raise InputError(f"cannot decode: starts with a {encoding.upper()} byte-order mark "
                         "but is not valid in that encoding")
    return Decoded(damaged[0], encoding, True, damaged[1])


def _check_binary(data: bytes) -> None:
    """Raise InputError for data that is not text (images, archives, executables)."""
    reason = binary_reason(data[:_BINARY_SAMPLE])
    if reason is not None:
        raise InputError(f"binary file ({reason}), not text")


def _from_declared(data: bytes, codec: str, cjk: list[Candidate]) -> Guess | None:
    """Use the declared charset if the bytes bear it out; declarations often lie."""
    if codec == "utf-8":
        return None  # already tried
    if codec in CJK:
        # GBK and Big5 bytes nearly always decode in each other's codec (Shift_JIS too), so a
        # strict decode proves little: keep the declaration unless another reading is clearly
        # more plausible in its own script.
        declared = next((c for c in cjk if c.encoding == codec), None)
        if declared is None:
            return None
        best = cjk[0]
        if best.encoding != codec and best.score >= PLAUSIBLE and best.score > declared.score + _OVERRULE_MARGIN:
            return guess(data, cjk)
        return _declared(declared)
    text = strict_decode(data, codec)
    if text is None:
        return None
    if is_single_byte(codec):
        # Any bytes "decode" in a single-byte code page, and many GBK pages are labelled
        # iso-8859-1: believe the label only if the bytes do not read as Chinese, Japanese
        # or Korean, and its own reading has words that make sense.
        if cjk and cjk[0].score >= PLAUSIBLE:
            return guess(data, cjk)
        own = Candidate(codec, text, *alphabetic_score(text))
        if own.score < SENSIBLE:
            other = guess(data, cjk)
            if other is not None and other.text != text:
                return other
        return _declared(own)
    return Guess(codec, text, 0.99)


def _declared(candidate: Candidate) -> Guess:
    """A declared reading that the bytes bear out: the declaration is evidence of its own."""
    sure = candidate.score * evidence(candidate.letters) if candidate.letters else 1.0
    return Guess(candidate.encoding, candidate.text, round(min(0.99, 0.5 + 0.5 * sure), 2))


def _decode_damaged(data: bytes, encodings: list[str | None], *,
                    plausible_only: bool) -> Decoded | None:
    """Decode with U+FFFD replacement when one of the encodings fits all but a few bytes."""
    best: tuple[int, int, int, str] | None = None
    best_text = ""
    for rank, encoding in enumerate(dict.fromkeys(e for e in encodings if e)):
        damaged = _lenient(data, encoding)
        if damaged is None:
            continue
        text, bad = damaged
        # Big5 bytes read as GB18030 (and vice versa) often fail on only a few bytes:
        # an implausible Chinese reading ranks after any other, or is refused.
        implausible = int(encoding in CHINESE and not damaged_chinese_ok(text, bad))
        if implausible and plausible_only:
            continue
        key = (implausible, bad, rank, encoding)
        if best is None or key < best:
            best, best_text = key, text
    if best is None:
        return None
    # A few bytes replaced in a reading that makes sense (Chinese with many common characters)
    # is damage; a reading that makes no sense, or one of a code page without a model, a guess.
    sure = _DAMAGED_SENSIBLE if best[3] in CHINESE and not best[0] else _DAMAGED_OTHER
    return Decoded(best_text, best[3], False, best[1], confidence=sure)


class _TooDamaged(Exception):
    """Raised inside the codec error handler to stop decoding hopeless input early."""


_state = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: replace with U+FFFD and count the bytes, up to a limit."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _state.bad += exc.end - exc.start
    if _state.bad > _state.limit:
        raise _TooDamaged
    return "\ufffd", exc.end


codecs.register_error("cleaner.io.count-replace", _count_and_replace)


def _lenient(data: bytes, encoding: str) -> tuple[str, int] | None:
    """Decode replacing bad bytes with U+FFFD; (text, bad byte count), or None if too many."""
    # "Fewer than 0.5% of the bytes", so a 100-byte input may have no bad byte at all.
    _state.bad, _state.limit = 0, math.ceil(len(data) * _MAX_BAD_SHARE) - 1
    try:
        text = data.decode(encoding, "cleaner.io.count-replace")
    except (_TooDamaged, LookupError):
        return None
    return text, _state.bad
