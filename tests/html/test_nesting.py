"""Block tags nested deeper than browsers allow are unwrapped before parsing, their text kept."""
from __future__ import annotations

import cleaner
from cleaner.html.nesting import LIMIT, limit_nesting


def nested(depth: int, tag: str = "div") -> str:
    return f"<html><body>{f'<{tag} class=x>' * depth}<p>Deep text.</p>{f'</{tag}>' * depth}</body></html>"


def test_shallow_pages_are_returned_untouched():
    page = nested(LIMIT)
    assert limit_nesting(page) == (page, 0)
    # Many block tags side by side are not deep.
    siblings = "<body>" + "<div>x</div>" * 5000 + "</body>"
    assert limit_nesting(siblings) == (siblings, 0)


def test_tags_beyond_the_limit_are_unwrapped():
    out, dropped = limit_nesting(nested(LIMIT + 100))
    assert dropped == 200  # 100 start tags and their 100 end tags
    assert out.count("<div class=x>") == LIMIT and out.count("</div>") == LIMIT
    assert "<p>Deep text.</p>" in out


def test_mixed_case_and_other_block_tags_count():
    page = "<body>" + "<SECTION>" * 300 + "<Div>" * 300 + "text" + "</Div>" * 300 + "</SECTION>" * 300
    out, dropped = limit_nesting(page)
    assert dropped == 2 * (600 - LIMIT) and "text" in out


def test_a_page_nested_100000_deep_is_cleaned_and_the_unwrapping_reported():
    # Parsed as it is, this page takes Lexbor ~8 s (its cost grows with depth squared).
    result = cleaner.clean(nested(100_000), markup="html")
    assert result.text.endswith("Deep text.\n")
    [removal] = [r for r in result.removals if r.rule == "html/nesting-limit"]
    assert removal.text.startswith(f"{2 * (100_000 - LIMIT)} tags unwrapped")
