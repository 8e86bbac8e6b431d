"""`cleaner learn` on the command line, and that learning grows linearly with the pages."""
from __future__ import annotations

import sys

from click.testing import CliRunner
from test_learn import make_site, title_of
from test_learn_html import make_html_page

from cleaner.cli.main import main
from cleaner.learn import learn_site


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_site(folder, pages):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_learn_writes_a_file_that_rules_check_accepts(tmp_path):
    pages = write_site(tmp_path / "pages", make_site(10))
    out = tmp_path / "rules" / "example.com.yaml"
    r = invoke("learn", str(pages), "--site", "www.Example.com", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert "learned" in r.stderr and "from 10 text pages" in r.stderr
    text = out.read_text(encoding="utf-8")
    assert "site: example.com" in text and "Seen on" in text
    check = invoke("rules", "check", str(out))
    assert check.exit_code == 0, check.stderr
    assert ": 0 problems" in check.stderr


def test_learned_file_cleans_with_cleaner_clean(tmp_path):
    pages = make_site(10)
    folder = write_site(tmp_path / "pages", pages[1:])
    rules = tmp_path / "rules"
    invoke("learn", str(folder), "--site", "example.com", "-o", str(rules / "example.com.yaml"))
    held = tmp_path / "held.txt"
    held.write_text(pages[0][1], encoding="utf-8")
    r = invoke("clean", "-q", "--rules", str(rules), "--url", "http://example.com/x", str(held))
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(title_of(0)) and "相关新闻" not in r.stdout


def test_dry_run_prints_proposals_and_writes_nothing(tmp_path):
    pages = write_site(tmp_path / "pages", make_site(6))
    out = tmp_path / "never.yaml"
    r = invoke("learn", str(pages), "--site", "example.com", "-o", str(out), "--dry-run")
    assert r.exit_code == 0
    assert not out.exists()
    assert "example.com: " in r.stdout and "seen on 6 of 6 pages" in r.stdout and "cut" in r.stdout


def test_yaml_goes_to_stdout_without_output(tmp_path):
    pages = write_site(tmp_path / "pages", make_site(4))
    r = invoke("learn", str(pages), "--site", "example.com")
    first, second = r.stdout.split("\n")[:2]
    assert r.exit_code == 0 and first.startswith("# yaml-language-server: $schema=file:///")
    assert first.endswith("/cleaner/ruleset/rules.schema.json") and second.startswith("# Learned by `cleaner learn`")


def test_a_written_file_names_the_schema_relative_to_itself(tmp_path):
    out = tmp_path / "rules" / "example.com.yaml"
    assert invoke("learn", str(write_site(tmp_path / "pages", make_site(4))), "--site", "example.com", "-o", str(out)).exit_code == 0
    url = out.read_text(encoding="utf-8").split("\n", 1)[0].split("$schema=", 1)[1]
    from cleaner.ruleset.json_schema import SCHEMA_FILE
    assert (out.parent / url).resolve() == SCHEMA_FILE.resolve()


def test_html_pages_learn_an_article_container(tmp_path):
    pages = write_site(tmp_path / "pages", [(f"p{i}.html", make_html_page(i, 8)) for i in range(8)])
    r = invoke("learn", str(pages), "--site", "example.com")
    assert r.exit_code == 0, r.stderr
    assert "HTML pages" in r.stderr and "body: 'div.article-body'" in r.stdout


def test_bad_site_and_thresholds_are_usage_errors(tmp_path):
    pages = write_site(tmp_path / "pages", make_site(3))
    assert invoke("learn", str(pages), "--site", "not a host").exit_code == 2
    assert invoke("learn", str(pages), "--site", "example.com", "--min-share", "2").exit_code == 2
    assert invoke("learn", str(pages), "--site", "example.com", "--min-support", "1").exit_code == 2


def _calls(run) -> int:
    """Python and C function calls made by run(): a count of work that no machine load changes."""
    calls = 0

    def count(_frame, event, _arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        run()
    finally:
        sys.setprofile(None)
    return calls


def test_learning_is_linear_in_pages(bundled):
    # Eight times the pages may cost at most twelve times the calls (quadratic work would be 64
    # times). Seconds for 1,000 pages are measured in bench/time_bounds.py, not here.
    small, large = make_site(50, seed=11), make_site(400, seed=11)
    learned = []
    few = _calls(lambda: learned.append(learn_site(small, "example.com", base=bundled)))
    many = _calls(lambda: learned.append(learn_site(large, "example.com", base=bundled)))
    assert all(site.proposals for site in learned)
    assert many <= 12 * few, f"400 pages took {many / few:.1f}x the calls of 50"


def test_a_learned_file_checked_alone_says_how(tmp_path):
    out = tmp_path / "example.com.yaml"
    assert invoke("learn", str(write_site(tmp_path / "pages", make_site(8))), "--site", "example.com", "-o", str(out)).exit_code == 0
    alone = invoke("rules", "check", "--no-default-rules", str(out))
    assert alone.exit_code == 2
    assert 'extends unknown pack "zh-news": it is a bundled pack; check the file with the bundled packs' in alone.stderr
    # The command the message gives works.
    packs = [line.rsplit(" ", 1)[1].rstrip("`)") for line in alone.stderr.splitlines() if "--no-default-rules" in line]
    assert len(packs) == 2
    named = invoke("rules", "check", "--no-default-rules", str(out), *packs)
    assert named.exit_code == 0 and ": 0 problems" in named.stderr, named.stderr


def test_min_confidence_option(tmp_path):
    pages = write_site(tmp_path / "pages", make_site(10))
    r = invoke("learn", str(pages), "--site", "example.com", "--min-confidence", "0.95", "--dry-run")
    assert r.exit_code == 0
    assert all(float(line.rsplit("confidence ", 1)[1]) >= 0.95 for line in r.stdout.splitlines() if "confidence " in line)
    assert invoke("learn", str(pages), "--site", "example.com", "--min-confidence", "2").exit_code == 2
