"""Turn the lines a rule was learned from into short RE2 patterns that also fit their variants.

Digit runs become \\d+, hashes and opaque ids a character class, runs of spaces \\s+; metadata
lines become capture patterns whose dates, sources and names are named groups.
"""
from __future__ import annotations

import re

from cleaner.learn.furniture import FACT_RE, LABELS
from cleaner.learn.lines import HASH_CANDIDATE, is_hash

_RE2_SPECIAL = frozenset("\\.^$|?*+()[]{}-#&~/")
_PIECES = re.compile(r"(\s+)|(\d+)")
_REMARK = re.compile(r"\([^()]{1,12}\)")  # "(北京)" after a source: varies with the source
MAX_LITERAL = 80  # a longer line is cut at a word boundary and anchored on its start only


def escape(text: str) -> str:
    """Escape text for RE2: ASCII punctuation gets a backslash, everything else is literal."""
    return "".join("\\" + ch if ch in _RE2_SPECIAL else ch for ch in text)


def literal_pattern(folded: str) -> str:
    """A pattern for one folded line's text: digits, hashes and space runs generalised."""
    out: list[str] = []
    last = 0
    for m in HASH_CANDIDATE.finditer(folded):
        if is_hash(m.group()):
            out.append(_generalise_plain(folded[last : m.start()]))
            out.append("[0-9A-Za-z_-]{8,}")
            last = m.end()
    out.append(_generalise_plain(folded[last:]))
    return "".join(out)


def _generalise_plain(text: str) -> str:
    out, last = [], 0
    for m in _PIECES.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(r"\s+" if m.group(1) else r"\d+")
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def line_pattern(folded: str) -> str:
    """A whole-line pattern for a folded line; long lines are matched on their first words."""
    text = folded.strip()
    if len(text) <= MAX_LITERAL:
        return "^\\s*" + literal_pattern(text) + "\\s*$"
    cut = text.rfind(" ", 0, MAX_LITERAL)
    head = text[: cut if cut > MAX_LITERAL // 2 else MAX_LITERAL].rstrip()
    return "^\\s*" + literal_pattern(head)


_FIELD_OF_LABEL = [(field, re.compile(rf"(?i)^(?:{labels})$")) for field, labels in LABELS.items()]
VALUE = r"[^\s|:,()\[\]【】]{1,24}"
TAIL_VALUE = r"[^\s|:,()\[\]【】]{2,24}"
_TAIL_WORD = re.compile(r"\s+[^\s|:,()\[\]【】]{2,24}")
DATE_GROUP = r"\d{2,4}(?:\s*(?:-|/|\.|年|月|日|:)\s*\d{1,2})+日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"


def field_of(label: str) -> str:
    """The metadata field a label names (来源 -> source)."""
    for field, regex in _FIELD_OF_LABEL:
        if regex.match(label):
            return field
    return "x_fact"


def capture_pattern(folded: str, *, loose: bool = False) -> tuple[str, dict[str, str]] | None:
    """A capture pattern for a folded metadata line and the fields it captures from that line.

    `loose`: an unlabelled word that ends the line after its facts ("http://site 2012年01月12日
    17:06 驱动之家") becomes a source group instead of a literal; the learner asks for evidence
    that it varies (different words on different pages) before it uses the loose pattern.
    """
    text = folded.strip()
    out: list[str] = []
    fields: dict[str, str] = {}
    last = 0
    for m in FACT_RE.finditer(text):
        out.append(_gap(text[last : m.start()]))
        if m.group("link"):
            out.append(r"https?://\S+")
        elif m.group("date"):
            label = m.group("label") or ""
            if label:
                out.append(escape(label) + (r"\s*:\s*" if m.group("sep") else r"\s*"))
            name = "date" if "date" not in fields else None
            out.append(f"(?P<date>{DATE_GROUP})" if name else f"(?:{DATE_GROUP})")
            fields.setdefault("date", m.group("date"))
        else:
            name = field_of(m.group("label2"))
            out.append(escape(m.group("label2")) + r"\s*:\s*")
            if name not in fields:
                out.append(f"(?P<{name}>{VALUE})")
                fields[name] = m.group("value")
            else:
                out.append(VALUE)
        last = m.end()
    tail = text[last:]
    if loose and last and "source" not in fields and _TAIL_WORD.fullmatch(tail):
        out.append(r"\s*" + f"(?P<source>{TAIL_VALUE})")
        fields["source"] = tail.strip()
    elif loose:
        return None  # nothing to loosen: the exact pattern is the one
    else:
        out.append(_gap(tail))
    if not fields:
        return None
    pattern = "".join(out)
    # The rule wraps a capture pattern in ^\s*(?:...)\s*$ already.
    pattern = pattern[3:] if pattern.startswith("\\s*") else pattern
    pattern = pattern[:-3] if pattern.endswith("\\s*") and not pattern.endswith("\\\\s*") else pattern
    return pattern, fields


def _gap(text: str) -> str:
    """Text between facts: separators loosely, a short (parenthesised) remark as optional, words literally."""
    if not text.strip():
        return r"\s*" if text else ""
    out, last = [], 0
    for m in _REMARK.finditer(text):
        out.append(literal_pattern(text[last : m.start()]))
        out.append(r"(?:\([^)]{0,12}\))?")
        last = m.end()
    out.append(literal_pattern(text[last:]))
    return "".join(out).replace(r"\s+", r"\s*")
