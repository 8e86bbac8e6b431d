"""The index's hints: which pages may need a look."""
from __future__ import annotations

from cleaner.report.flags import SHORT_OUTPUT, page_flags
from cleaner.result import Result

ARTICLE = "正文" * SHORT_OUTPUT


def test_a_good_page_is_not_flagged():
    assert page_flags(Result(ARTICLE, site="a.test"), len(ARTICLE) * 2, 1.0) == []


def test_each_hint():
    assert page_flags(Result("", site="a.test"), 100, 1.0) == ["empty output"]
    assert page_flags(Result("短", site="a.test"), 1, 1.0) == ["short output"]
    assert page_flags(Result(ARTICLE, site="a.test"), len(ARTICLE) * 20, 1.0) == ["95% removed"]
    assert page_flags(Result(ARTICLE), len(ARTICLE), 1.0) == ["no site file"]
    assert page_flags(Result(ARTICLE, site="a.test"), len(ARTICLE), 0.45) == ["encoding guessed (0.45)"]
