"""Records read by orjson and written by orjson must say what json would: same values, same types."""
from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.cli.main import main
from cleaner.io.jsonl import iter_lines, oversize_line, range_lines
from cleaner.run.records import parse_record, record_line

WIDE = [2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**30, -(10**30)]
scalars = (st.none() | st.booleans() | st.integers() | st.sampled_from(WIDE)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=12)


def exact(value: object) -> str:
    """A value with its types spelled out: 1 and 1.0, True and 1 compare equal in Python."""
    return json.dumps(value, sort_keys=True, default=repr) if not isinstance(value, float) else repr(value)


@settings(max_examples=300)
@given(st.dictionaries(st.text(), values, max_size=5), st.booleans())
def test_parse_record_reads_what_json_reads(record, ascii_only):
    line = json.dumps(record, ensure_ascii=ascii_only)
    parsed = parse_record(line.encode("utf-8"))
    assert exact(parsed) == exact(json.loads(line))
    assert exact(json.loads(record_line(parsed))) == exact(parsed)
    assert record_line(parsed).endswith(b"\n") and record_line(parsed).count(b"\n") == 1


def test_wide_integers_and_odd_strings_go_through_the_cli_exactly(tmp_path):
    extra = {"wide": WIDE, "big": 1e19, "tiny": 5e-324, "neg0": -0.0, "s": "a\u2028b\x00c\x7f/\\\"", "pair": "\U0001F600",
             "nested": {"deep": [[[{"n": 18446744073709551616}]]]}}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": "正文内容，记者从现场获悉有关情况。", **extra}, ensure_ascii=False) + "\n"
                   + json.dumps({"id": 2, "text": "two", "x": 1}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["clean", "-q", "--jobs", "1", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").split("\n")[:-1])  # not splitlines: U+2028
    assert exact({k: first[k] for k in extra}) == exact(extra)
    assert second["x"] == 1 and second["text"] == "two\n"
    assert "\\u" not in out.read_text(encoding="utf-8").split('"s":')[0]  # UTF-8 as is, not escaped


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=30), st.integers(1, 16),
       st.integers(0, 25), st.booleans())
def test_iter_lines_keeps_every_line_and_replaces_only_those_over_the_limit(lengths, size, max_line, final_newline):
    lines = [b"x" * n for n in lengths]
    data = b"\n".join(lines) + (b"\n" if final_newline else b"")
    expected = lines if final_newline or lines[-1] else lines[:-1]  # "a\n" is one line; "a\n" + "" too
    assert list(iter_lines(io.BytesIO(data), size=size)) == expected
    got = list(iter_lines(io.BytesIO(data), size=size, max_line=max_line))
    assert len(got) == len(expected)
    for kept, line in zip(got, expected):
        assert kept == line or (len(line) > max_line and kept == oversize_line(len(line)))
        assert len(line) <= max(size, max_line) or kept == oversize_line(len(line))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=40), st.integers(1, 900),
       st.booleans())
def test_byte_ranges_share_out_every_line_once(lengths, range_bytes, final_newline):
    lines = [bytes([97 + i % 26]) * n for i, n in enumerate(lengths)]
    data = b"\n".join(lines) + (b"\n" if final_newline else b"")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.jsonl"
        path.write_bytes(data)
        got = [line for start in range(0, len(data) or 1, range_bytes)
               for line in range_lines(path, start, start + range_bytes)]
    assert got == list(iter_lines(io.BytesIO(data)))
