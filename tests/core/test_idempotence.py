"""Cleaning the output again changes nothing, on generated pages built from real furniture."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import RuleSet, clean_text
from cleaner.ruleset.loader import parse_rule_file

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


# Pages with positional rules: generated rule files whose rules carry `within` limits (and cuts,
# which act on the first marker left), on pages of a few lines those rules match, so that a limit's
# boundary falls anywhere. Removing lines moves the boundary; the output must stay put.
TOKENS = ["菜单", "作者", "广告", "正文", "版权"]
ARTICLE = "宿迁公安局在净网行动中成效显著，打击整治网络犯罪，宣传工作取得明显进展。"
PAGE_LINE = st.one_of(
    st.sampled_from(["菜单", "作者：李华", "作者：王明", "广告 买一送一", "正文开始", "版权所有", "", "  ", ARTICLE,
                     "\u3000\u3000广告 买一送一", " 作者：王明\u00a0", "\t菜单 "]),
    st.builds(lambda a, b: f"{a} {b}", st.sampled_from(TOKENS), st.sampled_from(TOKENS)),
    PROSE,
)
WITHIN = st.one_of(st.just(""), st.builds(lambda side, n: f", within: {{{side}: {n}}}",
                                        st.sampled_from(["first", "last"]), st.integers(1, 8)))


def _rule(kind: str, token: str, other: str, flag: bool) -> str:
    if kind == "drop-line":
        return f"kind: drop-line, pattern: '^{token}'"
    if kind == "capture":
        return "kind: capture, pattern: '作者\\s*:\\s*(?P<author>\\S+)'"
    if kind == "strip-span":
        return f"kind: strip-span, pattern: '{token}'"
    if kind == "cut":
        return f"kind: cut, marker: '^{token}', side: {'before' if flag else 'after'}, keep_marker: {str(other == token).lower()}"
    return f"kind: drop-block, start: '^{token}'" + (f", end: '^{other}'" if flag else "")


RULE = st.builds(_rule, st.sampled_from(["drop-line", "capture", "strip-span", "cut", "drop-block"]),
                 st.sampled_from(TOKENS), st.sampled_from(TOKENS), st.booleans())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(RULE, WITHIN), min_size=1, max_size=4), st.lists(PAGE_LINE, max_size=30), st.booleans())
def test_positional_rules_are_idempotent(rules, lines, main_content):
    body = "".join(f"  - {{id: r{n}, description: d, {rule}{within}}}\n" for n, (rule, within) in enumerate(rules))
    head = f"site: t.example\ndescription: t\nmatch: {{hosts: [t.example]}}\ntext: {{main-content: {str(main_content).lower()}}}\n"
    ruleset = RuleSet([parse_rule_file(head + "rules:\n" + body, "t.yaml")])
    assert not ruleset.errors
    once = clean_text("\n".join(lines), ruleset, url="http://t.example/").text
    assert clean_text(once, ruleset, url="http://t.example/").text == once


def test_limit_boundary_on_bundled_rules():
    # 作者：王明 is the 61st line, past the byline rule's `within: {first: 60}` on the page as it
    # came; once 作者：李华 is gone it is the 60th line left, and the output cleaned again loses it.
    page = "作者：李华\n" + "".join(f"第{n}段正文，记者从现场获悉有关情况并进行了采访。\n" for n in range(59)) + "作者：王明\n"
    once = clean_text(page, RULES, main_content=False)
    assert "王明" not in once.text and clean_text(once.text, RULES, main_content=False).text == once.text
    longer = "作者：李华\n" + "".join(f"第{n}段正文，记者从现场获悉有关情况并进行了采访。\n" for n in range(60)) + "作者：王明\n"
    once = clean_text(longer, RULES, main_content=False)
    assert "作者：王明" in once.text and clean_text(once.text, RULES, main_content=False).text == once.text


def test_patterns_see_lines_as_the_output_shows_them():
    # The output strips each line: `^广告` must match the indented line on the first pass.
    body = "  - {id: ad, kind: drop-line, description: d, pattern: '^广告$'}\n"
    rules = RuleSet([parse_rule_file("site: t.example\ndescription: t\nmatch: {hosts: [t.example]}\nrules:\n" + body, "t.yaml")])
    result = clean_text("\u3000\u3000广告\u3000\n正文。\n", rules, url="http://t.example/")
    assert result.text == "正文。\n" and result.removals[0].text == "\u3000\u3000广告\u3000"


def test_columns_count_the_line_as_given():
    body = "  - {id: img, kind: strip-span, description: d, pattern: '^\\S+\\.jpg'}\n"
    rules = RuleSet([parse_rule_file("site: t.example\ndescription: t\nmatch: {hosts: [t.example]}\nrules:\n" + body, "t.yaml")])
    result = clean_text("\u3000\u3000a.jpg 正文\n", rules, url="http://t.example/")
    assert [(r.column, r.text) for r in result.removals] == [(3, "a.jpg")] and result.text == "正文\n"
