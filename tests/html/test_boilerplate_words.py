"""Class and id words: the quick split of tokens without capitals agrees with the regex on every token."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.html.boilerplate import _named_reason, class_id_tokens, token_words

_REGEX = re.compile(r"[\-_:.]+|(?<=[a-z])(?=[A-Z])")  # the words' definition, spelled out


def _by_regex(token: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _REGEX.split(token) if w)


def test_words_of_typical_tokens():
    assert token_words("entry-author-bio") == ("entry", "author", "bio")
    assert token_words("relatedPosts") == ("related", "posts")
    assert token_words("nav__item--active") == ("nav", "item", "active")
    assert token_words("md:hidden") == ("md", "hidden")
    assert token_words("--") == ()
    assert token_words("ÉditoBox") == ("édito", "box")  # a non-ASCII capital: no bump, lowered
    assert token_words("新闻-列表") == ("新闻", "列表")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ-_:.9é É\u0130x", min_size=1, max_size=12).map(lambda t: t.replace(" ", "")))
def test_quick_split_agrees_with_the_regex(token):
    assert token_words.__wrapped__(token) == _by_regex(token)


def test_selectors_are_escaped_and_verdicts_name_the_token():
    assert class_id_tokens({"class": "a:b share-bar", "id": "top.nav"}) == [
        (r".a\:b", ("a", "b")), (".share-bar", ("share", "bar")), (r"#top\.nav", ("top", "nav"))]
    assert class_id_tokens({"class": None, "id": ""}) == []
    assert _named_reason("post-meta sidebar-widget", "") == (".post-meta", False)  # the first weak token
    assert _named_reason("x", "shareBar") == ("#shareBar", True)  # camelCase words: "share" is strong
    assert _named_reason("box article", "") is None
