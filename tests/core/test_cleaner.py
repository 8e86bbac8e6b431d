"""The core's one entry: Cleaner(rules, Options).clean(page, url), text and HTML, options its only switches."""
from __future__ import annotations

import pickle

import pytest

import cleaner
from cleaner import Cleaner, Options, RuleSet, clean_text
from cleaner.core.plan import plans_of

PROSE = ("国际在线消息：为切实提升网络社会治理能力，宿迁公安局在今年的专项行动中成效显著，受到各方好评。\n"
         "据介绍，宿迁公安局先后组织开展了多轮集中打击行动，共破获各类网络犯罪案件一百余起，抓获嫌疑人两百余名。\n"
         "下一步，宿迁公安局将继续保持高压态势，持续深化打防管控，切实维护人民群众的合法权益和社会稳定。\n")
TEXT = "首页\n新闻\n体育\n宿迁“三位一体”打防网络犯罪\n" + PROSE + "关于我们\n联系我们\n"
HTML = ("<html><head><title>Council approves new park</title>"
        "<meta property='og:site_name' content='Example News'></head><body>"
        "<article><h1>Council approves new park</h1><p>The city council voted on Tuesday to turn the old rail yard "
        "into a public park, ending a debate that had lasted for more than a decade in the district.</p></article>"
        "<footer>Copyright 2024 Example News.</footer></body></html>")


def test_text_pages_are_cleaned_as_clean_text_cleans_them(bundled: RuleSet):
    assert Cleaner(bundled).clean(TEXT) == clean_text(TEXT, bundled)
    rules_only = Cleaner(bundled, Options(main_content=False)).clean(TEXT)
    assert rules_only == clean_text(TEXT, bundled, main_content=False)
    assert "关于我们" in rules_only.text and "关于我们" not in Cleaner(bundled).clean(TEXT).text


def test_the_markup_option_says_how_a_page_is_read(bundled: RuleSet):
    assert "rail yard" in Cleaner(bundled).clean(HTML).text and "<p>" not in Cleaner(bundled).clean(HTML).text
    assert "<p>" in Cleaner(bundled, Options(markup="text")).clean(HTML).text
    assert Cleaner(bundled, Options(markup="html")).clean(HTML) == Cleaner(bundled).clean(HTML)


def test_html_pages_always_extract_the_main_content(bundled: RuleSet):
    # Extraction is how HTML becomes text: main_content=False changes only what text rules see.
    assert Cleaner(bundled, Options(main_content=False)).clean(HTML) == Cleaner(bundled).clean(HTML)


def test_the_rule_set_no_longer_carries_main_content(bundled: RuleSet):
    scope = bundled.scope_for(TEXT)
    assert scope.main_content is True and scope.packs  # what the zh-news pack asks for, not a run switch
    assert not hasattr(cleaner.load_rules(), "plan_for")
    with pytest.raises(TypeError):
        cleaner.load_rules(main_content=False)  # type: ignore[call-arg]


def test_cleaners_of_one_rule_set_share_its_plans(bundled: RuleSet):
    one, two = Cleaner(bundled), Cleaner(bundled, Options(main_content=False))
    one.clean(TEXT)
    two.clean(TEXT)
    assert plans_of(bundled).plan_for(TEXT) is plans_of(bundled).plan_for(TEXT)
    assert len(plans_of(bundled)._plans) >= 1


def test_options_pickle_and_are_checked():
    options = Options(markup="html", main_content=False, max_size=10)
    assert pickle.loads(pickle.dumps(options)) == options
    with pytest.raises(ValueError, match="markup"):
        Options(markup="xml")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="RuleSet"):
        Cleaner("rules/")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Options"):
        Cleaner(RuleSet(), {"markup": "text"})  # type: ignore[arg-type]


def test_the_library_refuses_the_old_kind_by_name(bundled: RuleSet):
    for call in (lambda: cleaner.clean("x", bundled, kind="text"), lambda: cleaner.clean_iter(["x"], bundled, kind="text"),
                 lambda: cleaner.clean_records([], bundled, kind="text"), lambda: cleaner.clean_batch({"text": []}, bundled, kind="text")):
        with pytest.raises(TypeError, match="kind= is now markup="):
            call()
    assert cleaner.clean(TEXT, bundled, main_content=False).text == clean_text(TEXT, bundled, main_content=False).text
    assert next(cleaner.clean_iter([TEXT], bundled, main_content=False)).text == clean_text(TEXT, bundled, main_content=False).text


def test_metadata_names_say_where_they_came_from(bundled: RuleSet):
    page = Cleaner(bundled).clean(HTML)
    assert page.metadata["site_name"] == "Example News" and "site" not in page.metadata
    claimed = Cleaner(bundled).clean(HTML, "https://news.cri.cn/x.html")
    # The claiming rule file is the result's site (cleaner_site in records), never a metadata field.
    assert claimed.site == "cri.cn" and "site" not in claimed.metadata and claimed.metadata["site_name"] == "Example News"


def test_every_removal_has_every_field():
    # Removals made in bulk skip the named tuple's constructor: they must still hold all its fields.
    from helpers import SEEDS

    from cleaner.ruleset.ruleset import RuleSet

    result = Cleaner(RuleSet.load()).clean((SEEDS / "003_constructed_zh_portal.txt").read_text(encoding="utf-8"))
    assert result.removals and all(len(r) == len(r._fields) and r.selector is None for r in result.removals)
