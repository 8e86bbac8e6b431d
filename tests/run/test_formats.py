"""The CLI's output formats: paths in JSON records."""
from __future__ import annotations

import json
import os

from cleaner.result import Result
from cleaner.run.formats import render, shown_path


def test_a_path_that_is_not_utf8_is_escaped_byte_for_byte():
    name = os.fsdecode(b"dir/caf\xe9-\xff.txt")
    assert shown_path(name) == "dir/caf\\xe9-\\xff.txt"
    assert shown_path("新闻/页.txt") == "新闻/页.txt"
    assert shown_path("odd\ud800") == "odd\\ud800"  # a surrogate no file name decoding makes
    record = json.loads(render(Result(text="x\n"), "jsonl", name).encode("utf-8"))
    assert record["path"] == "dir/caf\\xe9-\\xff.txt"
