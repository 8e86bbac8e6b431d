"""Files whose lines come in different encodings, such as pages of several sources concatenated.

Tried only when the file is not all UTF-8. Lines with UTF-8 Chinese in them are taken as UTF-8;
every other non-ASCII line is read in the Chinese encoding (GB18030 or Big5) that makes sense of
it, or, when the line is too short to tell, the one that makes sense of its run of such lines.

Short GBK text is often valid UTF-8 by accident (双学位 in GBK bytes reads as "˫ѧλ"), but then
only as two-byte characters (Latin, Greek, Cyrillic…); real UTF-8 Chinese takes three bytes a
character. So a line counts as UTF-8 evidence only with three-byte characters, and the file is
taken as mixed only when its UTF-8 lines read as Chinese.
"""
from __future__ import annotations

from cleaner.io.charsets import (
    LIKELY,
    PLAUSIBLE,
    chinese_candidates,
    chinese_score,
    strict_decode,
)

MIXED = "mixed"
_THREE_BYTES = "\u0800"  # the first character UTF-8 writes in three bytes


def decode_by_line(data: bytes) -> tuple[str, tuple[str, ...]] | None:
    """The text and the encodings used (UTF-8 first), or None when this is not a mixed file."""
    lines = data.split(b"\n")
    utf8 = [strict_decode(line, "utf-8") for line in lines]
    texts: list[str | None] = []
    evidence = []
    for text in utf8:
        if text is not None and (text.isascii() or max(text) >= _THREE_BYTES):
            texts.append(text)
            if not text.isascii():
                evidence.append(text)
        else:
            texts.append(None)  # not UTF-8, or only by accident: read in a legacy encoding
    if not evidence or chinese_score("".join(evidence)) < PLAUSIBLE:
        return None
    used: dict[str, None] = {"utf-8": None}
    start = None
    for i in range(len(lines) + 1):
        if i < len(lines) and texts[i] is None:
            start = i if start is None else start
            continue
        if start is not None:
            if not _decode_run(lines, utf8, texts, start, i, used):
                return None
            start = None
    if len(used) < 2:
        return None
    return "\n".join(texts), tuple(used)  # type: ignore[arg-type]


def _decode_run(lines: list[bytes], utf8: list[str | None], texts: list[str | None], start: int, end: int,
                used: dict[str, None]) -> bool:
    """Fill texts[start:end] with each line's most plausible reading; False if a line has none."""
    run = next(iter(chinese_candidates(b"\n".join(lines[start:end]))), None)
    for i in range(start, end):
        candidates = chinese_candidates(lines[i])
        pick = candidates[0] if candidates else None
        if pick is not None and run is not None and pick.encoding != run.encoding:
            same = next((c for c in candidates if c.encoding == run.encoding), None)
            if same is not None and same.score >= pick.score:
                pick = same  # a tie (a line too short to judge) goes to the run's reading
        if pick is not None and pick.score >= LIKELY:
            texts[i] = pick.text
            used[pick.encoding] = None
        elif utf8[i] is not None:
            texts[i] = utf8[i]  # valid UTF-8 that no Chinese encoding reads better
        else:
            return False
    return True
