"""Red team: records, rule files and rule folders that used to give invalid JSON, tracebacks or silence."""
from __future__ import annotations

import gzip
import json

import pytest
from harness import SEED, cli, leftovers


def strict_json(line: str) -> dict:
    """Parse a line as RFC 8259 JSON: NaN and Infinity are refused."""
    def refuse(name: str) -> None:
        raise ValueError(f"{name} in output")

    return json.loads(line, parse_constant=refuse)


def test_nan_and_infinity_records_are_reported_and_the_output_stays_strict_json(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "first page", "score": NaN}\n'
                   '{"id": 2, "text": "second page"}\n'
                   '{"id": 3, "text": "third page", "w": [1, -Infinity]}\n'
                   '{"id": 4, "text": "fourth page", "big": 1e400}\n', encoding="utf-8")
    run = cli("clean", "-q", src, "-o", tmp_path / "out.jsonl")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        f"{src}:1: error: invalid JSON: NaN is not a JSON value (column 42; write null, or a string)",
        f"{src}:3: error: invalid JSON: -Infinity is not a JSON value (column 42; write null, or a string)",
        f"{src}:4: error: a number in the record is out of range for a 64-bit float (write it as a string)",
    ]
    out = [strict_json(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out] == [2]
    assert leftovers(tmp_path) == []


def test_lone_surrogate_record_is_cleaned_to_valid_utf8_json_with_u_fffd(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a\\udc00", "text": "title\\ud800 line\\nbody text of the page"}\n', encoding="ascii")
    run = cli("clean", "-q", src, "-o", tmp_path / "out.jsonl")
    assert (run.code, run.stderr) == (0, "")
    data = (tmp_path / "out.jsonl").read_bytes()
    (record,) = [strict_json(line) for line in data.decode("utf-8").splitlines()]  # strict UTF-8
    assert record["id"] == "a\ufffd" and record["text"].startswith("title\ufffd line\n")


def test_explain_a_record_with_a_lone_surrogate_prints_it(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "\\ud800"}\n', encoding="ascii")
    run = cli("explain", src, "--record", "1")
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr and "1   \ufffd" in run.stdout


def test_explain_a_truncated_compressed_record_file_is_one_error_line(tmp_path):
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(gzip.compress(b'{"text": "page"}\n' * 100)[:30])
    run = cli("explain", src, "--record", "50")  # past the damage (records before it are whole)
    assert run.code == 1
    assert run.stderr.splitlines() == [f"{src}: error: truncated gzip stream: ended before the end of its last member"]


@pytest.mark.parametrize("body,message", [
    ("match:\n  hosts: w.com\n", 'w.yaml:4: "hosts" in "match" must be a list of strings, not a string'),
    ("match: {hosts: [w.com]}\nrules:\n  - {id: 7, kind: drop-line, description: d, pattern: x}\n",
     'w.yaml:5: "id" in rule must be a string, not a number'),
    ("match: {hosts: [w.com]}\nrules:\n  - {id: a, kind: drop-line, description: d, pattern: 12}\n",
     'w.yaml:5: "pattern" in rule "a" must be a string, not a number'),
    ("match: {hosts: [w.com]}\nrules:\n  - {id: a, kind: replace, description: d, pattern: x, with: y, examples: {rewrite: 5}}\n",
     'w.yaml:5: "examples.rewrite" in rule "a" must be a list of mappings, not a number'),
])
def test_wrongly_typed_rule_file_is_an_error_with_its_line(tmp_path, body, message):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "w.yaml").write_text("site: w.com\ndescription: d\n" + body, encoding="utf-8")
    run = cli("clean", "-q", SEED, "--rules", "my-rules", "-o", "out", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.splitlines() == [f"error: my-rules/{message}"]
    assert (tmp_path / "out" / SEED.name).exists()  # the run went on without that file


def test_empty_rules_folder_is_warned_about(tmp_path):
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "notes.txt").write_text("not a rule file\n", encoding="utf-8")
    run = cli("clean", "-q", SEED, "--rules", "my-rules", cwd=tmp_path)
    assert run.code == 0
    assert run.stderr.splitlines() == ["my-rules: warning: no rule files (*.yaml) found"]
    check = cli("rules", "check", "my-rules", cwd=tmp_path)
    assert check.stderr.splitlines()[0] == "my-rules: warning: no rule files (*.yaml) found"


def test_two_rule_files_for_one_site_in_a_folder_are_not_silently_merged(tmp_path):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    for name in ("a.yaml", "b.yaml"):
        (rules / name).write_text("site: w.com\ndescription: d\nmatch: {hosts: [w.com]}\n", encoding="utf-8")
    run = cli("clean", "-q", SEED, "--rules", "my-rules", "-o", "out", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        'error: my-rules/b.yaml: site "w.com" is already defined in my-rules/a.yaml; one file per site in a folder']
