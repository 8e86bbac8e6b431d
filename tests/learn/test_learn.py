"""`cleaner learn` on constructed multi-page sites: what it learns, and that what it writes is valid.

The sites are built here (no corpus needed): a header with navigation and a breadcrumb, a
title, a byline whose date, source and editor vary, tool bars, prose paragraphs, a footer with a
marker line, related links that list the titles of the site's other pages, and a copyright line.
"""
from __future__ import annotations

import random

import pytest

from cleaner.core.examples import check_examples
from cleaner.core.text import clean_text
from cleaner.learn import (
    LearnOptions,
    learn_site,
    learned_rule_file,
    render_rule_file,
    ruleset_with,
)
from cleaner.matching.fold import fold
from cleaner.matching.patterns import compile_lines, compile_pattern
from cleaner.ruleset.loader import parse_rule_file

NAV = ["示例网首页", "新闻 | 财经 | 体育 | 娱乐 | 科技 | 汽车", "登录 注册", "手机版"]
CHANNELS = ["国内新闻", "国际新闻", "社会新闻"]
SOURCES = ["新华网", "人民网", "中国新闻网", "北京晚报"]
EDITORS = ["罗毅", "程茜", "王强", "李明"]
WORDS = "城市 居民 政府 学校 医院 企业 市场 交通 天气 文化 科技 农业 工人 学生 记者 专家 项目 计划 调查 数据".split()


def title_of(i: int) -> str:
    """A unique headline for page i."""
    rng = random.Random(1000 + i)
    return f"{rng.choice(WORDS)}{rng.choice(WORDS)}第{i}次{rng.choice(WORDS)}会议召开"


def paragraph(rng: random.Random) -> str:
    """A prose paragraph: clauses with commas, ending with a full stop."""
    clauses = ["".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(3, 5))]
    return "，".join(clauses) + "。"


def make_page(i: int, n_pages: int, *, seed: int = 0) -> str:
    """Scraped text of page i of a site of n_pages pages."""
    rng = random.Random(seed * 7919 + i)
    related = [title_of(j) for j in rng.sample(range(n_pages), min(4, n_pages)) if j != i][:3]
    lines = NAV + [f"{rng.randint(1, 99)}条新消息"]  # a header line that varies in its number only
    lines += [f"示例网 > 新闻中心 > {rng.choice(CHANNELS)} > 正文", title_of(i)]
    # Traditional labels: the bundled zh-news pack does not know them, so the learner must.
    lines += [f"2012-01-{rng.randint(10, 28)} {rng.randint(10, 23)}:{rng.randint(10, 59)}:00　"
              f"來源: {rng.choice(SOURCES)}　編輯: {rng.choice(EDITORS)}", "字号：大 中 小"]
    lines += [paragraph(rng) for _ in range(rng.randint(3, 6))]
    lines += ["【我要评论】", "相关新闻"] + related + ["关于我们 | 联系我们 | 网站地图", "Copyright © 2012 示例网 版权所有"]
    return "\n\n".join(lines) + "\n"


def make_site(n_pages: int, *, seed: int = 0) -> list[tuple[str, str]]:
    """(name, text) of every page of a constructed site."""
    return [(f"page{i:04d}.txt", make_page(i, n_pages, seed=seed)) for i in range(n_pages)]


@pytest.fixture(scope="module")
def site_rules(bundled):
    """Rules learned from pages 1..11 of a 12-page site (page 0 held out), and the held-out page."""
    pages = make_site(12)
    learned = learn_site(pages[1:], "example.com", base=bundled)
    return learned, ruleset_with(bundled, learned_rule_file(learned)), pages[0][1]


def test_learned_file_loads_and_every_rule_passes_its_examples(site_rules):
    learned, _rules, _held = site_rules
    rule_file = parse_rule_file(render_rule_file(learned), "example.com.yaml")
    assert rule_file.rules, "nothing learned"
    for rule in rule_file.rules:
        assert check_examples(rule) == [], rule.id
        assert rule.examples.keep, f"{rule.id} has no keep example"
        assert rule.examples.remove or rule.examples.capture or rule.examples.rewrite, rule.id
        assert " of 11 pages" in rule.description and "confidence" in rule.description


def test_held_out_page_keeps_title_and_body_and_loses_the_furniture(site_rules):
    _learned, rules, held = site_rules
    result = clean_text(held, rules, url="http://example.com/a.html")
    text = result.text
    assert text.startswith(title_of(0))
    for line in held.split("\n\n"):
        if line.endswith("。"):
            assert line in text  # every body paragraph survives
    for furniture in NAV + ["【我要评论】", "相关新闻", "字号：大 中 小", "Copyright © 2012 示例网 版权所有"]:
        assert furniture not in text
    assert "条新消息" not in text and "正文" not in text
    assert result.metadata["title"] == title_of(0)


def test_byline_is_one_generalised_capture_rule(site_rules):
    learned, rules, held = site_rules
    captures = [p for p in learned.proposals if p.kind == "capture"]
    assert len(captures) == 1, [p.params for p in captures]
    pattern = captures[0].params["pattern"]
    assert "(?P<date>" in pattern and "(?P<source>" in pattern and "(?P<editor>" in pattern
    assert not any(name in pattern for name in EDITORS + SOURCES)  # names are groups, not literals
    metadata = clean_text(held, rules, url="http://example.com/").metadata
    assert metadata["source"] in SOURCES and metadata["editor"] in EDITORS and metadata["date"].startswith("2012-01-")


def test_breadcrumb_variants_become_one_marker(site_rules):
    learned, _rules, _held = site_rules
    markers = [p.params["marker"] for p in learned.proposals if p.kind == "cut" and p.params["side"] == "before"]
    assert markers and not any(channel in m for m in markers for channel in CHANNELS)


def test_title_listed_on_other_pages_survives(bundled):
    """Every page's related links name other pages' titles; learning must not drop titles."""
    pages = make_site(8, seed=3)
    for i in range(len(pages)):
        others = pages[:i] + pages[i + 1 :]
        learned = learn_site(others, "example.com", base=bundled)
        rules = ruleset_with(bundled, learned_rule_file(learned))
        assert clean_text(pages[i][1], rules, url="http://example.com/").text.startswith(title_of(i))


def _pages_matching(source: str, kind: str, pages: list[tuple[str, str]], lines: list[str] | None = None) -> int:
    pattern = compile_lines(lines) if lines else compile_pattern(source, whole_line=kind == "capture")
    return sum(1 for _name, text in pages if pattern.search(fold(text)))


def test_no_rule_from_a_line_of_one_page_unless_generic(bundled):
    pages = make_site(10, seed=5)
    name, text = pages[4]
    pages[4] = (name, text.replace("关于我们", "本页独有的赞助商：某某公司\n\n关于我们"))
    learned = learn_site(pages, "example.com", base=bundled)
    for p in learned.proposals:
        source = p.params.get("pattern") or p.params.get("marker") or "\n".join(p.params["lines"])
        assert "某某公司" not in source
        if "Generic furniture" not in p.summary:
            assert _pages_matching(source, p.kind, pages, p.params.get("lines")) >= 2, (p.rule_id, source)


def test_single_page_learns_only_generic_furniture(bundled):
    learned = learn_site(make_site(5)[:1], "example.com", base=bundled)
    for p in learned.proposals:
        assert p.kind in ("cut", "drop-line") and "Generic furniture" in p.summary, (p.rule_id, p.summary)


def test_glued_image_tags_become_one_strip_span_rule(bundled):
    pages = []
    for i, (name, text) in enumerate(make_site(6, seed=9)):
        tag = f"{WORDS[i]}_fororder_{WORDS[i + 1]}照片 {WORDS[i + 2]}_fororder_{WORDS[i + 3]}"  # names vary
        pages.append((name, text.replace("字号：大 中 小", f"字号：大 中 小\n\n{tag}")))  # inside the article
    learned = learn_site(pages, "example.com", base=bundled)
    spans = [p for p in learned.proposals if p.kind == "strip-span"]
    assert [p.params["pattern"] for p in spans] == [r"\S*_fororder_\S*"]


def test_a_page_crawled_twice_counts_once(bundled):
    pages = make_site(6, seed=4)
    once = learn_site(pages, "example.com", base=bundled)
    twice = learn_site(pages + [("again.txt", pages[2][1])], "example.com", base=bundled)
    assert twice.pages == once.pages == 6 and any("repeat another page" in n for n in twice.notes)
    assert [p.params for p in twice.proposals] == [p.params for p in once.proposals]


def test_a_single_page_is_never_enough_support():
    with pytest.raises(ValueError):
        LearnOptions(min_support=1)


def test_thresholds_are_options(bundled):
    pages = make_site(6, seed=2)
    strict = learn_site(pages, "example.com", base=bundled, options=LearnOptions(min_support=7, max_markers=1))
    assert all("Generic furniture" in p.summary for p in strict.proposals if p.kind == "cut")
    assert len([p for p in strict.proposals if p.kind == "cut" and p.params["side"] == "before"]) <= 1


def test_fingerprints_claim_pages_without_a_url(site_rules):
    _learned, rules, held = site_rules
    assert clean_text(held, rules).site == "example.com"


@pytest.mark.parametrize(("line", "kind"), [
    ("已有0人阅读 字号：T | T 复制链接 打印 RSS", "tools"),
    ("2012年01月17日 19:22 已有0人阅读 字号：T | T 复制链接 打印", "tools"),
    ("【评论0 查看】 【我要评论】 【发起话题】", "tools"),
    ("[推荐] [收藏] [打印] [大 中 小] [关闭]", "tools"),
    ("關鍵字：流感、氣象局、疾管局、最高峰、死亡", "tags"),
    ("选举 、 立法院 、 春节 、 寒流 、 台股 、 高铁", "tags"),
    ("·市长复出后升迁副市长 ·继续提高退休人员养老金 ·推动违法举报电话全覆盖", "bullet"),
    ("时政 人事 政策解读 最新法规 部委通知 重要文件 投资政策 社会民生", "menu"),
    # Prose and headlines are none of these.
    ("北京、上海、广州、深圳、天津等城市的房价继续上涨。", None),
    ("收藏本文后打印出来再关闭", None),
    ("韩美摩拳擦掌 中方反复警示", None),
    ("He said the new plan will help more people get to work on time", None),
])
def test_generic_furniture_shapes(line, kind):
    from cleaner.learn.furniture import generic_kind

    assert generic_kind(fold(line)) == kind


def test_generic_furniture_patterns_are_valid_rule_patterns():
    from cleaner.learn.furniture import GENERIC

    for source in GENERIC.values():
        compile_pattern(source)  # RE2: they go into rule files as they are


def test_byline_ending_in_a_varying_source_word_is_one_loose_capture(bundled):
    """`http://site 2012年01月12日 17:06 驱动之家`: the last word is the source, different on every page."""
    sources = ["驱动之家", "天极网", "果壳网", "新浪科技微博", "中国家电网微博", "IT168网"]

    def with_byline(i: int, text: str) -> str:
        return text.replace(title_of(i), f"{title_of(i)}\n\nhttp://www.example.com  2012年01月1{i}日 1{i}:0{i}  {sources[i]}")

    pages = [(name, with_byline(i, text)) for i, (name, text) in enumerate(make_site(6, seed=9))]
    learned = learn_site(pages[1:], "example.com", base=bundled)
    patterns = [p.params["pattern"] for p in learned.proposals if p.kind == "capture"]
    assert any("(?P<source>" in p and "https?://" in p for p in patterns), patterns
    assert not any(s in p for p in patterns for s in sources)
    rules = ruleset_with(bundled, learned_rule_file(learned))
    result = clean_text(pages[0][1], rules, url="http://example.com/")
    assert "驱动之家" not in result.text and result.text.startswith(title_of(0))


def test_generic_shapes_do_not_backtrack_on_hostile_lines():
    # With Python's re, ten spaced tool words and a word that ends the match took minutes.
    from cleaner.learn.furniture import generic_kind, is_metadata_line

    assert generic_kind(("打印" + " " * 8) * 200 + "正文。") is None
    assert generic_kind("·" + "字" * 200_000) is None
    assert is_metadata_line("来源: 某某 " * 15)  # fifteen facts in a row: still one byline
