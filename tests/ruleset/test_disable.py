"""Switching rules off in a loaded RuleSet: by id or file name, kept through pickling, unknown ids refused."""
from __future__ import annotations

import pickle

import pytest

from cleaner.core.text import clean_text
from cleaner.ruleset.ruleset import RuleSet

PAGE = ("宿迁“三位一体”打防网络犯罪\n2018-09-10 15:17:31\u00a0\u00a0来源:中央广电总台国际在线\u00a0\u00a0编辑:罗毅\n"
        "国际在线江苏频道消息：宿迁公安局在“净网2018”行动中成效显著。\n分享到：微信 微博 QQ空间\n")


def rules_of(rules: RuleSet) -> list[str]:
    return [r.rule for r in clean_text(PAGE, rules, main_content=False).removals]


def test_without_by_id_and_by_file(bundled):
    assert rules_of(bundled) == ["zh-news/byline", "zh-news/share-bar"]
    assert rules_of(bundled.without(["zh-news/share-bar"])) == ["zh-news/byline"]
    assert rules_of(bundled.without(["zh-news"])) == []
    assert rules_of(bundled) == ["zh-news/byline", "zh-news/share-bar"]  # the original is unchanged
    assert bundled.without([]) is bundled


def test_disabled_rules_stay_off_in_another_process(bundled):
    again = pickle.loads(pickle.dumps(bundled.without(["zh-news/byline"])))
    assert again.disabled == {"zh-news/byline"} and rules_of(again) == ["zh-news/share-bar"]


def test_unknown_ids_are_named(bundled):
    with pytest.raises(ValueError, match=r"no such rule or rule file: zh-news/shre-bar, zh \("):
        bundled.without(["zh-news/share-bar", "zh-news/shre-bar", "zh"])  # "zh" is no file's name


def test_keep_marker_per_rule(bundled):
    kept = PAGE.replace("QQ空间\n", "QQ空间 cleaner: keep[zh-news/share-bar]\n")
    assert [r.rule for r in clean_text(kept, bundled, main_content=False).removals] == ["zh-news/byline"]
    other = PAGE.replace("QQ空间\n", "QQ空间 cleaner: keep[zh-news/byline]\n")
    assert [r.rule for r in clean_text(other, bundled, main_content=False).removals] == ["zh-news/byline", "zh-news/share-bar"]
    both = PAGE.replace("QQ空间\n", "QQ空间 cleaner: keep[zh-news/byline, zh-news/share-bar]\n")
    assert [r.rule for r in clean_text(both, bundled, main_content=False).removals] == ["zh-news/byline"]
