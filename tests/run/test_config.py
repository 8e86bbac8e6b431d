"""Project configuration: discovery by walking up, validation messages, and what it changes."""
from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_SITE as SITE
from conftest import SEEDS

from cleaner.cli.main import main
from cleaner.run import config as config_module
from cleaner.run.config import (
    DEFAULT_INCLUDE,
    ConfigError,
    ConfigFinder,
    matches,
    parse_config,
)

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_by_walking_up_from_the_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.cleaner]\nrules = ["my-rules"]\nmax-loss = 0.8\n')
    page = write(tmp_path / "a" / "b" / "page.txt", "text\n")
    config = ConfigFinder().for_path(page)
    assert config.path == tmp_path / "pyproject.toml"
    assert config.rules == (tmp_path.resolve() / "my-rules",) and config.max_loss == 0.8
    assert config.include == DEFAULT_INCLUDE and config.root == tmp_path.resolve()


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / ".cleaner.toml", "max-size = 1000\n")
    write(tmp_path / "sub" / "pyproject.toml", '[tool.ruff]\nline-length = 100\n')
    page = write(tmp_path / "sub" / "page.txt", "text\n")
    config = ConfigFinder().for_path(page)
    assert config.path == tmp_path / ".cleaner.toml" and config.max_size == 1000


def test_dot_cleaner_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / ".cleaner.toml", "max-loss = 0.1\n")
    write(tmp_path / "pyproject.toml", "[tool.cleaner]\nmax-loss = 0.9\n")
    assert ConfigFinder().for_path(write(tmp_path / "p.txt", "x\n")).max_loss == 0.1


def test_nearest_config_wins(tmp_path):
    write(tmp_path / ".cleaner.toml", "max-loss = 0.1\n")
    write(tmp_path / "inner" / ".cleaner.toml", "max-loss = 0.7\n")
    finder = ConfigFinder()
    assert finder.for_path(write(tmp_path / "inner" / "p.txt", "x\n")).max_loss == 0.7
    assert finder.for_path(write(tmp_path / "p.txt", "x\n")).max_loss == 0.1


def test_each_config_file_is_read_once(tmp_path, monkeypatch):
    write(tmp_path / ".cleaner.toml", "max-loss = 0.3\n")
    calls = []
    real = config_module.parse_config
    monkeypatch.setattr(config_module, "parse_config", lambda *a: calls.append(a) or real(*a))
    finder = ConfigFinder()
    for folder in ("a", "a/b", "c", "a"):
        finder.for_path(write(tmp_path / folder / "p.txt", "x\n"))
    assert len(calls) == 1


@pytest.mark.parametrize("toml, message", [
    ("[tool.cleaner]\nrulez = []\n",
     'pyproject.toml: [tool.cleaner]: unknown key "rulez"; expected one of: '
     "rules, no-default-rules, disable, include, exclude, max-size, max-loss"),
    ('[tool.cleaner]\nrules = "my-rules"\n',
     "pyproject.toml: [tool.cleaner]: \"rules\" must be a list of rule folders or files (strings), not 'my-rules'"),
    ("[tool.cleaner]\nmax-loss = 2\n",
     "pyproject.toml: [tool.cleaner]: \"max-loss\" must be a number from 0 to 1 "
     "(the share of a file's text a fix may remove), not 2"),
    ('[tool.cleaner]\nmax-size = "big"\n',
     "pyproject.toml: [tool.cleaner]: \"max-size\" must be a size such as \"50MB\", \"200k\" or a byte count, not 'big'"),
    ('[tool.cleaner]\nno-default-rules = "yes"\n',
     "pyproject.toml: [tool.cleaner]: \"no-default-rules\" must be true or false, not 'yes'"),
    ("[tool.cleaner\n", "pyproject.toml: invalid TOML: "),
], ids=["unknown-key", "rules-not-list", "max-loss-range", "max-size-syntax", "bool", "toml-syntax"])
def test_config_errors_name_file_and_key(tmp_path, monkeypatch, toml, message):
    write(tmp_path / "pyproject.toml", toml)
    page = write(tmp_path / "page.txt", "text\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as info:
        ConfigFinder().for_path(page)
    assert str(info.value).startswith(message)
    for command in ("check", "fix"):
        r = run(command, page)
        assert r.exit_code == 2 and r.stderr.startswith(f"error: {message}")


def test_unknown_key_in_dot_cleaner_toml(tmp_path):
    write(tmp_path / ".cleaner.toml", "exclud = []\n")
    with pytest.raises(ConfigError, match=r'\.cleaner\.toml: unknown key "exclud"; expected one of: '):
        parse_config(tmp_path / ".cleaner.toml")


def test_sizes(tmp_path):
    write(tmp_path / ".cleaner.toml", 'max-size = "2kB"\n')
    assert parse_config(tmp_path / ".cleaner.toml").max_size == 2000


def test_rules_relative_to_the_config_and_no_default_rules(tmp_path):
    write(tmp_path / "proj" / "my-rules" / "example.test.yaml", SITE)
    write(tmp_path / "proj" / "pyproject.toml", '[tool.cleaner]\nrules = ["my-rules"]\nno-default-rules = true\n')
    page = write(tmp_path / "proj" / "pages" / "p.txt", "BANNER EXAMPLE-SITE\nThe article.\n")
    seed = tmp_path / "proj" / "pages" / "seed.txt"
    shutil.copyfile(SEED, seed)
    r = run("check", page, seed)
    assert r.exit_code == 1
    assert r.stdout == f'{page}:1:1: example.test/banner removed line "BANNER EXAMPLE-SITE"\n'  # no bundled rules


def test_missing_rule_folder_is_a_usage_error(tmp_path):
    write(tmp_path / ".cleaner.toml", 'rules = ["nowhere"]\n')
    r = run("check", write(tmp_path / "p.txt", "x\n"))
    assert r.exit_code == 2 and "nowhere" in r.stderr and "no such rule file or folder" in r.stderr


def test_exclude_applies_to_named_files(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\nexclude = ["golden", "raw/*.txt"]\n')
    for rel in ("golden/a/p.txt", "raw/p.txt", "articles/p.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SEED, tmp_path / rel)
    r = run("check", tmp_path / "golden/a/p.txt", tmp_path / "raw/p.txt", tmp_path / "articles/p.txt")
    assert r.exit_code == 1
    assert {line.split(":")[0] for line in r.stdout.splitlines()} == {str(tmp_path / "articles/p.txt")}
    assert run("fix", tmp_path / "golden/a/p.txt").exit_code == 0
    assert (tmp_path / "golden/a/p.txt").read_bytes() == SEED.read_bytes()


def test_include_applies_to_folder_walks_only(tmp_path):
    write(tmp_path / ".cleaner.toml", 'include = ["*.page"]\n')
    shutil.copyfile(SEED, tmp_path / "a.page")
    shutil.copyfile(SEED, tmp_path / "b.txt")
    walked = run("check", tmp_path)
    assert {line.split(":")[0] for line in walked.stdout.splitlines()} == {str(tmp_path / "a.page")}
    assert run("check", tmp_path / "b.txt").exit_code == 1  # named: pre-commit already chose it


def test_max_size_from_config(tmp_path):
    write(tmp_path / ".cleaner.toml", "max-size = 100\n")
    page = tmp_path / "p.txt"
    shutil.copyfile(SEED, page)
    r = run("check", page)
    assert r.exit_code == 1 and f"{page}: error: file is" in r.stderr and "100 bytes limit" in r.stderr


def test_max_loss_from_config(tmp_path):
    write(tmp_path / "my-rules" / "example.test.yaml", SITE)
    write(tmp_path / ".cleaner.toml", 'rules = ["my-rules"]\nmax-loss = 0.9\n')
    page = write(tmp_path / "p.txt", "BANNER EXAMPLE-SITE " + "x" * 60 + "\nA short article.\n")
    assert run("fix", page).exit_code == 0
    assert page.read_text(encoding="utf-8") == "A short article.\n"


def test_forced_config(tmp_path):
    conf = write(tmp_path / "conf" / "cleaner.toml", 'exclude = ["*.txt"]\n')
    page = tmp_path / "p.txt"
    shutil.copyfile(SEED, page)
    assert run("check", "--config", conf, page).exit_code == 0
    empty = write(tmp_path / "conf" / "pyproject.toml", "[project]\n")
    r = run("check", "--config", empty, page)
    assert r.exit_code == 2 and "no [tool.cleaner] table" in r.stderr


@pytest.mark.parametrize("rel, patterns, expected", [
    ("golden/a/p.txt", ("golden",), True),
    ("a/golden/p.txt", ("golden",), True),
    ("a/p.clean.txt", ("*.clean.txt",), True),
    ("raw/x/p.txt", ("raw/x",), True),
    ("raw/p.txt", ("raw/*.txt",), True),
    ("raw/x/p.txt", ("raw/*.txt",), False),  # .gitignore rules: "*" does not cross "/" (it did with fnmatch)
    ("raw/x/p.txt", ("raw/**/*.txt",), True),
    ("a/top.txt", ("/top.txt",), False),  # anchored to the configuration's folder
    ("top.txt", ("/top.txt",), True),
    ("a/keep.txt", ("*.txt", "!keep.txt"), False),  # negation re-includes
    ("a/build/p.txt", ("build/",), True),  # folder-only: what lies below the folder
    ("a/build", ("build/",), False),  # ... but not a file of that name
    ("other/raw/p.txt", ("raw/*",), False),
    ("articles/p.txt", ("golden", "raw/*"), False),
])
def test_matches(rel, patterns, expected):
    assert matches(PurePosixPath(rel), patterns) is expected
