"""Cleaning the output again changes nothing, on generated pages built from real furniture."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import RuleSet, clean_text

RULES = RuleSet.load()

FURNITURE = [
    "南京国博_fororder_国博bannner4",
    "首页\u00a0>> 江苏首页\u00a0>> 平安江苏\u00a0>> 正文",
    "2018-09-10 15:17:31\u00a0\u00a0\u00a0 来源:中央广电总台国际在线 \u00a0 编辑:罗毅 \u00a0 责编:程茜",
    "分享到：微信 微博",
    "上一篇：某某新闻",
    "【纠错】",
    "Copyright © 2018 CRI Online. All Rights Reserved.",
    "国际在线版权与信息产品内容销售的声明:",
    "我要评论",
]
PROSE = st.text(
    alphabet=st.sampled_from(list("宿迁公安局网络犯罪打击整治宣传的了在和是，。“”：、0123456789 abcXYZ") + ["\u3000", "\u00a0", "\u2003"]),
    min_size=0, max_size=60,
)
LINE = st.one_of(PROSE, st.sampled_from(FURNITURE))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LINE, st.sampled_from(["\n", "\n\n", "\r\n"])), max_size=25))
def test_clean_is_idempotent(lines):
    # Line breaks vary within a page: paragraphs of several lines next to blank-line-separated ones.
    once = clean_text("".join(line + sep for line, sep in lines), RULES).text
    assert clean_text(once, RULES).text == once


@settings(max_examples=200, deadline=None)
@given(st.lists(PROSE, max_size=20))
def test_output_shape(lines):
    text = clean_text("\n".join(lines), RULES).text
    if text:
        assert text.endswith("\n") and not text.endswith("\n\n")
        assert "\n\n\n" not in text
        for line in text.split("\n"):
            assert line == line.strip() and "\u3000" not in line[:1]
