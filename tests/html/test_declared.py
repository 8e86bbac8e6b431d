"""A short article loses to a long box of furniture unless the page's declared article body settles it."""
from __future__ import annotations

import pytest
from helpers import SEEDS
from html_fixtures import PARAGRAPHS

from cleaner.html import declared, extract_html

ABOUT = ("Our newsroom is independent and funded by readers; we have covered this city, its schools, "
         "its council and its neighbourhoods since 1998, and everything we publish is free to read. ") * 4
SHORT = "<p>Firefighters freed a kitten from a storm drain on Monday, after two hours of work.</p><p>It is doing well.</p>"


def page(body_attrs: str, title: str = "Kitten freed") -> str:
    return (f"<html><head><title>{title}</title></head><body><div class='col'><h1>Kitten freed</h1>"
            f"<div class='text' {body_attrs}>{SHORT}</div></div>"
            f"<div class='rail'><div class='box'><p>{ABOUT}</p></div></div></body></html>")


def seed_text(name: str) -> str:
    return extract_html((SEEDS / name).read_text(encoding="utf-8")).text


def test_the_about_box_wins_without_a_declaration():
    assert extract_html(page("")).text.startswith("Our newsroom")


@pytest.mark.parametrize("attrs", ["itemprop='articleBody'", "role='main'"])
def test_a_declared_body_under_the_headline_wins(attrs):
    assert extract_html(page(attrs)).text == "Firefighters freed a kitten from a storm drain on Monday, after two hours of work.\n\nIt is doing well.\n"


def test_far_from_the_headline_a_declared_body_must_weigh_half_the_chosen_run(monkeypatch):
    # Not under this page's headline: a declared summary much lighter than the run chosen is left alone.
    monkeypatch.setattr(declared, "HEADLINE_REACH", 0)
    assert extract_html(page("itemprop='articleBody'")).text.startswith("Our newsroom")
    heavy = page("itemprop='articleBody'").replace(SHORT, "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    assert extract_html(heavy).text.startswith(PARAGRAPHS[0])


def test_a_run_around_the_declared_body_is_left_alone():
    # The article is bigger than its declared part: the declaration never narrows the choice.
    whole = (f"<html><body><main><h1>Title</h1><p>{PARAGRAPHS[0]}</p><div itemprop='articleBody'><p>{PARAGRAPHS[1]}</p></div>"
             f"<p>{PARAGRAPHS[2]}</p></main></body></html>")
    text = extract_html(whole).text
    assert all(p in text for p in PARAGRAPHS[:3])


def test_seeds_a_video_page_and_a_short_article_beside_a_teaser():
    video = seed_text("012_constructed_en_video_about_box.html")
    assert video.startswith("Firefighters in Riverside") and video.endswith("is doing well.\n")
    assert "newsroom" not in video and "discretion" not in video
    story = seed_text("013_constructed_en_sidebar_teaser.html")
    assert story.startswith("Single fares") and story.endswith("since the last rise.\n")
    assert "lighthouse" not in story and "Read more" not in story
