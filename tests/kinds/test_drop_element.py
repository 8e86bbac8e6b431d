"""drop-element: HTML elements by CSS selector; the one selector check rule loading uses."""
from __future__ import annotations

import pytest
from kind_pages import errors_of, run

from cleaner.kinds import drop_element
from cleaner.kinds.drop_element import validate_selector


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


def test_rule_files_report_a_bad_selector_at_its_line():
    errors = errors_of("  - id: ad\n    kind: drop-element\n    description: d\n    selector: 'div['\n")
    assert errors == ["t.yaml:8: \"selector\" in rule \"ad\": invalid CSS selector 'div[': Can't parse CSS selector."]


def test_html_section_selectors_use_the_same_check():
    from cleaner.ruleset.loader import parse_rule_file
    from cleaner.ruleset.model import RuleFileErrors

    with pytest.raises(RuleFileErrors) as exc:
        parse_rule_file("site: t.example\ndescription: d\nmatch: {hosts: [t.example]}\nhtml: {body: '..x'}\n", "t.yaml")
    assert [str(e) for e in exc.value.errors] == [
        "t.yaml:4: \"body\" in \"html\": invalid CSS selector '..x': Can't parse CSS selector."]


def test_drop_element_leaves_text_pages_alone():
    r = run("  - {id: ad, kind: drop-element, description: d, selector: div.ad}\n", "标题\ndiv.ad\n正文。\n")
    assert r.text == "标题\n\ndiv.ad\n\n正文。\n" and not r.removals
    assert drop_element.TARGET == "html" and drop_element.TRIGGER == "selector"
