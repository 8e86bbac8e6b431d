"""Front matter and sidecars: found only where a page starts with a YAML mapping, and only ever extended."""
from __future__ import annotations

import json

import pytest

from cleaner.io.front_matter import add_front_matter, merge_sidecar, split_front_matter


@pytest.mark.parametrize("text, head", [
    ("---\ndate: 2020-01-01\n---\nBody\n", "---\ndate: 2020-01-01\n---\n"),
    ("---\ntitle: x\n...\nBody\n", "---\ntitle: x\n...\n"),
    ("---\ntitle: x\n---", "---\ntitle: x\n---"),  # nothing below the block
    ("---\nJust a rule line, then text\n---\nBody\n", ""),  # not a mapping
    ("---\n---\nBody\n", ""),  # empty: no metadata
    ("---\ntitle: x\nno closing fence\n", ""),
    ("Body\n---\ntitle: x\n---\n", ""),  # not at the top
    ("---\nkey: [unclosed\n---\nBody\n", ""),  # not YAML
    ("---\n" + "a: 1\n" * 250 + "---\nBody\n", ""),  # a closing fence too far down
])
def test_split(text, head):
    found, rest = split_front_matter(text)
    assert found == head and found + rest == text


def test_add_keeps_what_is_there_and_is_idempotent():
    head = "---\ntitle: Mine  # a comment kept\nsource: mine\n---\n"
    added = add_front_matter(head, {"source": "theirs", "date": "2018-09-10 15:17:31", "editor": "罗毅"})
    assert added == "---\ntitle: Mine  # a comment kept\nsource: mine\ndate: '2018-09-10 15:17:31'\neditor: 罗毅\n---\n"
    assert add_front_matter(added, {"date": "other", "editor": "other"}) == added
    assert add_front_matter("", {}) == ""
    assert add_front_matter("", {"a": "yes"}) == "---\na: 'yes'\n---\n"  # quoted: read back as the string
    new, rest = split_front_matter(add_front_matter("", {"date": "2018-09-10"}) + "Body\n")
    assert rest == "Body\n" and new.startswith("---\ndate: '2018-09-10'")


def test_merge_sidecar():
    assert json.loads(merge_sidecar(None, {"date": "d"})) == {"date": "d"}
    assert json.loads(merge_sidecar('{"date": "mine", "x": 1}', {"date": "d", "source": "s"})) == {
        "date": "mine", "x": 1, "source": "s"}
    for bad in ("[1]", "{broken"):
        with pytest.raises(ValueError):
            merge_sidecar(bad, {"date": "d"})
