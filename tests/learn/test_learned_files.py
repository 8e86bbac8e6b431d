"""Learned rule files a person can review and diff: listed lines, short lines, telling ids, each
rule's own keep examples, support, stable bytes, and no byline taken from a sidebar or widget."""
from __future__ import annotations

import difflib
import os
import random
import re
import subprocess
import sys
from pathlib import Path

from test_learn import make_site, paragraph

from cleaner.learn import LearnOptions, learn_site, learned_rule_file, render_rule_file
from cleaner.learn.writer import MAX_LINE, key_value
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _learn(pages, bundled, **options) -> str:
    return render_rule_file(learn_site(pages, "example.com", base=bundled, options=LearnOptions(**options)))


def test_repeated_lines_are_listed_one_per_entry(bundled):
    learned = learn_site(make_site(10), "example.com", base=bundled)
    listed = {p.rule_id: p.params["lines"] for p in learned.proposals if "lines" in p.params}
    # In the order of their text: one more page changes supports, never the order.
    assert listed["header-nav"] == sorted(["新闻 | 财经 | 体育 | 娱乐 | 科技 | 汽车", "手机版", "登录 注册", "示例网首页"])
    text = render_rule_file(learned)
    assert "      - '登录 注册'\n" in text and "(?:" not in "".join(listed["header-nav"])


def test_no_line_of_a_learned_file_is_over_200_characters(bundled):
    pages = [(name, text.replace("字号：大 中 小", "字号：大 中 小\n\n" + "很长的栏目介绍文字" * 30))
             for name, text in make_site(8, seed=3)]
    text = _learn(pages, bundled)
    assert max(len(line) for line in text.splitlines()) <= MAX_LINE
    assert "tool-bar" in text  # its generic pattern is long: written over several lines
    rules = learned_rule_file(learn_site(pages, "example.com", base=bundled)).rules
    assert {r.local_id for r in rules} >= {"tool-bar", "header-nav"}


def test_a_long_value_wraps_into_lines_yaml_joins_back():
    value = "^\\s*(?:" + "|".join(f"选项{i} 第{i}项" for i in range(60)) + ")\\s*$"
    lines = key_value("    ", "pattern", value)
    assert len(lines) > 1 and max(len(line) for line in lines) <= MAX_LINE
    assert yaml.safe_load("\n".join(lines).strip())["pattern"] == value


def test_ids_say_what_the_rules_remove(bundled):
    learned = learn_site(make_site(10), "example.com", base=bundled)
    ids = [p.rule_id for p in learned.proposals]
    assert {"byline", "header-cut", "footer-cut", "tool-bar", "header-nav", "footer-copyright"} <= set(ids), ids
    assert not [i for i in ids if re.search(r"repeated-line|element-\d|-lines\d*$", i)], ids


def test_each_rule_keeps_the_article_lines_nearest_to_where_it_acted(bundled):
    pages = make_site(10)
    learned = learn_site(pages, "example.com", base=bundled)
    keeps = {p.rule_id: p.keep for p in learned.proposals if p.keep}
    assert keeps["header-cut"] != keeps["footer-cut"], keeps  # the title below the header, prose above the footer
    titles = {text.split("\n\n")[6] for _name, text in pages}
    assert set(keeps["header-cut"]) <= titles
    assert not set(keeps["footer-cut"]) & titles


def test_a_line_of_a_single_page_never_becomes_a_rule(bundled):
    # 18 pages; "7" stands alone inside the article of one of them (a page number, a vote count).
    pages = make_site(18, seed=2)
    name, text = pages[5]
    pages[5] = (name, text.replace("【我要评论】", "7\n\n【我要评论】"))
    learned = learn_site(pages, "example.com", base=bundled)
    for p in learned.proposals:
        assert p.params.get("pattern") != r"^\s*\d+\s*$", p.rule_id
        assert p.support >= 2 or p.generic, (p.rule_id, p.support)


def test_min_confidence_leaves_out_rules_on_fewer_pages(bundled):
    pages = make_site(10, seed=6)
    for i in (1, 2, 3):  # a line of three pages in ten: confidence 0.3
        name, text = pages[i]
        pages[i] = (name, text.replace("【我要评论】", "专题：城市交通调查\n\n【我要评论】"))
    loose = learn_site(pages, "example.com", base=bundled, options=LearnOptions(min_share=0.2))
    strict = learn_site(pages, "example.com", base=bundled, options=LearnOptions(min_share=0.2, min_confidence=0.5))
    assert any(p.confidence < 0.5 for p in loose.proposals)
    assert all(p.confidence >= 0.5 for p in strict.proposals)
    assert any("confidence" in note for note in strict.notes)


def test_relearning_the_same_pages_gives_the_same_bytes(bundled):
    pages = make_site(9, seed=8)
    first = _learn(pages, bundled)
    assert _learn(list(reversed(pages)), bundled) == first  # whatever order the pages come in
    # ... and whatever the hash seed (sets of strings iterate in its order).
    script = ("import sys; sys.path.insert(0, 'tests/learn'); from test_learn import make_site, paragraph; "
              "from cleaner.learn import learn_site, render_rule_file; "
              "sys.stdout.write(render_rule_file(learn_site(make_site(9, seed=8), 'example.com')))")
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert outputs == {first}


def test_one_more_page_gives_a_small_diff(bundled):
    pages = make_site(12, seed=4)
    before, after = _learn(pages[:11], bundled), _learn(pages, bundled)
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) <= len(before.splitlines()) // 4, "\n".join(changed)


SIDEBAR = "\n\n".join(f"04/11 0{k}:3{k}" for k in range(6))  # another list's timestamps
WIDGET = "來源：360新闻热搜词\n\n來源：百度新闻热搜词"  # a widget's entries, labelled as the byline is


def test_no_date_from_sidebar_timestamps_nor_source_from_a_widget(bundled):
    pages = []
    for i, (name, text) in enumerate(make_site(10, seed=7)):
        rng = random.Random(i)
        # A box of other articles' times and a "hot searches" widget amid the article's paragraphs,
        # as scraped text often has them.
        before, after = "\n\n".join(paragraph(rng) for _ in range(3)), "\n\n".join(paragraph(rng) for _ in range(3))
        boxed = f"字号：大 中 小\n\n{before}\n\n{SIDEBAR}\n\n{WIDGET}\n\n{after}"
        pages.append((name, text.replace("字号：大 中 小", boxed)))
    learned = learn_site(pages, "example.com", base=bundled, options=LearnOptions(frame_lines=False))
    rules = learned_rule_file(learned).rules
    captures = [r for r in rules if r.kind == "capture"]
    for rule in captures:
        for text, fields in rule.examples.capture:
            assert "04/11" not in text and "热搜词" not in fields.get("source", ""), (rule.id, text, fields)
        assert not rule.params["pattern"].search("04/11 02:32"), rule.id
        assert not rule.params["pattern"].search("來源:360新闻热搜词"), rule.id
    # The byline under the title is still learned.
    assert any("source" in r.params["pattern"].group_names for r in captures)
