"""Recall on pages that are one article in an unusual shape: split around media, lists, sign-offs."""
from __future__ import annotations

from helpers import SEEDS
from html_fixtures import PARAGRAPHS

from cleaner.html import extract_html, fast

LINKS = "".join(f"<li><a href='/t/{n}'>Trending story number {n} about the city</a></li>" for n in range(30))


def split_page() -> str:
    """One article in two sibling blocks alike, a video between them; a long unnamed link list after."""
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    return (f"<html><body><main><div class='text'>{first}</div>"
            "<div class='player'><video src='v.mp4'></video><p>Watch the video</p></div>"
            f"<div class='text'><p>{PARAGRAPHS[3]}</p></div><ul>{LINKS}</ul></main></body></html>")


def test_an_article_split_around_a_video_keeps_both_halves() -> None:
    text = extract_html(split_page()).text
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert "Trending story" not in text


def test_without_the_sibling_rule_the_second_half_is_lost(monkeypatch) -> None:
    # The shape the rule is for: the first half alone wins as the best element.
    monkeypatch.setattr(fast, "_with_split_halves", lambda page, weights, best, run, page_run: run)
    assert PARAGRAPHS[3] not in extract_html(split_page()).text


def test_an_ingredient_list_between_intro_and_method_stays_and_so_does_the_sign_off() -> None:
    # Ten short unlinked lines read as ten labels; "Enjoy!" weighs less than a paragraph costs.
    text = extract_html((SEEDS / "010_constructed_en_recipe.html").read_text(encoding="utf-8")).text
    assert text.startswith("A whole chicken roasted on a bed of lemons")
    assert "\n\n1 whole chicken, about 1.6 kg\n\n" in text and "\n\n1 tsp plain flour\n\n" in text
    assert text.endswith("to make the gravy.\n\nEnjoy!\n")
    assert "Popular recipes" not in text and "Sunday Kitchen" not in text


def test_a_menu_list_is_still_no_content() -> None:
    menu = "".join(f"<li><a href='/s/{n}'>Section {n}</a></li>" for n in range(12))
    page = f"<html><body><ul>{menu}</ul><div>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"
    assert "Section" not in extract_html(page).text
