"""Page metadata from the Lexbor tree: site rule selectors first, then generic signals.

Generic order per field: OpenGraph / article meta tags, JSON-LD, then the visible page (`<h1>`,
`<time datetime>`, `<title>`). The title prefers the visible headline when `<title>` contains
it, since `<title>` usually carries the site name too.
"""
from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.blocks import normalize_space

_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e"
# "Headline | Site", "Headline - Site", and in CJK titles "标题-频道-网站" without spaces.
_TITLE_SEPARATORS = re.compile(
    rf"\s+[|\-–—·:_»]\s+|\s*[|_»]\s*|\s*(?:--|—|－|｜)\s*|(?<=[{_CJK_CHAR}])-(?=[{_CJK_CHAR}])"
)
_DATE_IN_TEXT = re.compile(
    r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})[:：](\d\d)(?:[:：](\d\d))?)?"
)
_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "date": (
        "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
        "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
        "sailthru.date", "parsely-pub-date", "article.published", "og:article:published_time",
    ),
    "author": (
        "author", "article:author", "og:article:author", "dc.creator", "byl", "parsely-author",
        "sailthru.author",
    ),
    "site_name": ("og:site_name", "application-name", "twitter:site"),  # the page's own name ("site": the rule file)
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "url": ("og:url",),
    "language": ("og:locale", "content-language", "dc.language"),
}


def _meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    """Every <meta> name/property/itemprop (lower-cased) mapped to its first non-empty content."""
    values: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if not content or not content.strip():
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                values.setdefault(name.strip().lower(), normalize_space(content))
    return values


def _json_ld(tree: LexborHTMLParser) -> dict[str, str]:
    """headline / datePublished / author of the first Article-like JSON-LD object."""
    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "null")
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        items += [g for d in items if isinstance(d, dict) for g in d.get("@graph", []) if isinstance(g, dict)]
        for item in items:
            if not isinstance(item, dict) or not any(k in item for k in ("headline", "datePublished")):
                continue
            if isinstance(item.get("headline"), str):
                found.setdefault("title", normalize_space(item["headline"]))
            if isinstance(item.get("datePublished"), str):
                found.setdefault("date", item["datePublished"].strip())
            author = item.get("author")
            author = author[0] if isinstance(author, list) and author else author
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and name.strip():
                found.setdefault("author", normalize_space(name))
    return found


def _text(node: LexborNode | None) -> str:
    """Normalized text of a node, or ''."""
    return normalize_space(node.text(deep=True, separator=" ")) if node is not None else ""


def choose_title(title_tag: str, headings: list[str], meta_title: str | None) -> str:
    """The headline: a heading that `<title>` contains, else og:title, else the longest `<title>` part."""
    folded_title = title_tag.casefold()
    for heading in headings:
        if len(heading) >= 4 and heading.casefold() in folded_title:
            return heading
    if meta_title:
        return meta_title
    if not title_tag:
        return headings[0] if len(headings) == 1 else ""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title_tag) if p and p.strip()]
    return max(parts, key=len) if parts else title_tag


def find_date_in_text(text: str) -> str | None:
    """An ISO date (with time when given) from the first date-looking run of text."""
    match = _DATE_IN_TEXT.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    date = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is not None:
        date += f"T{int(hour):02d}:{minute}:{second or '00'}"
    return date


def _first_selected(tree: LexborHTMLParser, selector: str | None) -> str:
    """Text (or datetime/content attribute) of the first element a rule selector matches."""
    if not selector:
        return ""
    try:
        node = tree.css_first(selector)
    except Exception:  # a selector the loader let through but Lexbor rejects: ignore the rule
        return ""
    if node is None:
        return ""
    attrs = node.attributes
    return normalize_space(attrs.get("datetime") or attrs.get("content") or "") or _text(node)


def extract_metadata(tree: LexborHTMLParser, *, url: str | None = None,
                     rule_selectors: dict[str, str | None] | None = None) -> dict[str, str]:
    """Metadata fields found on the page; rule selectors win over generic detection."""
    meta = _meta_values(tree)
    ld = _json_ld(tree)
    found: dict[str, str] = {}
    for field, keys in _META_KEYS.items():
        for key in keys:
            if meta.get(key):
                found[field] = meta[key]
                break
    for field, value in ld.items():
        if field != "title":
            found.setdefault(field, value)
    title_node = tree.css_first("title")
    headings = [t for t in (_text(h) for h in tree.css("h1")) if t][:5]
    title = choose_title(_text(title_node), headings, found.get("title") or ld.get("title"))
    if title:
        found["title"] = title
    else:
        found.pop("title", None)
    if "date" not in found:
        time_node = tree.css_first("time[datetime]")
        if time_node is not None and (time_node.attributes.get("datetime") or "").strip():
            found["date"] = time_node.attributes["datetime"].strip()
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and (canonical.attributes.get("href") or "").strip():
        found["url"] = canonical.attributes["href"].strip()
    elif "url" not in found and url:
        found["url"] = url
    root = tree.root
    lang = root.attributes.get("lang") if root is not None and root.tag == "html" else None
    if lang and lang.strip():
        found["language"] = lang.strip()
    for field, selector in (rule_selectors or {}).items():
        value = _first_selected(tree, selector)
        if value:
            found[field] = value
    return {k: v for k, v in found.items() if v}
