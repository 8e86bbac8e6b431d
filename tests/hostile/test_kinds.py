"""Red team, rule kinds: a rule file whose replacement names a group its pattern lacks is refused at load.

It used to load, pass `cleaner rules check`, and then delete text from every page it matched
(`注释(12)` became `注释[]`), or fail on every page it reached (`\\g<²>`: `cannot clean: ValueError`).
"""
from __future__ import annotations

from pathlib import Path

from harness import cli, leftovers

RULES = """\
site: t.example
description: Notes.
match: {hosts: [t.example]}
rules:
  - id: note
    kind: replace
    description: Footnote marks as [n].
    pattern: '\\((\\d+)\\)'
    with: '%s'
"""
PAGE = "注释(12)在此，记者从现场获悉有关情况并进行了采访。\n"


def _site(tmp_path: Path, template: str) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "t.example.yaml").write_text(RULES % template, encoding="utf-8")
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_rules_check_reports_a_replacement_naming_a_missing_group(tmp_path: Path):
    _site(tmp_path, "[\\2]")
    run = cli("rules", "check", "--no-default-rules", "rules", cwd=tmp_path)
    assert run.code == 2, run.stderr
    assert run.stderr.splitlines()[0] == 'rules/t.example.yaml:9: "with" in rule "note" refers to group 2, but "pattern" has 1 group'


def test_clean_goes_on_without_the_file_and_keeps_the_text(tmp_path: Path):
    _site(tmp_path, "[\\2]")
    run = cli("clean", "--no-default-rules", "--rules", "rules", "--url", "http://t.example/a", "page.txt",
              "-o", "out", "-q", cwd=tmp_path)
    assert run.code == 2, run.stderr
    assert 'rules/t.example.yaml:9: "with" in rule "note" refers to group 2' in run.stderr
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == PAGE
    assert (tmp_path / "page.txt").read_text(encoding="utf-8") == PAGE
    assert leftovers(tmp_path) == []


def test_a_group_name_that_is_no_number_is_refused_at_load_not_on_each_page(tmp_path: Path):
    _site(tmp_path, "[\\g<²>]")
    run = cli("clean", "--no-default-rules", "--rules", "rules", "--url", "http://t.example/a", "page.txt", cwd=tmp_path)
    assert run.code == 2, run.stderr
    assert "cannot clean" not in run.stderr and "Traceback" not in run.stderr
    assert 'rules/t.example.yaml:9: "with" in rule "note" refers to group "²", which "pattern" does not name' in run.stderr
    assert run.stdout == PAGE
