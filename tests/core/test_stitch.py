"""Stitch: piece results joined as one page's."""
from __future__ import annotations

from cleaner.core.stitch import Stitch
from cleaner.result import Removal, Result


def test_lines_count_on_the_first_value_wins_and_empty_outputs_leave_no_gap():
    stitch = Stitch()
    stitch.add(Result("a\n", {"date": "1"}, (Removal("r", 2, "x", "drop-line"),)), page_lines=4)
    stitch.add(Result("", {"date": "2", "title": "t"}, (Removal("r", 1, "y", "drop-line"),)), page_lines=3)
    stitch.add(Result("b\n", {}, (Removal("r", 2, "z", "drop-line"),)), page_lines=3)
    assert [r.line for r in stitch.removals] == [2, 4, 7]
    assert stitch.metadata == {"date": "1", "title": "t"}
    assert stitch.text() == "a\n\nb\n" and stitch.outputs == []
