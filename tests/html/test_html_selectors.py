"""validate_selector: rule loading rejects bad CSS with a message instead of an exception."""
from __future__ import annotations

import pytest

from cleaner.html import validate_selector


@pytest.mark.parametrize("selector", [
    "div.share-bar", "#comments", "article > p:first-child", "a[href*='ads']", ".a, .b", "p:has(a)",
])
def test_valid_selectors_pass(selector: str) -> None:
    assert validate_selector(selector) is None


@pytest.mark.parametrize("selector", ["div[", "..ad", "a >", ":nth-child(", "###", "p:contains(x)"])
def test_invalid_selectors_get_a_message(selector: str) -> None:
    message = validate_selector(selector)
    assert message and "invalid CSS selector" in message and selector in message


@pytest.mark.parametrize("selector", ["", "   "])
def test_empty_selector_is_rejected(selector: str) -> None:
    assert validate_selector(selector) == "empty CSS selector"
