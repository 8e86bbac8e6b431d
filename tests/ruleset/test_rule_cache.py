"""The cache of parsed rule files: a hit gives what parsing gives, and nothing stale or foreign is used."""
from __future__ import annotations

import os
import pickle
import shutil
import sys
from dataclasses import fields

import pytest
from click.testing import CliRunner
from helpers import SEEDS

from cleaner.cli.main import main
from cleaner.matching.patterns import Pattern
from cleaner.ruleset import cache as cache_module
from cleaner.ruleset import loader
from cleaner.ruleset.cache import FILE_NAME, RuleCache, cache_dir
from cleaner.ruleset.ruleset import RuleSet

SITE = """site: cached.test
description: A site whose banner changes.
match: {hosts: [cached.test]}
rules:
  - {id: banner, kind: drop-line, description: The banner., pattern: '^BANNER-A'}
  - {id: lines, kind: drop-line, description: Listed lines., lines: [分享到：微信, Share this]}
"""


def no_parsing(monkeypatch):
    """Make any parse of a rule file fail the test: everything must come from the cache."""
    def refuse(text, path):
        raise AssertionError(f"{path} was parsed, not taken from the cache")
    monkeypatch.setattr(loader, "parse_rule_file", refuse)


def patterns(rules: RuleSet) -> list[tuple[object, ...]]:
    """Every pattern of every rule and match, in order, with all it holds besides its compiled
    regex (fields that equality leaves out, such as a `lines:` list's set of lines, included)."""
    found = []
    for f in rules.files.values():
        found.extend((f.match.urls + f.match.fingerprints) if f.match else ())
        for r in f.rules:
            found.extend(v for v in r.params.values() if isinstance(v, Pattern))
    return [tuple(getattr(p, k.name) for k in fields(p) if k.name != "regex") + (p.regex.pattern,) for p in found]


def test_a_hit_gives_the_files_parsing_gives(tmp_path, monkeypatch):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "cached.test.yaml").write_text(SITE, encoding="utf-8")
    fresh = RuleSet.load([folder])
    RuleSet.load([folder], cache=RuleCache(tmp_path / "cache"))  # fills the cache
    assert (tmp_path / "cache" / FILE_NAME).is_file()
    no_parsing(monkeypatch)
    cached = RuleSet.load([folder], cache=RuleCache(tmp_path / "cache"))
    assert list(cached.files.values()) == list(fresh.files.values())
    assert [f.source for f in cached.files.values()] == [f.source for f in fresh.files.values()]
    assert patterns(cached) == patterns(fresh) and patterns(cached)
    assert any(p[1] for p in patterns(cached))  # the `lines:` rule's set of lines came through
    page = "BANNER-A today\n正文一段。\n分享到：微信\nBody.\n"
    assert [r.rule for r in _clean(cached, page)] == [r.rule for r in _clean(fresh, page)] != []


def _clean(rules: RuleSet, page: str):
    from cleaner.core.text import clean_text

    return clean_text(page, rules, url="https://cached.test/a", main_content=False).removals


def test_an_edited_rule_file_is_parsed_again(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    path = folder / "cached.test.yaml"
    path.write_text(SITE, encoding="utf-8")
    RuleSet.load([folder], cache=RuleCache(tmp_path / "cache"))
    stat = path.stat()
    # Same size, same mtime: only the text tells the edit, and the text is what is compared.
    path.write_text(SITE.replace("BANNER-A", "BANNER-B"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    rules = RuleSet.load([folder], cache=RuleCache(tmp_path / "cache"))
    assert rules.files["cached.test"].rules[0].params["pattern"].source == "^BANNER-B"
    assert [r.rule for r in _clean(rules, "BANNER-B now\nBody.\n")] == ["cached.test/banner"]


def test_a_file_with_errors_is_never_cached(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "bad.test.yaml").write_text(SITE.replace("kind: drop-line", "kind: drop-lines", 1), encoding="utf-8")
    for _ in range(2):  # the second load reports the error again
        rules = RuleSet.load([folder], bundled=False, cache=RuleCache(tmp_path / "cache"))
        assert any('unknown kind "drop-lines"' in str(e) for e in rules.errors)
    assert not (tmp_path / "cache" / FILE_NAME).exists()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "odd entries", "not ours"])
def test_a_bad_cache_file_is_ignored_and_rebuilt(tmp_path, monkeypatch, damage):
    RuleSet.load(cache=RuleCache(tmp_path))
    path = tmp_path / FILE_NAME
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x80\x05not a pickle at all")
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "foreign":  # written by another version of the parsing code
        stamp, entries = pickle.loads(good)
        path.write_bytes(pickle.dumps((("another",) + stamp[1:], entries)))
    elif damage == "odd entries":  # the right stamp over entries of another shape
        stamp, entries = pickle.loads(good)
        path.write_bytes(pickle.dumps((stamp, {key: 5 for key in entries})))
    else:
        if not hasattr(os, "getuid"):
            pytest.skip("file modes are POSIX's")
        path.chmod(0o666)  # others could have written it: unpickling it could run their code
    calls = []
    monkeypatch.setattr(loader, "parse_rule_file", lambda text, name: calls.append(name) or _parse(text, name))
    rules = RuleSet.load(cache=RuleCache(tmp_path))
    assert not rules.errors and len(calls) == len(rules.files)  # every file parsed again
    assert pickle.loads(path.read_bytes())[0] == cache_module.code_stamp()  # and the cache rewritten
    no_parsing(monkeypatch)
    RuleSet.load(cache=RuleCache(tmp_path))


_parse = loader.parse_rule_file


def test_a_file_shown_by_another_name_is_parsed_again(tmp_path, monkeypatch):
    # The name a file is shown by (relative to the working folder) is in its rules' messages.
    folder = tmp_path / "rules"
    folder.mkdir()
    path = folder / "cached.test.yaml"
    path.write_text(SITE, encoding="utf-8")
    cache = RuleCache(tmp_path / "cache")
    loader.load_file(path, display="rules/cached.test.yaml", cache=cache)
    assert cache.get(path, "rules/cached.test.yaml", SITE) is not None
    assert cache.get(path, str(path), SITE) is None
    assert loader.load_file(path, display=str(path), cache=cache).path == str(path)


def test_an_unwritable_cache_folder_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    rules = RuleSet.load(cache=RuleCache(blocker / "cache"))  # a folder below a file cannot be made
    assert not rules.errors and rules.files


def test_where_the_cache_lives(tmp_path, monkeypatch):
    for name in ("CLEANER_NO_CACHE", "CLEANER_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert cache_dir() == tmp_path / ".cache" / "cleaner"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
        assert cache_dir() == tmp_path / ".cache" / "cleaner"
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache_dir() == tmp_path / "xdg" / "cleaner"
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own"
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    assert cache_dir() is None and RuleCache.open() is None


def test_check_fills_the_cache_and_no_cache_leaves_it(tmp_path, monkeypatch):
    page = tmp_path / "page.txt"
    shutil.copyfile(SEEDS / "000_a376c9bc92ac9e28.txt", page)  # a dirty page: the cri.cn site and zh-news
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "off"))
    first = CliRunner().invoke(main, ["check", "--no-cache", str(page)])
    assert not (tmp_path / "off").exists()
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "on"))
    filled = CliRunner().invoke(main, ["check", str(page)])
    assert (tmp_path / "on" / FILE_NAME).is_file()
    no_parsing(monkeypatch)
    hit = CliRunner().invoke(main, ["check", str(page)])
    assert first.exit_code == filled.exit_code == hit.exit_code == 1
    assert first.output == filled.output == hit.output and "zh-news/breadcrumb" in hit.output


def test_a_cached_pattern_is_compiled_when_first_used():
    from cleaner.matching.patterns import compile_pattern

    fresh = compile_pattern(r"(?P<who>责任编辑)\s*:\s*\S+", whole_line=True)
    cached = pickle.loads(pickle.dumps(fresh))
    assert cached == fresh and cached.regex.pattern == fresh.regex.pattern
    assert type(cached.regex) is not type(fresh.regex)  # not compiled yet: the cache's hit is cheap
    line = "  责任编辑: 张三  "  # as folded
    assert cached.group_names == fresh.group_names == {"who": 1}
    assert type(cached.regex) is type(fresh.regex)  # compiled once, and in the pattern's place
    assert [m.span() for m in cached.finditer(line)] == [m.span() for m in fresh.finditer(line)] != []
