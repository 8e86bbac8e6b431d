"""Content sniffing: is this binary, is this HTML, and which charset does it declare?"""

from __future__ import annotations

import re

# Browsers look for a declaration within the first 1024 bytes; scraped pages often carry
# long <head> preambles, so we look a little further.
_SNIFF_BYTES = 4096
_HTML_HEAD_CHARS = 2048

# One regex covers both <meta charset="x"> and
# <meta http-equiv="Content-Type" content="text/html; charset=x">: in either form the
# label follows "charset=" inside a <meta ...> tag.
_META_CHARSET = re.compile(
    rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([a-z0-9][a-z0-9_.:\-]*)", re.IGNORECASE
)
_XML_DECL = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([a-z0-9][a-z0-9_.:\-]*)[\"']",
    re.IGNORECASE,
)

# Leading noise that may precede the first real tag of an HTML document, one piece at a time:
# a repeated group over the whole text keeps a backtracking frame per piece (10 million blank
# lines took 1.2 GB), while a run of single characters does not.
_NOISE_PIECE = re.compile(r"[\ufeff\s]+|<!--.*?-->|<\?xml\b[^>]*>", re.DOTALL)
_MAX_NOISE_PIECES = 64
_STRONG_START = re.compile(r"\A<(?:!doctype\s+html|html\b|head\b|body\b)", re.IGNORECASE)
_STRONG_TAG = re.compile(r"<(?:html|head|body)\b[^<>]*>", re.IGNORECASE)
# A real tag: "<" directly followed by a known tag name and then ">", "/" or whitespace.
# Text like "a < b" or "<3" does not match.
_COMMON_TAG = re.compile(
    r"</?(?:div|p|span|a|br|hr|img|table|tr|td|th|ul|ol|li|h[1-6]|meta|link|script|style"
    r"|title|form|input|iframe|section|article|header|footer|nav|strong|em|b|i|font"
    r"|center)(?=[\s/>])[^<>]*>",
    re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"\s[\w:-]+\s*=")
# Several tags are needed: a scraped text may quote a "<p>" or "<b>" in passing. A tag
# with attributes (<div class="x">, <script src=...>) counts double: prose rarely has them.
_MIN_TAG_WEIGHT = 4


# File signatures of formats a crawl or a folder of pages often holds next to them.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive"), (b"\x7fELF", "ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"Rar!\x1a\x07", "RAR archive"),
    (b"BZh", "bzip2 stream"), (b"\xfd7zXZ\x00", "xz stream"), (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"), (b"\xca\xfe\xba\xbe", "Java class"), (b"OggS", "Ogg media"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM media"), (b"wOFF", "WOFF font"), (b"wOF2", "WOFF2 font"),
)
# Text files may hold tab, newline, carriage return, form feed and the ESC of ISO-2022.
_CONTROL = bytes(b for b in range(0x20) if b not in b"\t\n\r\f\x1b")
_MAX_CONTROL_SHARE = 0.05
# Real crawls hold pages with a stray NUL or two (a bad write, a template's bug): a few NULs in
# text are damage; binary data has one in every 256 bytes or more (UTF-16 without a BOM: half).
_STRAY_NULS = 8
_MAX_NUL_SHARE = 0.001


def binary_reason(sample: bytes) -> str | None:
    """Why the start of a file (64 KiB is plenty) is not text, or None when it reads as text.

    Decided by the whole sample, not by one byte: a known file signature, more NUL bytes than
    stray damage explains, or a share of control bytes that text does not have.
    """
    for magic, name in _MAGIC:
        if sample.startswith(magic):
            return name
    if sample[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    nuls = sample.count(0) if b"\0" in sample else 0  # a memchr first: most text has none (37 -> 2 us for 64 KiB)
    # Stray NULs are few in much text; a tiny "file" of NULs is no text at all.
    if nuls > _MAX_NUL_SHARE * len(sample) and (nuls > _STRAY_NULS or 4 * nuls > len(sample)):
        return f"{nuls} NUL bytes in the first {len(sample)}"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > len(sample) * _MAX_CONTROL_SHARE:
        return f"{controls} control bytes in the first {len(sample)}"
    return None


def sniff_declared_charset(head: bytes) -> str | None:
    """Return the charset label an HTML/XML document declares in its head, lower-cased."""
    head = head[:_SNIFF_BYTES]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii").lower()


def looks_like_html(text_head: str) -> bool:
    """Tell whether a document's beginning is HTML markup rather than plain text."""
    if "<" not in text_head:  # every sign below is a tag: scraped text mostly has none (a C scan)
        return False
    pos = 0
    for _ in range(_MAX_NOISE_PIECES):
        piece = _NOISE_PIECE.match(text_head, pos)
        if piece is None:
            break
        pos = piece.end()
    body = text_head[pos : pos + _HTML_HEAD_CHARS]
    if _STRONG_START.match(body) or _STRONG_TAG.search(body):
        return True
    weight = sum(2 if _ATTRIBUTE.search(tag) else 1 for tag in _COMMON_TAG.findall(body))
    return weight >= _MIN_TAG_WEIGHT
