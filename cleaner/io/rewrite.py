"""How `cleaner fix` writes a page back: same encoding, BOM and line endings, or a refusal."""
from __future__ import annotations

import codecs
from pathlib import Path

from cleaner.io import Decoded, write_atomic
from cleaner.io.compression import compression_of

_BOM = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


class Refused(Exception):
    """A file fix will not write; the message says why (and whether --force helps)."""


def dominant_newline(text: str) -> str:
    """The line ending most lines of text use; "\\n" on a tie or when there is none."""
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=lambda nl: (counts[nl], nl == "\n"))


def encode_like(text: str, decoded: Decoded, newline: str) -> bytes:
    """Encode "\\n"-separated text the way the original file was: codec, BOM, line ending."""
    if newline != "\n":
        text = text.replace("\n", newline)
    try:
        data = text.encode(decoded.encoding)
    except UnicodeEncodeError as exc:
        # Only a `replace` rule's `with` text can bring in a character the file's codec lacks.
        raise Refused(f"the fixed text cannot be written in {decoded.encoding} "
                      f"({exc.object[exc.start:exc.end]!r} has no encoding there)") from None
    if decoded.bom:
        data = _BOM[codecs.lookup(decoded.encoding).name] + data
    return data


def loss_share(old: str, new: str) -> float:
    """Share of old's non-space characters that new no longer has (whitespace is not text)."""
    before = sum(1 for ch in old if not ch.isspace())
    after = sum(1 for ch in new if not ch.isspace())
    return 0.0 if before == 0 else max(0.0, 1 - after / before)


def check_loss(old: str, new: str, max_loss: float) -> None:
    """Raise Refused when new is empty or lost more than max_loss of old's text (--force skips this)."""
    if not new.strip():
        raise Refused("fixing would leave the file empty (--force writes it anyway)")
    share = loss_share(old, new)
    if share > max_loss:
        raise Refused(f"fixing would remove {share:.0%} of its text, over the {max_loss:.0%} limit "
                      "(max-loss in the configuration; --force writes it anyway)")


def check_writable(path: Path, decoded: Decoded) -> None:
    """Raise Refused for files whose bytes a rewrite would not reproduce; --force does not help."""
    if decoded.parts:
        raise Refused(f"its lines are in several encodings ({', '.join(decoded.parts)}); "
                      "a rewrite would put them all in one")
    if decoded.replaced:
        raise Refused(f"{decoded.replaced} byte{'s' * (decoded.replaced != 1)} could not be decoded "
                      f"as {decoded.encoding}; rewriting the file would corrupt them")
    with open(path, "rb") as handle:
        head = handle.read(4)
    kind = compression_of(head)
    if kind is not None:
        raise Refused(f"a {kind}-compressed file; fix rewrites plain text files only")


def write_fixed(path: Path, decoded: Decoded, new: str, *, max_loss: float, force: bool) -> None:
    """Write the fixed text over path atomically, or raise Refused."""
    check_writable(path, decoded)
    if not force:
        check_loss(decoded.text, new, max_loss)
    write_atomic(path, encode_like(new, decoded, dominant_newline(decoded.text)))
