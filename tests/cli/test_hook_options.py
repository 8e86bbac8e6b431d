"""What ruff users expect of check and fix: GitHub annotations, statistics, fix --diff, switching rules
off (--disable, `disable`, `cleaner: keep[rule-id]`), notes on what main content would take, and
fix --metadata."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_SITE, ROOT, SEEDS

import cleaner
from cleaner.cli.findings import github_command
from cleaner.cli.inspection import PARALLEL_MIN_FILES
from cleaner.cli.main import main

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"
GOLDEN = ROOT / "tests" / "test_seeds_golden" / "000_a376c9bc92ac9e28.clean.txt"
ARTICLE = ("The council met on Monday to discuss the new budget, which includes funds for schools, roads, "
           "and the library, and members spoke at length about each of the items before the vote.")


def run(*args: object, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    shutil.copyfile(SEED, path)
    return path


@pytest.fixture
def site_rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "example.test.yaml").write_text(EXAMPLE_SITE, encoding="utf-8")
    return folder


# -- check --format github, --statistics --------------------------------------------------------------
def test_github_annotations(page, monkeypatch):
    monkeypatch.chdir(page.parent)
    r = run("check", "--format", "github", "page.txt")
    lines = r.stdout.splitlines()
    assert r.exit_code == 1 and len(lines) == 15
    assert lines[0] == ('::error file=page.txt,line=1,col=1::cri.cn/fororder-images removed '
                        '"中国农业银行2_fororder_农行 wKgAZV7OJmWASlfCAAF…"')
    assert lines[4] == '::error file=page.txt,line=5,col=1::zh-news/breadcrumb removed line "首页 >> 江苏首页 >> 平安江苏 >> 正文"'
    assert "Found 15 findings in 1 file" in r.stderr


def test_github_escapes_file_and_message(tmp_path, site_rules, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b:100%.txt").write_text("EXAMPLE-SITE\nBANNER 50% off, now\n" + ARTICLE + "\n", encoding="utf-8")
    r = run("check", "--format", "github", "--no-default-rules", "--rules", site_rules, "a,b:100%.txt")
    assert r.stdout == '::error file=a%2Cb%3A100%25.txt,line=2,col=1::example.test/banner removed line "BANNER 50%25 off, now"\n'
    assert github_command("warning", "a\r\nb: c, d", title="x:y,z") == "::warning title=x%3Ay%2Cz::a%0D%0Ab: c, d"


def test_statistics_counts_per_rule(page, tmp_path):
    second = tmp_path / "second.txt"
    shutil.copyfile(SEED, second)
    r = run("check", "--statistics", page, second)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "18  cri.cn/copyright-statement  in 2 files",
        " 8  cri.cn/fororder-images      in 2 files",
        " 2  zh-news/breadcrumb          in 2 files",
        " 2  zh-news/byline              in 2 files",
    ]
    records = json.loads(run("check", "--statistics", "--format", "json", page).stdout)
    assert records[0] == {"rule": "cri.cn/copyright-statement", "count": 9, "files": 1}
    assert sum(rec["count"] for rec in records) == 15
    assert run("check", "--statistics", "--format", "github", page).exit_code == 2
    assert run("check", "--statistics", GOLDEN).stdout == ""


# -- fix --diff ---------------------------------------------------------------------------------------
def test_fix_diff_writes_nothing_and_exits_1(page):
    r = run("fix", "--diff", page)
    assert r.exit_code == 1
    assert r.stdout == run("check", "--diff", page).stdout and r.stdout.startswith(f"--- {page}\n+++ {page}\n")
    assert "Would fix 1 file (15 removals)." in r.stderr
    assert page.read_bytes() == SEED.read_bytes()
    clean = run("fix", "--diff", GOLDEN)
    assert (clean.exit_code, clean.stdout) == (0, "")
    refused = run("fix", "--diff", "--max-loss", "0.1", page)  # what fix would refuse, --diff refuses
    assert refused.exit_code == 1 and refused.stdout == "" and f"{page}: not fixed: fixing would remove" in refused.stderr


# -- switching rules off ------------------------------------------------------------------------------
def test_disable_one_rule_on_every_command(page, tmp_path):
    off = ("--disable", "zh-news/breadcrumb")
    r = run("check", *off, page)
    assert r.exit_code == 1 and "zh-news/breadcrumb" not in r.stdout and "Found 14 findings" in r.stderr
    assert "首页\u00a0>> 江苏首页" in run("clean", *off, page).stdout
    assert "首页\u00a0>> 江苏首页" not in run("clean", page).stdout
    assert "zh-news/breadcrumb" not in run("explain", *off, page).stdout
    assert run("fix", *off, page).exit_code == 0
    assert "首页\u00a0>> 江苏首页" in page.read_text(encoding="utf-8")


def test_disable_a_whole_file_by_name_and_on_workers(page, tmp_path):
    r = run("check", "--disable", "zh-news", "--disable", "cri.cn/copyright-statement", page)
    assert {line.split()[1] for line in r.stdout.splitlines()} == {"cri.cn/fororder-images"}
    out = tmp_path / "out"
    cleaned = run("clean", "-j", "2", "--disable", "zh-news", page, SEED, "-o", out)
    assert cleaned.exit_code == 0, cleaned.stderr
    assert all("首页\u00a0>> 江苏首页" in p.read_text(encoding="utf-8") for p in out.rglob("*.txt"))


def test_disable_unknown_ids_is_a_usage_error_naming_them(page):
    for command in ("check", "fix", "clean", "explain"):
        r = run(command, "--disable", "zh-news/share-bar", "--disable", "zh-news/shre-bar", "--disable", "nope", page)
        assert r.exit_code == 2, command
        assert "no such rule or rule file: zh-news/shre-bar, nope" in r.stderr
    assert page.read_bytes() == SEED.read_bytes()


def test_disable_in_tool_cleaner(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\ndisable = ["zh-news/breadcrumb", "cri.cn"]\n', encoding="utf-8")
    r = run("check", page)
    assert {line.split()[1] for line in r.stdout.splitlines()} == {"zh-news/byline"}
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\ndisable = ["zh-news/nope"]\n', encoding="utf-8")
    r = run("check", page)
    assert r.exit_code == 2
    assert r.stderr.startswith('error: pyproject.toml: "disable": no such rule or rule file: zh-news/nope (')
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\ndisable = "zh-news"\n', encoding="utf-8")
    assert '"disable" must be a list of rule ids or rule file names' in run("check", page).stderr


def test_keep_marker_names_the_rules_it_keeps_a_line_from(tmp_path, site_rules):
    path = tmp_path / "p.txt"
    path.write_text("EXAMPLE-SITE\nBANNER one  <!-- cleaner: keep[example.test/banner] -->\n"
                    "BANNER two  <!-- cleaner: keep[zh-news/share-bar] -->\nBANNER three  # cleaner: keep[example.test]\n"
                    "BANNER four  # cleaner: keep\n" + ARTICLE + "\n", encoding="utf-8")
    r = run("check", "--no-default-rules", "--rules", site_rules, path)
    assert [line.split(": ", 1)[0] for line in r.stdout.splitlines()] == [f"{path}:3:1"]
    assert run("fix", "--no-default-rules", "--rules", site_rules, path).exit_code == 0
    assert "BANNER two" not in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").count("cleaner: keep") == 3


def test_keep_marker_naming_no_rule_is_warned(tmp_path, site_rules):
    path = tmp_path / "p.txt"
    path.write_text(f"EXAMPLE-SITE\n{ARTICLE}\nBANNER x # cleaner: keep[example.test/baner, example.test, text/main-content]\n",
                    encoding="utf-8")
    r = run("check", "--no-default-rules", "--rules", site_rules, path)
    assert (r.exit_code, r.stdout) == (0, "")  # a warning, not a finding: the line is kept from example.test
    assert r.stderr == f"{path}:3: warning: `cleaner: keep[…]` names no rule: example.test/baner\n"
    gh = run("check", "--format", "github", "--no-default-rules", "--rules", site_rules, path)
    assert gh.stdout == f"::warning file={path},line=3::`cleaner: keep[…]` names no rule: example.test/baner\n"


def test_library_disable_and_keep():
    text = "标题\n分享到：微信 微博\n正文，记者从现场获悉有关情况并进行了采访。\n"
    assert [r.rule for r in cleaner.clean(text).removals] == ["zh-news/share-bar"]
    assert cleaner.clean(text, cleaner.load_rules(disable=["zh-news/share-bar"])).removals == ()
    kept = text.replace("微博\n", "微博 cleaner: keep[zh-news/share-bar]\n")
    assert cleaner.clean(kept).removals == ()
    with pytest.raises(ValueError, match="zh-news/nope"):
        cleaner.load_rules(disable=["zh-news/nope"])


# -- check says what main content would take ----------------------------------------------------------
def test_check_notes_a_page_main_content_would_cut_much_more(tmp_path):
    menus = "\n".join(f"Menu item {n}" for n in range(30))
    path = tmp_path / "menus.txt"
    path.write_text(f"A headline\n{menus}\n" + "\n".join([ARTICLE] * 4) + "\n", encoding="utf-8")
    r = run("check", path)
    assert r.exit_code == 0 and r.stdout == ""  # no rule finds furniture: check passes, by design
    assert (f"{path}: note: `cleaner clean` would also remove 30 lines by main-content selection "
            "(menus, link lists); check and fix apply the rules only") in r.stderr
    assert "1 file would lose more to `cleaner clean` than to the rules" in r.stderr
    gh = run("check", "--format", "github", path)
    assert gh.stdout.startswith(f"::notice file={path}::`cleaner clean` would also remove 30 lines")
    cleaned = run("clean", path).stdout
    assert len([line for line in cleaned.splitlines() if line]) == 35 - 30  # clean takes the 30 lines the note said
    path.write_text(path.read_text(encoding="utf-8").replace("Menu item 3\n", "Menu item 3 cleaner: keep[text/main-content]\n"),
                    encoding="utf-8")
    assert "Menu item 3 cleaner: keep" in run("clean", path).stdout  # a line kept from the selection
    few = tmp_path / "few.txt"
    few.write_text("A headline\nMenu\nHome\n" + "\n".join([ARTICLE] * 4) + "\n", encoding="utf-8")
    assert run("check", few).stderr == ""  # a line or two: no note
    assert run("check", GOLDEN).stderr == ""


# -- fix --metadata -----------------------------------------------------------------------------------
def test_fix_metadata_front_matter_is_idempotent(page):
    r = run("fix", "--metadata", "front-matter", page)
    assert r.exit_code == 0, r.stderr
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\nbreadcrumb: 首页 › 江苏首页 › 平安江苏\nchief_editor: 程茜\n"
                           "date: '2018-09-10T15:17:31'\ndate_raw: '2018-09-10 15:17:31'\neditor: 罗毅\n"
                           "source: 中央广电总台国际在线\n---\n")
    assert text.split("---\n", 2)[2] == GOLDEN.read_text(encoding="utf-8")
    before = page.read_bytes()
    again = run("fix", "--metadata", "front-matter", page)
    assert (again.exit_code, again.stdout) == (0, "") and page.read_bytes() == before
    assert run("check", page).exit_code == 0  # rules never see the front matter


def test_fix_metadata_front_matter_keeps_what_is_there(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("---\ntitle: Mine\nsource: kept as it was\n---\n宿迁“三位一体”打防网络犯罪\n"
                    "2018-09-10 15:17:31 来源:中央广电总台国际在线 编辑:罗毅\n国际在线江苏频道消息：宿迁公安局在“净网2018”行动中立足于追源头、催平台、断链条，打出了一套精准打击、整治乱点、立体宣传的组合拳，成效显著。\n",
                    encoding="utf-8")
    r = run("check", path)
    assert r.stdout.startswith(f"{path}:6:1: zh-news/byline")  # lines counted in the file, front matter included
    assert run("fix", "--metadata", "front-matter", path).exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "---\ntitle: Mine\nsource: kept as it was\ndate: '2018-09-10T15:17:31'\ndate_raw: '2018-09-10 15:17:31'\n"
        "editor: 罗毅\n---\n"
        "宿迁“三位一体”打防网络犯罪\n\n国际在线江苏频道消息：宿迁公安局在“净网2018”行动中立足于追源头、催平台、断链条，打出了一套精准打击、整治乱点、立体宣传的组合拳，成效显著。\n")


def test_fix_metadata_front_matter_does_not_hide_a_loss(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("2018-09-10 15:17:31 来源:中央广电总台国际在线 编辑:罗毅\n短\n", encoding="utf-8")
    r = run("fix", "--metadata", "front-matter", path)
    assert r.exit_code == 1 and "not fixed: fixing would remove" in r.stderr  # the front matter is not text


def test_fix_metadata_sidecar(page):
    sidecar = page.parent / "page.txt.meta.json"
    diff = run("fix", "--diff", "--metadata", "sidecar", page)
    assert diff.exit_code == 1 and "--- /dev/null\n+++ " + str(sidecar) in diff.stdout and not sidecar.exists()
    assert run("fix", "--metadata", "sidecar", page).exit_code == 0
    assert page.read_bytes() == GOLDEN.read_bytes()
    assert json.loads(sidecar.read_text(encoding="utf-8")) == {
        "breadcrumb": "首页 › 江苏首页 › 平安江苏", "date": "2018-09-10T15:17:31", "date_raw": "2018-09-10 15:17:31",
        "source": "中央广电总台国际在线",
        "editor": "罗毅", "chief_editor": "程茜"}
    assert sorted(p.name for p in page.parent.iterdir()) == ["page.txt", "page.txt.meta.json"]  # no temp file left
    before = sidecar.read_bytes()
    assert run("fix", "--metadata", "sidecar", page).stdout == "" and sidecar.read_bytes() == before


def test_fix_metadata_sidecar_not_ours_is_refused(page):
    sidecar = page.parent / "page.txt.meta.json"
    sidecar.write_text("[1, 2]", encoding="utf-8")
    r = run("fix", "--metadata", "sidecar", page)
    assert r.exit_code == 1 and "page.txt.meta.json is not a JSON object; it is left as it is" in r.stderr
    assert page.read_bytes() == SEED.read_bytes() and sidecar.read_text(encoding="utf-8") == "[1, 2]"


# -- many files ---------------------------------------------------------------------------------------
def test_many_files_on_workers_report_as_one(tmp_path):
    for n in range(PARALLEL_MIN_FILES):
        shutil.copyfile(SEED if n % 13 == 0 else GOLDEN, tmp_path / f"p{n:02d}.txt")
    serial = run("check", "-j", "1", tmp_path)
    parallel = run("check", "-j", "2", tmp_path)
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr
    assert parallel.stderr.count("Found ") == 1 and "in 5 files" in parallel.stderr
    assert run("check", "--diff", "-j", "2", tmp_path).stdout == run("check", "--diff", "-j", "1", tmp_path).stdout
    assert run("fix", "-j", "2", tmp_path).exit_code == 0
    assert all(p.read_bytes() == GOLDEN.read_bytes() for p in tmp_path.glob("*.txt"))
