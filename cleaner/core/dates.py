"""Dates in ISO 8601: `date` as ISO, `date_raw` as found on the page.

Pages write dates as `2012年01月17日 20:44`, `２０２１－０３－１５`, `2012-01-17T20:44:00+08:00` or
`March 15, 2021`. The common numeric and CJK shapes, and English month names, are read by one
regular expression (about a microsecond); anything else that holds a year goes to dateparser
(which trafilatura brings; its first call loads language data for ~0.5 s, later ones take
1-10 ms). A date without a year (`04/11 02:31`) or that no reading makes sense of keeps only
its `date_raw`: a guessed year would be a wrong date.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime

_TIME = r"(?:[\sT,]*(\d{1,2})[:时点](\d{1,2})(?:[:分](\d{1,2}))?(?:\.\d+)?\s*(?:分|秒)?\s*([AaPp]\.?[Mm]\.?)?)?"
_ZONE = r"\s*(Z|[+-]\d\d:?\d\d)?"
_NUMERIC = r"((?:1[89]|20)\d\d)\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?!\d)\s*[日号일]?" + _TIME + _ZONE
_MONTHS = {m: n for n, names in enumerate((
    "jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
    "sep sept september", "oct october", "nov november", "dec december"), 1) for m in names.split()}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_FIRST = r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:1[89]|20)\d\d)\b" + _TIME + _ZONE
_DAY_FIRST = r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+((?:1[89]|20)\d\d)\b" + _TIME + _ZONE
_YEAR = r"(?<!\d)(?:1[89]|20)\d\d(?!\d)"


# The shapes of a date with the order of their parts. Compiled by `re` (which keeps them) when first
# searched for: a page without a date pays for none, a CJK one for the first (1-3 ms of start-up).
_SHAPES = ((_NUMERIC, 0, "ymd"), (_MONTH_FIRST, re.I, "mdy"), (_DAY_FIRST, re.I, "dmy"))


# dateparser tries every language it knows unless told which: seconds for one odd string.
_LANGUAGES = ["en", "zh", "ja", "ko", "de", "fr", "es", "pt", "it", "nl", "ru"]
_MAX_FALLBACK = 80  # characters: a longer "date" is a line that happens to hold a year


def dated(metadata: dict[str, str]) -> dict[str, str]:
    """metadata with `date` in ISO 8601 and the string found in `date_raw` (as it is when it has no date, or has both)."""
    raw = metadata.get("date")
    if raw is None or "date_raw" in metadata:
        return metadata
    iso = iso_date(raw)
    out: dict[str, str] = {}
    for key, value in metadata.items():  # date_raw next to date, where a reader looks for it
        if key == "date":
            if iso is not None:
                out["date"] = iso
            out["date_raw"] = raw
        else:
            out[key] = value
    return out


def merged(found: dict[str, str], captured: dict[str, str]) -> dict[str, str]:
    """The metadata a page's markup gave, overridden by what its rules captured; a date and its raw string stay a pair."""
    base = dated(found)
    if "date_raw" in captured:
        base = {k: v for k, v in base.items() if k not in ("date", "date_raw")}
    return {**base, **captured}


def iso_date(raw: str) -> str | None:
    """`raw` as an ISO 8601 date (`2012-01-17`) or date and time (`2012-01-17T20:44:00`, with its zone if given)."""
    text = unicodedata.normalize("NFKC", raw)  # full-width digits and punctuation read as ASCII
    for source, flags, order in _SHAPES:
        match = re.compile(source, flags).search(text)
        if match:
            parts = dict(zip(order, match.groups()[:3]))
            month = parts["m"] if parts["m"].isdigit() else _MONTHS[parts["m"].lower()]
            return _format(int(parts["y"]), int(month), int(parts["d"]), *match.groups()[3:])
    return _dateparser(text) if len(text) <= _MAX_FALLBACK and re.search(_YEAR, text) else None


def _format(year: int, month: int, day: int, hour: str | None, minute: str | None, second: str | None,
            meridiem: str | None, zone: str | None) -> str | None:
    h = int(hour) if hour is not None else 0
    if meridiem and h <= 12:
        h = h % 12 + (12 if meridiem[0] in "Pp" else 0)
    try:
        when = datetime(year, month, day, h, int(minute or 0), int(second or 0))
    except ValueError:  # month 13, February 30, 25 o'clock: not a date
        return None
    if hour is None:
        return when.date().isoformat()
    return when.isoformat() + _zone(zone)


def _zone(zone: str | None) -> str:
    if not zone or zone == "Z":
        return zone or ""
    return zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"


def _dateparser(text: str) -> str | None:
    """What dateparser reads in text, when it finds a whole date (never a relative one such as "yesterday")."""
    try:
        import dateparser
    except ImportError:  # trafilatura brings it; without it, only the shapes above are read
        return None
    settings = {"REQUIRE_PARTS": ["year", "month", "day"], "PARSERS": ["absolute-time"]}
    try:
        when = dateparser.parse(text, languages=_LANGUAGES, settings=settings)
    except Exception:  # a parser of natural language may fail on what a page holds; the raw date stays
        return None
    if when is None:
        return None
    when = when.replace(microsecond=0)
    if when.time() == datetime.min.time() and when.tzinfo is None and not re.search(r"\d[:时]\d", text):
        return when.date().isoformat()
    return when.isoformat()
