"""`cleaner check` and `cleaner fix`: findings, exit codes, --diff, round trips and refusals."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_SITE as SITE
from conftest import ROOT, SEEDS

from cleaner import clean_text
from cleaner.cli.findings import message
from cleaner.cli.main import main
from cleaner.io.rewrite import dominant_newline, loss_share
from cleaner.result import Removal

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"
GOLDEN = ROOT / "tests" / "test_seeds_golden" / "000_a376c9bc92ac9e28.clean.txt"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def page(tmp_path):
    """A copy of the dirty seed page."""
    path = tmp_path / "page.txt"
    shutil.copyfile(SEED, path)
    return path


@pytest.fixture
def site_rules(tmp_path):
    """A rule folder with one site whose pages say EXAMPLE-SITE and whose BANNER lines go."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "example.test.yaml").write_text(SITE, encoding="utf-8")
    return folder


def test_check_clean_golden_exit_0_and_silent():
    r = run("check", GOLDEN)
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")


def test_check_seed_exit_1_with_clickable_findings(page):
    r = run("check", page)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0] == f'{page}:1:1: cri.cn/fororder-images removed "中国农业银行2_fororder_农行 wKgAZV7OJmWASlfCAAF…"'
    assert f'{page}:5:1: zh-news/breadcrumb removed line "首页 >> 江苏首页 >> 平安江苏 >> 正文"' in lines
    assert len(lines) == 15
    assert "Found 15 findings in 1 file" in r.stderr


def test_check_json(page):
    r = run("check", "--format", "json", page)
    records = json.loads(r.stdout)
    assert r.exit_code == 1 and len(records) == 15
    assert records[4] == {"path": str(page), "line": 5, "column": 1, "rule": "zh-news/breadcrumb",
                          "kind": "capture", "message": 'removed line "首页 >> 江苏首页 >> 平安江苏 >> 正文"',
                          "text": "首页\u00a0>> 江苏首页\u00a0>> 平安江苏\u00a0>> 正文"}


def test_check_json_clean_is_empty_list():
    r = run("check", "--format", "json", GOLDEN)
    assert r.exit_code == 0 and json.loads(r.stdout) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git applies the diff")
def test_diff_applied_gives_what_fix_writes(page, monkeypatch):
    monkeypatch.chdir(page.parent)
    r = run("check", "--diff", "page.txt")
    assert r.exit_code == 1
    assert r.stdout.startswith("--- page.txt\n+++ page.txt\n@@ -1,")
    assert "\n-首页\u00a0>> 江苏首页" in r.stdout and "\n+宿迁“三位一体”打防网络犯罪" not in r.stdout
    (page.parent / "fix.diff").write_text(r.stdout, encoding="utf-8")
    subprocess.run(["git", "apply", "-p0", "fix.diff"], cwd=page.parent, check=True)
    assert page.read_bytes() == GOLDEN.read_bytes()


def test_diff_marks_a_missing_final_newline(tmp_path, site_rules):
    path = tmp_path / "p.txt"
    path.write_text("BANNER EXAMPLE-SITE\nThe article, at length.", encoding="utf-8")
    r = run("check", "--diff", "--no-default-rules", "--rules", site_rules, path)
    assert "-The article, at length.\n\\ No newline at end of file\n+The article, at length.\n" in r.stdout


def test_usage_errors_exit_2(page, tmp_path):
    assert run("check", "--diff", "--format", "json", page).exit_code == 2
    assert run("check", tmp_path / "missing.txt").exit_code == 2
    assert run("check").exit_code == 2


def test_broken_rule_file_exit_2_and_nothing_written(page, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("site: [\n", encoding="utf-8")
    for command in ("check", "fix"):
        r = run(command, "--rules", bad, page)
        assert r.exit_code == 2 and "x.yaml:" in r.stderr and "invalid YAML" in r.stderr
    assert page.read_bytes() == SEED.read_bytes()


def test_fix_rewrites_to_the_golden_text_then_check_passes(page):
    r = run("fix", page)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"{page}: fixed (15 removals)\n"
    assert page.read_bytes() == GOLDEN.read_bytes()
    assert run("check", page).exit_code == 0
    again = run("fix", page)
    assert (again.exit_code, again.stdout) == (0, "")


def test_fix_exit_non_zero_on_fix(page):
    assert run("fix", "--exit-non-zero-on-fix", page).exit_code == 1
    assert run("fix", "--exit-non-zero-on-fix", page).exit_code == 0  # nothing left to fix


def test_check_and_fix_agree_on_the_golden_clean_page(tmp_path):
    path = tmp_path / "clean.txt"
    shutil.copyfile(GOLDEN, path)
    before = path.stat().st_mtime_ns
    assert run("check", path).exit_code == 0
    assert run("fix", path).exit_code == 0
    assert path.read_bytes() == GOLDEN.read_bytes() and path.stat().st_mtime_ns == before


def test_whitespace_alone_is_not_furniture(tmp_path):
    path = tmp_path / "ws.txt"
    text = "  A title\n\n\n\n\u3000\u3000A paragraph with trailing space.   \r\n"
    path.write_bytes(text.encode("utf-8"))
    assert run("check", path).exit_code == 0
    assert run("fix", path).exit_code == 0
    assert path.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize("encoding, newline", [
    ("gbk", "\r\n"), ("gbk", "\n"), ("utf-8-sig", "\r\n"), ("utf-16", "\n"), ("utf-8", "\r"),
], ids=["gbk-crlf", "gbk-lf", "utf8bom-crlf", "utf16bom-lf", "utf8-cr"])
def test_fix_keeps_encoding_bom_and_line_endings(tmp_path, bundled, encoding, newline):
    # GBK has no NBSP or EM SPACE; U+3000 (which it has) reads as a space to the rules all the same.
    text = SEED.read_text(encoding="utf-8").replace("\u00a0", "\u3000").replace("\u2003", "\u3000")
    path = tmp_path / "page.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    r = run("fix", path)
    assert r.exit_code == 0, r.stderr
    clean = clean_text(text, bundled).text
    assert "宿迁“三位一体”打防网络犯罪\n\n" in clean and "_fororder_" not in clean
    assert path.read_bytes() == clean.replace("\n", newline).encode(encoding)


def test_fix_keeps_the_dominant_line_ending_of_a_mixed_file(tmp_path):
    path = tmp_path / "page.txt"
    lines = SEED.read_text(encoding="utf-8").split("\n")
    path.write_bytes(("\r\n".join(lines[:-3]) + "\n" + "\n".join(lines[-3:])).encode("utf-8"))
    run("fix", path)
    assert path.read_bytes() == GOLDEN.read_bytes().replace(b"\n", b"\r\n")


def test_dominant_newline():
    assert dominant_newline("a\r\nb\r\nc\n") == "\r\n"
    assert dominant_newline("a\nb\r\n") == "\n"  # a tie goes to \n
    assert dominant_newline("no break") == "\n"
    assert dominant_newline("a\rb\rc\n") == "\r"


def test_refuses_to_empty_a_file_unless_forced(tmp_path, site_rules):
    path = tmp_path / "p.txt"
    path.write_text("BANNER EXAMPLE-SITE\nBANNER again\n", encoding="utf-8")
    r = run("fix", "--no-default-rules", "--rules", site_rules, path)
    assert r.exit_code == 1
    assert f"{path}: not fixed: fixing would leave the file empty (--force writes it anyway)" in r.stderr
    assert path.read_text(encoding="utf-8") == "BANNER EXAMPLE-SITE\nBANNER again\n"
    assert run("fix", "--force", "--no-default-rules", "--rules", site_rules, path).exit_code == 0
    assert path.read_bytes() == b""


def test_refuses_to_remove_more_than_max_loss(tmp_path, site_rules):
    path = tmp_path / "p.txt"
    text = "BANNER EXAMPLE-SITE " + "x" * 60 + "\nA short article.\n"
    path.write_text(text, encoding="utf-8")
    r = run("fix", "--no-default-rules", "--rules", site_rules, path)
    assert r.exit_code == 1
    assert "not fixed: fixing would remove 85% of its text, over the 50% limit" in r.stderr
    assert path.read_text(encoding="utf-8") == text
    assert run("fix", "--max-loss", "0.9", "--no-default-rules", "--rules", site_rules, path).exit_code == 0
    assert path.read_text(encoding="utf-8") == "A short article.\n"


def test_loss_share_ignores_whitespace():
    assert loss_share("a  b\n\n\ncd", "ab\n\ncd") == 0
    assert loss_share("abcd", "ab") == 0.5
    assert loss_share("   ", "") == 0


def test_refuses_a_file_with_undecodable_bytes_even_forced(page):
    data = SEED.read_bytes().replace("全链条".encode(), b"\xff\xfe" + "全链条".encode(), 1)
    page.write_bytes(data)
    assert run("check", page).exit_code == 1  # the furniture is still reported
    r = run("fix", "--force", page)
    assert r.exit_code == 1
    assert "not fixed: 2 bytes could not be decoded as utf-8; rewriting the file would corrupt them" in r.stderr
    assert page.read_bytes() == data


def test_refuses_a_file_in_several_encodings(page):
    data = SEED.read_bytes() + "\n另一来源的段落，编码不同，这一行是用国标码写的。\n".encode("gbk")
    page.write_bytes(data)
    assert run("check", page).exit_code == 1
    r = run("fix", "--force", page)
    assert r.exit_code == 1 and "its lines are in several encodings (utf-8, gb18030)" in r.stderr
    assert page.read_bytes() == data


def test_refuses_a_compressed_file(tmp_path):
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(SEED.read_bytes()))
    assert run("check", path).exit_code == 1
    r = run("fix", path)
    assert r.exit_code == 1 and "not fixed: a gzip-compressed file" in r.stderr


def test_keep_marker_protects_a_line(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("正文\n", "正文 cleaner: keep\n", 1), encoding="utf-8")
    r = run("check", path)
    assert r.exit_code == 1 and f"{path}:5:" not in r.stdout
    run("fix", path)
    assert "平安江苏\u00a0>> 正文 cleaner: keep" in path.read_text(encoding="utf-8")


def test_skip_file_marker(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n<!-- cleaner: skip-file -->\n", encoding="utf-8")
    before = path.read_bytes()
    assert run("check", path).exit_code == 0
    assert run("fix", path).exit_code == 0 and path.read_bytes() == before


def test_html_page_is_skipped_with_a_note(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<!doctype html><html><body><div class='nav'>首页 >> 正文</div><p>Text</p></body></html>",
                    encoding="utf-8")
    r = run("fix", path)
    assert r.exit_code == 0 and "skipped: an HTML page" in r.stderr
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_folder_walk_takes_txt_pages_only(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copyfile(SEED, tmp_path / "a" / "b" / "page.txt")
    shutil.copyfile(SEED, tmp_path / "a" / "notes.md")
    shutil.copyfile(SEED, tmp_path / "a" / ".hidden.txt")
    r = run("check", tmp_path / "a")
    assert r.exit_code == 1
    assert {line.split(":")[0] for line in r.stdout.splitlines()} == {str(tmp_path / "a" / "b" / "page.txt")}


def test_unreadable_input_exit_1(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    r = run("check", path, GOLDEN)
    assert r.exit_code == 1 and f"{path}: error: binary file" in r.stderr


def test_message_shortens_and_quotes():
    assert message(Removal("r", 1, "a  \"b\"", "drop-line")) == 'removed line "a \\"b\\""'
    assert message(Removal("r", 1, "x" * 60, "strip-span", column=3)) == f'removed "{"x" * 39}…"'
    assert message(Removal("r", 1, "old", "replace", column=1, replacement="new")) == 'replaced "old" with "new"'


def test_text_path_imports_no_html_stack():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "cleaner.cli.main", "check", str(GOLDEN)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines()}
    assert not imported & {"lxml", "trafilatura", "selectolax", "charset_normalizer"}


def test_fix_leaves_mojibake_as_it_is(tmp_path):
    # Reading repairs double-encoded UTF-8, but fix must change only what rules remove.
    text = "中国新闻网北京一月十二日电，记者从市教育局获悉，今年全市将新建二十所学校。\n责任编辑：张三\n"
    stored = "".join(chr(b) for b in text.encode("utf-8")).encode("utf-8")
    path = tmp_path / "mojibake.txt"
    path.write_bytes(stored)
    run("fix", path)
    assert path.read_bytes() == stored


def test_json_lines_files_are_skipped_with_a_note(tmp_path):
    path = tmp_path / "pages.jsonl"
    data = '{"text": "分享到：微信\\n正文"}\n'.encode()
    path.write_bytes(data)
    for command in ("check", "fix"):
        r = run(command, path)
        assert r.exit_code == 0 and f"{path}: skipped: JSON Lines records" in r.stderr
    assert path.read_bytes() == data
