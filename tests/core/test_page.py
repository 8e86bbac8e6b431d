"""Page: the removals it records and the searches it makes after an edit."""
from __future__ import annotations

from cleaner.core.page import Page
from cleaner.core.plan import plans_of
from cleaner.core.text import run_plan
from cleaner.result import Removal
from cleaner.ruleset.model import Rule
from cleaner.ruleset.ruleset import RuleSet

RULE = Rule("t/drop", "drop-block", "A test rule.", {})


def test_drop_many_makes_whole_removals():
    page = Page("a\nb\n\nc")
    page.drop_many(range(4), RULE)
    assert [r.text for r in page.removals] == ["a", "b", "c"]
    assert all(len(r) == len(Removal._fields) and r.selector is None and r.column is None for r in page.removals)
    assert page.removals[0] == Removal("t/drop", 1, "a", "drop-block")


def test_edited_lines_are_searched_alone(monkeypatch):
    """After a strip-span edit, the earlier rules search the edited line, not the page."""
    rules = RuleSet.load()
    text = "标题\n国际在线消息\nA_fororder_x 分享到：微信 微博\n" + "正文内容，记者从现场获悉有关情况并进行了采访。\n" * 40
    plan = plans_of(rules).plan_for(text)
    page = Page(text)
    searched: list[int] = []
    from cleaner.core import page as page_module

    real = page_module.byte_matches

    def counting(regex, data):
        searched.append(len(data))
        return real(regex, data)

    monkeypatch.setattr(page_module, "byte_matches", counting)
    run_plan(page, plan)
    assert plan.site == "cri.cn" and not page.alive[2]  # the share bar, once the image tag was cut
    assert searched[-1] == len(page.line_bytes(2)) < len(page.folded_bytes())
