"""Fingerprints: plain words searched with `in` count what the RE2 set counts."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import RuleSet
from cleaner.matching.fold import fold_utf8_parts
from cleaner.ruleset import fingerprints
from cleaner.ruleset.fingerprints import Fingerprints

SITES = {
    "a.test": "['国际在线', '_fororder_', '国广国际|总台国际']",
    "b.test": "['(?i)\\bshop\\b', 'Acme|ACME']",
    "c.test": "['国际在线', 'x\\.y']",
}
PAGES = ["国际在线 新闻 _fororder_ 总台国际", "Visit the SHOP of Acme", "x.y 国际在线", "xzy", "", "总台国际\nACME",
         "国际a在线 总台<b>国际</b>"]  # the non-ASCII bytes alone hold words the page breaks


def _files(tmp_path: Path) -> list:
    for site, prints in SITES.items():
        (tmp_path / f"{site}.yaml").write_text(
            f"site: {site}\ndescription: d\nmatch: {{fingerprints: {prints}}}\nrules: []\n", encoding="utf-8")
    return RuleSet.load([tmp_path], bundled=False).sites


@pytest.mark.parametrize("page", PAGES)
def test_words_count_as_the_set_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    files = _files(tmp_path)
    by_words = Fingerprints(files)
    assert by_words._words, "plain words are searched with `in`"
    monkeypatch.setattr(fingerprints, "MAX_WORDS", 0)  # every fingerprint through the set
    by_set = Fingerprints(files)
    assert not by_set._words
    for view in (page, page.encode("utf-8")):
        assert by_words.counts(view) == by_set.counts(view)
    # Given the page's non-ASCII bytes, the words of non-ASCII characters are looked for there first.
    assert by_words.counts(*fold_utf8_parts(page)) == by_set.counts(page)


def test_patterns_are_no_words(tmp_path: Path) -> None:
    words = {s for s, _t, _r in Fingerprints(_files(tmp_path))._words}
    assert "(?m)(?i)\\bshop\\b" not in words and "(?m)x\\.y" not in words
    assert "(?m)国广国际|总台国际" in words
