"""Main-content selection on scraped text: the article's run of prose and its headline stay."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from cleaner import RuleSet, clean_text
from cleaner.cli.main import main
from cleaner.core import main_content as main_content_module
from cleaner.core.main_content import MIN_ARTICLE, main_block, prose_words
from cleaner.ruleset.loader import parse_rule_file
from cleaner.ruleset.model import RuleFileErrors

PROSE = [
    "国际在线消息：为切实提升网络社会治理能力，宿迁公安局在今年的专项行动中成效显著，受到各方好评。",
    "据介绍，宿迁公安局先后组织开展了多轮集中打击行动，共破获各类网络犯罪案件一百余起，抓获嫌疑人两百余名。",
    "下一步，宿迁公安局将继续保持高压态势，持续深化打防管控，切实维护人民群众的合法权益和社会稳定。",
]
MENU = ["首页", "新闻", "体育", "财经", "娱乐", "科技", "登录 | 注册"]
FOOTER = ["关于我们", "联系我们", "广告服务", "网站地图", "京ICP备12345678号"]
TITLE = "宿迁“三位一体”打防网络犯罪"


def page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part) + "\n"


def test_prose_lines_score_their_words_and_others_nothing():
    assert prose_words(PROSE[0]) > 40
    assert prose_words("首页") == 0 and prose_words("热点新闻排行榜第一名第二名第三名第四名第五名第六名") == 0  # no punctuation
    assert prose_words("The council voted on Tuesday to turn the old rail yard into a public park, ending a debate that lasted a decade.") >= 20
    assert prose_words("Home | News | Sport | Business | Culture | Travel | Weather | Video") == 0


def test_menus_and_footers_go_the_headline_and_the_article_stay(bundled: RuleSet):
    result = clean_text(page(MENU, [TITLE], PROSE, FOOTER), bundled)
    assert result.text == "\n\n".join([TITLE, *PROSE]) + "\n"
    removed = [r for r in result.removals if r.rule == "text/main-content"]
    assert [r.text for r in removed] == MENU + FOOTER and {r.kind for r in removed} == {"main-content"}
    assert result.metadata["title"] == TITLE


def test_a_subheading_between_paragraphs_stays(bundled: RuleSet):
    text = page(MENU, [TITLE], PROSE[:2], ["专项行动"], PROSE[2:], FOOTER)
    assert "专项行动" in clean_text(text, bundled).text


def test_a_page_without_an_article_is_left_alone():
    assert main_block(MENU + FOOTER) is None
    assert main_block(["短短的一句话，没有多少字。"]) is None  # prose, but less than MIN_ARTICLE words
    assert MIN_ARTICLE > len("短短的一句话没有多少字")


def test_output_is_stable_under_a_second_cleaning(bundled: RuleSet):
    once = clean_text(page(MENU, [TITLE], PROSE, FOOTER), bundled).text
    assert clean_text(once, bundled).text == once


def test_a_site_file_can_switch_it_off(bundled: RuleSet, tmp_path):
    site = tmp_path / "example.com.yaml"
    site.write_text(
        "site: example.com\ndescription: Example.\nextends: [zh-news]\nmatch: {hosts: [example.com]}\n"
        "text:\n  main-content: false\nrules: []\n", encoding="utf-8")
    rules = RuleSet.load([tmp_path])
    text = page(MENU, [TITLE], PROSE, FOOTER)
    assert rules.scope_for(text, "https://example.com/a").main_content is False
    assert "关于我们" in clean_text(text, rules, url="https://example.com/a").text
    assert "关于我们" not in clean_text(text, rules).text  # without the URL the zh-news fallback applies


def test_rules_only_when_asked(bundled: RuleSet):
    text = page(MENU, [TITLE], PROSE, FOOTER)
    assert not any(r.rule == "text/main-content" for r in clean_text(text, bundled, main_content=False).removals)


def test_check_reports_rule_findings_only(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(page(MENU, [TITLE], PROSE, FOOTER), encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(path)])
    assert r.exit_code == 0 and "text/main-content" not in r.stdout
    assert "note: `cleaner clean` would also remove" in r.stderr  # but says that clean would take more


@pytest.mark.parametrize("value,message", [
    ("yes please", '"main-content" in "text" must be true or false, not a string'),
    ("1", '"main-content" in "text" must be true or false, not a number'),
])
def test_the_text_section_is_validated(value: str, message: str):
    with pytest.raises(RuleFileErrors) as info:
        parse_rule_file(f"pack: p\ndescription: P.\ntext:\n  main-content: {value}\n  other: 1\n", "p.yaml")
    errors = [str(e) for e in info.value.errors]
    assert errors == ['p.yaml:5: unknown key "other" in "text"; expected one of: main-content', f"p.yaml:4: {message}"]


def test_switched_off_for_a_whole_run(tmp_path):
    import json

    import cleaner

    text = page(MENU, [TITLE], PROSE, FOOTER)
    assert "关于我们" in cleaner.clean(text, cleaner.load_rules(), main_content=False).text
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n" for n in range(3)), encoding="utf-8")
    for jobs in ("1", "2"):  # workers load the rules themselves: the switch must reach them
        out = tmp_path / f"out{jobs}.jsonl"
        r = CliRunner().invoke(main, ["clean", "-q", "--no-main-content", "--jobs", jobs, str(src), "-o", str(out)])
        assert r.exit_code == 0, r.output
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(records) == 3 and all("关于我们" in rec["text"] for rec in records)
    CliRunner().invoke(main, ["clean", "-q", str(src), "-o", str(tmp_path / "default.jsonl")])
    records = [json.loads(line) for line in (tmp_path / "default.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all("关于我们" not in rec["text"] for rec in records)
    assert set(records[0]["cleaner_removed"]) == {"text/main-content"}


def test_an_article_with_a_list_cleans_the_same_twice(bundled: RuleSet):
    # Lines are counted, not paragraphs: the output separates every line, and a second cleaning
    # must decide as the first did (a list written as one paragraph used to be kept, then cut).
    text = (
        "Simple tomato soup\n\n"
        "This tomato soup takes about thirty minutes and uses ingredients most kitchens already have, which makes it a good weeknight dinner.\n\n"
        "Ingredients:\n2 tablespoons olive oil\n1 onion, chopped\n3 cloves garlic\n800 g canned tomatoes\n500 ml vegetable stock\n\n"
        "Heat the oil in a large pot over medium heat, add the onion and cook it for about five minutes until it is soft and golden.\n\n"
        "Add the garlic, tomatoes and stock, bring everything to a boil, then let the soup simmer for twenty minutes and blend it.\n"
    )
    once = clean_text(text, bundled).text
    assert clean_text(once, bundled).text == once
    assert "Heat the oil" in once and "Add the garlic" in once


def test_a_short_closing_sentence_stays_with_the_article(bundled: RuleSet):
    text = page(MENU, [TITLE], PROSE, ["谢谢阅读！"], FOOTER)
    result = clean_text(text, bundled)
    assert result.text.endswith(PROSE[-1] + "\n\n谢谢阅读！\n")
    assert clean_text(result.text, bundled).text == result.text
    # A copyright line is no sign-off.
    assert "版权所有" not in clean_text(page([TITLE], PROSE, ["版权所有，转载请注明出处。"], FOOTER), bundled).text


RECIPE_INTRO = ("A whole chicken roasted on a bed of lemons and thyme is the easiest Sunday lunch we know, "
                "because the lemons steam the bird from the inside and the pan juices make the gravy.")
INGREDIENTS = ["1.6 kg whole chicken", "2 tbsp olive oil", "1 tsp flaky sea salt", "150 ml white wine",
               "150 ml chicken stock", "1 tsp plain flour", "3 cloves garlic", "20 g butter", "1 pinch of pepper"]
METHOD = [
    "Heat the oven to 200C, put the lemons, garlic and half the thyme in a roasting tin, then rub the chicken "
    "with the oil, season it well and sit it on the lemons.",
    "Roast for one hour and twenty minutes, until the juices run clear when you pierce the thigh, then lift the "
    "chicken onto a board and rest it for fifteen minutes.",
]


def test_an_ingredient_list_inside_the_article_is_no_boundary(bundled: RuleSet, monkeypatch):
    text = page(["Home | Recipes | Videos | Shop"], ["Roast chicken"], [RECIPE_INTRO, "Ingredients"], INGREDIENTS,
                ["Method"], METHOD, ["Popular recipes", "Ten-minute tomato soup"])
    result = clean_text(text, bundled).text
    assert result.startswith("Roast chicken\n\n" + RECIPE_INTRO) and "150 ml chicken stock" in result
    assert "Popular recipes" not in result and "Home |" not in result
    assert clean_text(result, bundled).text == result
    # Without the list rule the quantities are ten lines of gap: the intro goes.
    monkeypatch.setattr(main_content_module, "_LIST_ITEM", re.compile("(?!)"))
    assert RECIPE_INTRO not in clean_text(text, bundled).text
