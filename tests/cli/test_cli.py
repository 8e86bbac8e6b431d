"""The command line, through click's runner and through a real subprocess."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from cleaner.cli.main import main

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"
GOLDEN = ROOT / "tests" / "test_seeds_golden" / "000_a376c9bc92ac9e28.clean.txt"


def invoke(*args: str, **kw):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)


def test_clean_file_to_stdout_is_the_golden_text():
    r = invoke("clean", "-q", str(SEED))
    assert r.exit_code == 0
    assert r.stdout == GOLDEN.read_text(encoding="utf-8")


def test_clean_folder_mirrors_relative_paths(tmp_path):
    src = tmp_path / "in" / "a" / "b"
    src.mkdir(parents=True)
    (src / "page.txt").write_bytes(SEED.read_bytes())
    r = invoke("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "out" / "a" / "b" / "page.txt").read_bytes() == GOLDEN.read_bytes()
    assert "cleaned 1 file" in r.stderr and "cri.cn/fororder-images" in r.stderr


def test_inputs_that_want_one_output_name_both_get_written(tmp_path):
    # a.html and a.txt both clean to a.txt: one used to overwrite the other without a word.
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(SEED.read_bytes())
    (src / "a.html").write_text("<html><head><title>Other page</title></head><body><article><p>"
                                + "A different article that has enough words to be the main content. " * 3
                                + "</p></article></body></html>", encoding="utf-8")
    r = invoke("clean", str(src), "-o", str(tmp_path / "out"))
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "out" / "a.txt").read_bytes() == GOLDEN.read_bytes()
    assert "A different article" in (tmp_path / "out" / "a.html.txt").read_text(encoding="utf-8")
    assert "a.html: note: another input is also written as a.txt; this one goes to a.html.txt" in r.stderr


def test_json_has_text_metadata_and_removals():
    r = invoke("clean", "-q", "--format", "json", "--removed", "full", str(SEED))
    doc = json.loads(r.stdout)
    assert list(doc) == ["path", "text", "cleaner_site", "cleaner_metadata", "cleaner_removed"]
    assert doc["cleaner_metadata"]["editor"] == "罗毅" and doc["cleaner_site"] == "cri.cn"
    assert doc["cleaner_removed"][0] == {
        "rule": "cri.cn/fororder-images", "line": 1, "column": 1, "kind": "strip-span",
        "text": "中国农业银行2_fororder_农行 wKgAZV7OJmWASlfCAAFsz0eKZ8E583",
    }


def test_an_empty_field_prefix_is_refused_as_it_would_overwrite_a_records_own_metadata(tmp_path):
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"metadata": {"k": 1}, "text": "x"}) + "\n", encoding="utf-8")
    r = invoke("clean", "-q", "--field-prefix", "", str(records))
    assert r.exit_code == 2 and "--field-prefix" in r.output and "must not be empty" in r.output
    assert r.stdout.count("{") == 0  # refused before any record is written


@pytest.mark.parametrize("removed", ["none", "rules", "full"])
def test_field_prefix_and_removed_shape_pages_and_records_alike(tmp_path, removed):
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": 1, "metadata": {"k": 1}, "text": SEED.read_text(encoding="utf-8")},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    page = json.loads(invoke("clean", "-q", "--format", "json", "--field-prefix", "c_", "--removed", removed, str(SEED)).stdout)
    rec = json.loads(invoke("clean", "-q", "--field-prefix", "c_", "--removed", removed, str(records)).stdout)
    ours = ["c_site", "c_metadata"] + (["c_removed"] if removed != "none" else [])
    assert list(page) == ["path", "text", *ours] and list(rec) == ["id", "metadata", "text", *ours]
    assert {k: page[k] for k in ours} == {k: rec[k] for k in ours}  # one schema for pages and records
    assert rec["metadata"] == {"k": 1} and rec["c_site"] == "cri.cn"
    if removed == "rules":
        assert rec["c_removed"] == {"cri.cn/fororder-images": 4, "zh-news/breadcrumb": 1, "zh-news/byline": 1,
                                    "cri.cn/copyright-statement": 9}
    elif removed == "full":
        assert len(rec["c_removed"]) == 15 and rec["c_removed"][0]["rule"] == "cri.cn/fororder-images"


def test_jsonl_to_file(tmp_path):
    out = tmp_path / "out.jsonl"
    copy = tmp_path / "copy.txt"  # a path named twice is read once: two records need two files
    copy.write_bytes(SEED.read_bytes())
    r = invoke("clean", "-q", "--format", "jsonl", str(SEED), str(copy), "-o", str(out))
    assert r.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["cleaner_site"] == "cri.cn"


def test_stdin_dash():
    r = invoke("clean", "-q", "-", input=SEED.read_bytes())
    assert r.stdout == GOLDEN.read_text(encoding="utf-8")


def test_folder_with_gbk_binary_and_good_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    (folder / "gbk.txt").write_bytes("宿迁公安局破获网络犯罪案件\n\n分享到：微信 微博\n正文第二段。\n".encode("gbk"))
    (folder / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    r = invoke("clean", str(folder), "-o", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert f"{folder / 'image.bin'}: error: " in r.stderr
    assert (tmp_path / "out" / "good.txt").read_bytes() == GOLDEN.read_bytes()
    assert (tmp_path / "out" / "gbk.txt").read_text(encoding="utf-8") == "宿迁公安局破获网络犯罪案件\n\n正文第二段。\n"
    assert not (tmp_path / "out" / "image.txt").exists()


def test_big5_input_decoded(tmp_path):
    page = tmp_path / "big5.txt"
    page.write_bytes("臺北市政府今日宣布新措施\n\n上一篇：舊聞\n市民反應熱烈。\n".encode("big5"))
    r = invoke("clean", "-q", str(page))
    assert r.stdout == "臺北市政府今日宣布新措施\n\n市民反應熱烈。\n"


def test_missing_path_is_a_usage_error(tmp_path):
    r = CliRunner().invoke(main, ["clean", str(tmp_path / "nope")])
    assert r.exit_code == 2 and "no such file or folder" in r.stderr


def test_explain_marks_removals_with_rule_ids():
    r = invoke("explain", str(SEED))
    assert r.exit_code == 0
    assert "[cri.cn/fororder-images]" in r.stdout
    assert "[zh-news/byline]" in r.stdout and "editor=罗毅" in r.stdout
    kept = [l for l in r.stdout.splitlines() if "宿迁“三位一体”打防网络犯罪" in l]
    assert kept and kept[0].split()[1] != "-"


def test_explain_says_how_the_bytes_were_read(tmp_path):
    r = invoke("explain", str(SEED))
    assert "# read as: utf-8\n" in r.stdout
    body = SEED.read_text(encoding="utf-8")
    mojibake = tmp_path / "mojibake.txt"
    mojibake.write_bytes(body.encode("utf-8").decode("latin-1").encode("utf-8"))
    r = invoke("explain", str(mojibake))
    assert "# read as: utf-8; mojibake repaired (1 layer undone)" in r.stdout and "宿迁“三位一体”打防网络犯罪" in r.stdout
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(SEED.read_bytes() + "另一来源的段落，编码不同，这一行是用国标码写的。\n".encode("gbk"))
    assert "# read as: mixed (utf-8, gb18030, line by line)" in invoke("explain", str(mixed)).stdout


def test_rules_check_bundled_passes():
    r = invoke("rules", "check")
    assert r.exit_code == 0 and "0 problems" in r.stderr


def test_rules_check_broken_file_exit_2_with_location(tmp_path):
    bad = tmp_path / "bad.example.yaml"
    bad.write_text("site: bad.example\ndescription: d\nmatch: {hosts: [bad.example]}\nrules:\n"
                   "  - {id: x, kind: strip-span, description: d, stirp: y, pattern: z}\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["rules", "check", str(bad)])
    assert r.exit_code == 2
    assert ':5: unknown key "stirp" in rule "x"; expected one of:' in r.stderr
    assert str(bad.name) in r.stderr


def test_rules_check_failing_example_exit_2(tmp_path):
    f = tmp_path / "ex.example.yaml"
    f.write_text("site: ex.example\ndescription: d\nmatch: {hosts: [ex.example]}\nrules:\n"
                 "  - id: x\n    kind: drop-line\n    description: d\n    pattern: '^AD'\n"
                 "    examples: {remove: ['BD'], keep: ['AD here']}\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["rules", "check", str(f)])
    assert r.exit_code == 2
    assert "should remove 'BD'" in r.stderr and "should keep 'AD here'" in r.stderr


def test_user_rules_override_bundled_site(tmp_path):
    mine = tmp_path / "cri.cn.yaml"
    mine.write_text("site: cri.cn\ndescription: mine\nmatch: {fingerprints: ['_fororder_']}\nrules: []\n", encoding="utf-8")
    r = invoke("clean", "-q", "--rules", str(tmp_path), "--format", "json", str(SEED))
    doc = json.loads(r.stdout)
    assert doc["cleaner_site"] == "cri.cn" and "_fororder_" in doc["text"]


def test_bad_user_rule_file_reported_and_run_goes_on(tmp_path):
    (tmp_path / "x.yaml").write_text("site: [\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["clean", "-q", "--rules", str(tmp_path), str(SEED)])
    assert r.exit_code == 2
    assert "x.yaml:" in r.stderr and "invalid YAML" in r.stderr
    assert r.stdout == GOLDEN.read_text(encoding="utf-8")


def test_real_subprocess(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli.main", "clean", str(SEEDS), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (out / SEED.name).read_bytes() == GOLDEN.read_bytes()
    assert proc.stdout == ""


def test_readme_documents_every_rule_kind():
    from cleaner.kinds import KINDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"`{kind}`" in readme and f"`{kind}`" in docs, kind


def test_max_size_skips_and_reports(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("正文。\n" * 5000, encoding="utf-8")
    r = CliRunner().invoke(main, ["clean", "-q", "--max-size", "10kB", str(big), str(SEED)])
    assert r.exit_code == 1
    assert f"{big}: error: file is" in r.stderr and "10.0 kB limit" in r.stderr
    assert r.stdout == GOLDEN.read_text(encoding="utf-8")


def test_commands_are_imported_only_when_they_run():
    # `cleaner clean` must not pay start-up time for the other commands' imports.
    code = ("import sys\nfrom cleaner.cli.main import main\n"
            "main(['clean', '--help'], standalone_mode=False)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('cleaner.learn', 'cleaner.cli.'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "cleaner.learn" not in proc.stdout and "cleaner.cli.check" not in proc.stdout
    assert "'cleaner.cli.clean'" in proc.stdout
    listed = CliRunner().invoke(main, ["--help"]).output
    for name in ("check", "clean", "explain", "fix", "learn", "rules"):
        assert f"  {name} " in listed
        assert CliRunner().invoke(main, [name, "--help"]).exit_code == 0


def test_rules_check_counts_in_the_right_number(tmp_path):
    # "1 problems" read wrongly; one file with one rule and one example says each in the singular.
    (tmp_path / "one.yaml").write_text(
        "site: one.test\ndescription: One.\nmatch: {hosts: [one.test]}\nrules:\n"
        "  - {id: banner, kind: drop-line, description: Banner., pattern: '^BANNER',\n"
        "     examples: {remove: [BANNER x]}}\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["rules", "check", "--no-default-rules", str(tmp_path / "one.yaml")])
    assert r.exit_code == 0, r.output
    assert r.stderr.strip().splitlines()[-1] == "1 file, 1 rule, 1 example: 0 problems"


def test_every_option_says_what_it_does():
    # An option without help text leaves a newcomer guessing (`rules list --rules` had none).
    from click import Context, Group

    def commands(group: Group, ctx: Context):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            yield from commands(command, ctx) if isinstance(command, Group) else [command]

    ctx = Context(main)
    missing = [f"{command.name} {param.opts[0]}" for command in commands(main, ctx) for param in command.params
               if param.param_type_name == "option" and not param.help]
    assert missing == []
    assert "default: all cores" in CliRunner().invoke(main, ["clean", "--help"]).output


def test_html_with_a_stray_nul_is_cleaned_and_a_binary_refused(tmp_path):
    # A NUL byte inside a crawled page is damage, not a binary file: the page is cleaned.
    paragraph = "<p>" + "The council approved the new budget after a long debate on Tuesday. " * 4 + "</p>"
    page = ("<html><head><title>Budget approved</title></head><body><article>"
            + paragraph + "<p>Second\x00 paragraph of the story, " + "with more words to read. " * 5
            + "</p></article></body></html>").encode()
    (tmp_path / "page.html").write_bytes(page)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(300))
    r = invoke("clean", str(tmp_path / "page.html"), str(tmp_path / "photo.jpg"), "-o", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert f"{tmp_path / 'photo.jpg'}: error: binary file (JPEG image), not text" in r.stderr
    assert "page.html" not in r.stderr
    text = (tmp_path / "out" / "page.txt").read_text(encoding="utf-8")
    assert text.startswith("Budget approved\n\nThe council approved")
    assert "Second paragraph of the story" in text


def test_comments_flag_keeps_the_posts_marked_and_lists_them_in_json(tmp_path):
    page = SEEDS / "006_constructed_en_blog_comments.html"
    plain = invoke("clean", "-q", str(page))
    assert plain.exit_code == 0 and "[comment]" not in plain.stdout
    marked = invoke("clean", "-q", "--comments", str(page))
    assert marked.stdout.startswith(plain.stdout.rstrip("\n"))
    assert marked.stdout.count("\n[comment]\n") == 3
    as_json = json.loads(invoke("clean", "-q", "--comments", "--format", "json", str(page)).stdout)
    assert as_json["text"] == marked.stdout
    assert as_json["cleaner_metadata"]["comments"][1] == (
        "Bring some seed to the swap in March, Dennis, and I will trade you for the Georgian ones!")
    assert as_json["cleaner_metadata"]["page_type"] == "article"
