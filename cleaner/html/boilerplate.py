"""Generic furniture detection: tags, ARIA roles, hidden elements and class/id words.

Each class (and the id) is one token; a token is split into words on `-`, `_`, `:`, `.` and
camelCase humps and its words are matched whole, so `share-bar` and `shareBar` hit "share"
while `header` never hits "ad". A token made only of article words (`article`, `post-content`)
marks the element as the article itself; a token mixing both (`entry-author-bio`,
`footer__disclaimer-text`) is furniture. Strong words (comments, share bars, navigation) drop
an element whatever it holds; weak words (sidebar, related, author) only when the element does
not read as prose. No element holding a large share of the page's text is dropped: wrappers
such as class="page ad-pusher" or a whole-page ASP.NET `<form>` hold the article.
"""
from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborNode

FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "header", "menu", "form", "dialog"})
# Tags sites also use for parts of the article: they need the prose check before they go.
_WEAK_TAGS = frozenset({"header", "form"})
FURNITURE_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
    "alert", "toolbar", "tablist",
})
STRONG_WORDS = frozenset({
    "share", "sharing", "sharebar", "social", "sns", "comment", "comments", "commentlist",
    "disqus", "reply", "replies", "respond", "breadcrumb", "breadcrumbs", "crumbs", "adsbygoogle",
    "advertisement", "advert", "outbrain", "taboola", "newsletter", "subscribe", "signup",
    "cookie", "cookies", "copyright", "nav", "navbar", "navigation", "menu", "privacy", "consent",
    "gdpr",
})
WEAK_WORDS = frozenset({
    "related", "recommend", "recommended", "recommendation", "recommendations", "sidebar", "rail",
    "footer", "ad", "ads", "adverts", "banner", "promo", "sponsor", "sponsored", "subscription",
    "popup", "modal", "overlay", "toolbar", "tags", "tagcloud", "pagination", "pager",
    "disclaimer", "login", "widget", "widgets", "rss", "follow", "caption", "byline", "dateline",
    "masthead", "topbar", "skip", "print", "most", "popular", "trending", "author", "bio", "meta",
    "hot", "tool", "tools", "jump", "gotop", "paywall", "promotion", "feedback", "rating", "vote",
    "likes", "crumb", "header", "links", "poll", "survey", "quiz", "biography", "cta",
    # Text hidden from sighted readers: screen-reader labels, collapsed widgets, hover cards.
    "hidden", "hide", "sr", "invisible", "offscreen", "tooltip", "popover", "rollover",
    "hovercard", "dropdown",
    # The summary under a headline (metadata has the description).
    "dek", "standfirst",
    # Image and media wrappers: what they hold besides the picture is its caption or credit.
    "img", "image", "photo", "pic", "picture", "gallery", "slideshow", "descr", "credit",
    "credits",
})
# Weak words that, as the last word of a name, say what the element is: "entry-author-bio" is
# a bio, "article-sidebar" a sidebar. (Not "LeftPhoto" or "field-label-hidden": layout and flags.)
_HEAD_WORDS = frozenset({
    "bio", "biography", "sidebar", "rail", "footer", "related", "recommended", "recommendations",
    "byline", "dateline", "caption", "credit", "credits", "disclaimer", "promo", "promotion", "cta",
    "sponsored", "trending", "popular", "pagination", "pager", "tags", "tagcloud", "toolbar",
    "paywall", "poll", "survey", "banner", "popup", "modal", "overlay", "subscription",
})
# Utility classes that hide an element (Bootstrap and friends).
_HIDING_CLASSES = frozenset({
    "d-none", "hidden", "is-hidden", "sr-only", "visually-hidden", "screen-reader-text",
})
# Posts the article quotes (embedded tweets): content, even inside a "social" wrapper.
_EMBED_WORDS = frozenset({"embed", "embedded", "tweet"})
CONTENT_WORDS = frozenset({"article", "content", "main", "body", "story", "entry", "post", "text"})
_NEVER_DROP = frozenset({"html", "body", "article", "main"})
_INVISIBLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORD_SPLIT = re.compile(r"[\-_:.]+|(?<=[a-z])(?=[A-Z])")
_CSS_UNSAFE = re.compile(r"([^\w-])")
_SEPARATORS = str.maketrans("-_:.", "    ")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Prose: this much text, less than this share of it links, and one paragraph-sized piece.
PROSE_MIN_CHARS = 400
PROSE_MAX_LINKS = 0.3
PROSE_PIECE = 120
SHARE_FLOOR = 150


def class_id_tokens(attrs: dict[str, str | None]) -> list[tuple[str, tuple[str, ...]]]:
    """Each class token and the id as a CSS selector part, with its lower-cased words in order."""
    return [(_selector(prefix, token), words) for prefix, token, words in _named_tokens(
        attrs.get("class") or "", attrs.get("id") or "")]


def _named_tokens(classes: str, ident: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(selector prefix, token, its words) of a class attribute and an id, tokens without words left out."""
    tokens = [(".", token, words) for token in classes.split() if (words := token_words(token))]
    if ident:
        tokens += [("#", token, words) for token in ident.split() if (words := token_words(token))]
    return tokens


# Tokens repeat from page to page of a site (and ids rarely), so their words are cached.
@lru_cache(maxsize=8192)
def token_words(token: str) -> tuple[str, ...]:
    """A class or id token's lower-cased words: split at - _ : . and where camelCase bumps up."""
    if token == token.lower():  # no capital, so no bump: a translate and a split, 3x the regex's speed
        return tuple(token.translate(_SEPARATORS).split())
    return tuple(w.lower() for w in _WORD_SPLIT.split(token) if w)


def _selector(prefix: str, token: str) -> str:
    """A class or id usable in a selector: characters CSS would misread are escaped."""
    return prefix + _CSS_UNSAFE.sub(r"\\\1", token)


def reads_as_prose(node: LexborNode, text: str) -> bool:
    """Long text, few links, and at least one paragraph-sized run: what an article looks like."""
    if len(text.strip()) < PROSE_MIN_CHARS:
        return False
    link_chars = sum(len(a.text(deep=True)) for a in node.css("a"))
    if link_chars >= PROSE_MAX_LINKS * len(text):
        return False
    # A feed of headlines is long too, but made of short pieces; CJK characters count three.
    pieces = node.text(deep=True, separator="\n").split("\n")
    return any(len(p) + 2 * len(_CJK.findall(p)) >= PROSE_PIECE for p in pieces if len(p) >= PROSE_PIECE // 3)


def _class_reason(tag: str, attrs: dict[str, str | None]) -> tuple[str, bool] | None:
    """Furniture named by class/id words, unless a token names the article itself."""
    classes, ident = attrs.get("class"), attrs.get("id")
    if not classes and not ident:
        return None
    found = _named_reason(classes or "", ident or "")
    return (tag + found[0], found[1]) if found else None


@lru_cache(maxsize=4096)
def _named_reason(classes: str, ident: str) -> tuple[str, bool] | None:
    """_class_reason's answer without the tag: pages repeat their class names, so it is cached."""
    hiding = _HIDING_CLASSES.intersection(classes.split())
    if hiding:
        return f".{min(hiding)}", False
    tokens = _named_tokens(classes, ident)
    if any(_EMBED_WORDS.intersection(words) for _, _, words in tokens):
        return None  # an embedded post (a tweet) quoted by the article
    for prefix, token, words in tokens:
        # The last word names the thing: "entry-author-bio" is a bio, "article-sidebar" a sidebar.
        if STRONG_WORDS.intersection(words) or (len(words) > 1 and words[-1] in _HEAD_WORDS):
            return _selector(prefix, token), True
    hit: tuple[str, str] | None = None
    for prefix, token, words in tokens:
        if WEAK_WORDS.intersection(words):
            hit = hit or (prefix, token)
        elif CONTENT_WORDS.intersection(words):
            # "box article modal-enabled", "page-content and-w-sidebar": the article, flagged.
            return None
    return (_selector(*hit), False) if hit else None


def furniture_reason(node: LexborNode, tag: str) -> tuple[str, bool] | None:
    """Why `node` looks like furniture (a selector-like label, and whether strongly), or None."""
    if tag in _NEVER_DROP:
        return None
    if tag == "form" and node.css_first("input[type=radio], input[type=checkbox]") is not None:
        return "form:has(input[type=radio])", True  # a poll or survey
    if tag in FURNITURE_TAGS:
        return tag, tag not in _WEAK_TAGS
    attrs = node.attributes
    if not attrs:
        return None
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return f"{tag}[hidden]", False
    style = attrs.get("style")
    if style and _INVISIBLE.search(style):
        return f"{tag}[style*=display:none]", True
    role = attrs.get("role")
    if role and role.lower() in FURNITURE_ROLES:
        return f'{tag}[role="{role}"]', True
    return _class_reason(tag, attrs)


class FurnitureFilter:
    """Skip hook for `flatten`: names furniture, but never an element holding most of the page."""

    def __init__(self, page_text_length: int, max_share: float = 0.4) -> None:
        # The floor keeps a "Share" button from counting as most of a near-empty page.
        self.limit = max(page_text_length * max_share, SHARE_FLOOR)

    def __call__(self, node: LexborNode, tag: str) -> tuple[str, int] | None:
        found = furniture_reason(node, tag)
        if found is None:
            return None
        reason, strong = found
        text = node.text(deep=True)
        if len(text) > self.limit:
            return None
        if not strong and reads_as_prose(node, text):
            return None
        return reason, len(text)
