"""`cleaner explain` for people, through the CLI: --collapse, --kept, --color, the summary per rule."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from helpers import SEEDS

from cleaner.cli.main import main

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"  # cri.cn: lines 35-51 go to its copyright statement
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def explain(*args: str, env: dict[str, str] | None = None, color: bool = False):
    r = CliRunner().invoke(main, ["explain", *map(str, args)], env=env, color=color, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout


def test_collapse_folds_a_run_of_lines_removed_by_one_rule():
    full, folded = explain(SEED), explain(SEED, "--collapse")
    assert "lines 35–51 removed by cri.cn/copyright-statement  (9 lines)" in folded
    assert "国际在线版权与信息产品内容销售的声明" in full and "国际在线版权与信息产品内容销售的声明" not in folded
    # Short runs and kept lines stay as they are.
    assert " 9 - 2018-09-10 15:17:31" in folded and "宿迁“三位一体”打防网络犯罪" in folded
    assert len(folded.splitlines()) == len(full.splitlines()) - 16


def test_collapse_leaves_runs_of_different_rules_apart(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("标题\n分享到：微信 微博\n分享到：微信 QQ\n正文，记者从现场获悉有关情况并进行了采访，内容详实。\n", encoding="utf-8")
    out = explain(page, "--collapse", "--no-main-content")
    assert "removed by" not in out  # two lines of one rule are no run worth folding
    assert out.count("[zh-news/share-bar]") == 2


def test_kept_shows_only_what_stays_with_line_numbers():
    out = explain(SEED, "--kept")
    body = [line for line in out.splitlines() if not line.startswith("#")]
    numbers = [int(line.split()[0]) for line in body]
    assert numbers[0] == 7 and 35 not in numbers and 9 not in numbers and numbers == sorted(numbers)
    assert not [line for line in body if "fororder" in line or "[-" in line or "[zh-news" in line]
    assert all(line.split(maxsplit=1)[1:] for line in body)  # no blank lines


def test_summary_per_rule_ends_the_output():
    out = explain(SEED).splitlines()
    assert out[-5] == "# summary: 15 removals by 4 rules; 17 of 28 lines with text kept"
    assert out[-4:] == ["#   9  cri.cn/copyright-statement", "#   4  cri.cn/fororder-images",
                        "#   1  zh-news/breadcrumb", "#   1  zh-news/byline"]


@pytest.mark.parametrize(("flag", "env", "colored"), [
    ("always", {}, True),
    ("never", {"FORCE_COLOR": "1"}, False),
    ("auto", {}, False),  # not a terminal
    ("auto", {"FORCE_COLOR": "1"}, True),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins, as in CPython
    ("always", {"NO_COLOR": "1"}, True),  # an explicit flag wins over the environment
])
def test_color_follows_the_flag_then_no_color_then_force_color(flag, env, colored):
    env = {"NO_COLOR": "", "FORCE_COLOR": "", **env}
    out = explain(SEED, "--color", flag, env=env)
    assert bool(ANSI.search(out)) is colored


def test_color_auto_on_a_terminal_honours_no_color():
    assert ANSI.search(explain(SEED, env={"NO_COLOR": "", "FORCE_COLOR": ""}, color=True))  # click's stand-in for a tty
    assert not ANSI.search(explain(SEED, env={"NO_COLOR": "1", "FORCE_COLOR": ""}, color=True))
