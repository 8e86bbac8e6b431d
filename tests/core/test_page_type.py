"""Scraped text's page type from its shape: article, listing, forum, other."""
from __future__ import annotations

from cleaner.core.main_content import main_block
from cleaner.core.page_type import listing_words, text_page_type

PROSE = ("The council met on Tuesday evening to discuss the budget for the coming year, and members "
         "agreed after a long debate that the new library would be built near the station.")
ITEMS = [f"Local council approves new park budget number {n}" for n in range(6)]
BLURB = "The plan adds two playgrounds and a pond, the council said."


def typed(text: str) -> str:
    lines = text.split("\n")
    alive = [True] * len(lines)
    return text_page_type(lines, alive, main_block(lines, alive))


def test_an_article_with_a_list_of_related_headlines_is_an_article():
    assert typed("\n".join(["Home News Sport", "Budget agreed", PROSE, PROSE, PROSE, "Related", *ITEMS])) == "article"


def test_headlines_with_blurbs_outweighing_the_text_are_a_listing():
    items = [line for head in ITEMS for line in (head, BLURB, "June 1, 2024")]
    assert typed("\n".join(["Home News Sport", "Local news from the city.", *items, "1 2 3 Next"])) == "listing"
    # Bare headlines are no listing's items: related stories after a short article, a menu.
    assert listing_words(ITEMS, range(len(ITEMS))) == 0


def test_replies_dated_as_the_first_post_are_a_forum_and_teasers_are_not():
    def post(date: str, text: str) -> list[str]:  # a user panel, the dated header, the post, its tools
        return ["oldhand", "Posts: 866", f"posted {date}", *text, "Reply Quote Report"]

    reply = "I had the same problem with mine last year, and a new cable fixed it for good."
    thread = ["Forum › Help", "Old house: renovate it all?", *post("2006-5-12 10:21", [PROSE, PROSE]),
              *post("2006-5-12 11:02", [reply]), *post("2006-5-12 12:30", [reply]), *post("2006-5-13 08:00", [reply])]
    assert typed("\n".join(thread)) == "forum"
    teasers = ["By Ann Lee", "Old house: renovate it all?", PROSE, PROSE,
               *(line for n in range(3) for line in (f"{n + 2} hours ago on Home Blog", reply))]
    assert typed("\n".join(teasers)) == "article"


def test_a_page_of_menus_is_other():
    assert typed("Home\nNews\nSport\nContact us\n") == "other"
