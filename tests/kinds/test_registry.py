"""The registry of rule kinds: everything about a kind comes from its module, and the docs agree."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from kind_pages import errors_of

from cleaner.kinds import (
    EDIT_KINDS,
    HTML_KINDS,
    KINDS,
    LINE_KINDS,
    MODULES,
    PHASES,
    READING_ORDER,
    TEXT_KINDS,
    TRIGGERS,
    check_kinds,
    trigger_keys,
)
from cleaner.kinds.base import Key
from cleaner.kinds.capture import FIELDS
from cleaner.kinds.table import docs_table, readme_table

ROOT = Path(__file__).resolve().parents[2]
KINDS_DIR = ROOT / "cleaner" / "kinds"


def _table(path: Path, header: str) -> str:
    """The markdown table that starts with header in the file at path."""
    text = path.read_text(encoding="utf-8")
    start = text.index(header)
    return text[start : text.index("\n\n", start) + 1]


def test_readme_kinds_table_is_the_generated_one():
    assert _table(ROOT / "README.md", "| kind | what it removes |") == readme_table(), "python -m cleaner.kinds.table"


def test_docs_kinds_table_is_the_generated_one():
    assert _table(ROOT / "docs" / "rules.md", "| kind | keys | what it removes |") == docs_table(), "python -m cleaner.kinds.table"


def test_docs_give_the_phase_order_and_the_capture_fields():
    docs = " ".join((ROOT / "docs" / "rules.md").read_text(encoding="utf-8").split())
    text_kinds = ", ".join(f"`{name}`" for name in TEXT_KINDS)
    assert f"on HTML pages `{'`, `'.join(sorted(HTML_KINDS))}` before the text is extracted, then {text_kinds}." in docs
    assert ", ".join(f"`{name}`" for name in FIELDS) + ", or any name starting with `x_`" in docs


def test_every_kind_module_is_registered_once_under_its_file_name():
    files = {p.stem for p in KINDS_DIR.glob("*.py")} - {"__init__", "base", "table"}
    assert {m.__name__.rsplit(".", 1)[1] for m in MODULES} == files
    assert all(m.NAME == m.__name__.rsplit(".", 1)[1].replace("_", "-") for m in MODULES)
    assert tuple(KINDS) == PHASES == tuple(m.NAME for m in MODULES)


def test_derived_sets_follow_the_modules():
    assert HTML_KINDS == {"drop-element"}
    assert TEXT_KINDS == ("capture", "cut", "drop-block", "drop-line", "strip-span", "replace")
    assert READING_ORDER == TEXT_KINDS + ("drop-element",)
    assert TRIGGERS == {"drop-element": "selector", "capture": "pattern", "cut": "marker", "drop-block": "start",
                        "drop-line": ("pattern", "lines"), "strip-span": "pattern", "replace": "pattern"}
    assert EDIT_KINDS == {"strip-span", "replace"}
    assert {"capture", "drop-line"} <= LINE_KINDS and not LINE_KINDS & {"cut", "drop-block", "drop-element"}


def test_each_kind_describes_itself():
    for module in MODULES:
        assert module.SUMMARY and module.DETAIL and "\n" not in module.SUMMARY + module.DETAIL
        assert all(isinstance(key, Key) for key in module.KEYS.values())
        triggers = trigger_keys(module.TRIGGER)
        # A rule without its trigger could never act: one key is required, or one of several (the schema checks).
        assert len(triggers) > 1 or module.KEYS[module.TRIGGER].required
        assert module.validate({}, "in rule") == []  # missing keys are the schema's to report


def _kind(name: str, **changes: object) -> SimpleNamespace:
    fields = dict(NAME=name, TARGET="text", SUMMARY="s", DETAIL="d", KEYS={"pattern": Key("pattern")},
                  TRIGGER="pattern", EDITS_INSIDE_LINES=False, ONE_LINE_AT_A_TIME=True,
                  validate=lambda params, where: [], apply=lambda page, rule: None, __name__=f"m.{name}")
    fields.update(changes)
    return SimpleNamespace(**fields)


def test_the_registry_refuses_a_repeated_name():
    with pytest.raises(TypeError, match="rule kind x is declared by m.x and m.x"):
        check_kinds((_kind("x"), _kind("x")))


def test_the_registry_refuses_a_module_that_does_not_describe_itself():
    incomplete = _kind("y")
    del incomplete.TRIGGER
    with pytest.raises(TypeError, match="does not declare TRIGGER"):
        check_kinds((incomplete,))
    with pytest.raises(TypeError, match="TRIGGER one of its KEYS"):
        check_kinds((_kind("z", TRIGGER="marker"),))
    with pytest.raises(TypeError, match="TARGET must be one of"):
        check_kinds((_kind("w", TARGET="pdf"),))


def test_unknown_kind_lists_the_registered_ones():
    assert errors_of("  - {id: a, kind: drop-lines, description: d, pattern: x}\n") == [
        't.yaml:5: unknown kind "drop-lines" in rule "a"; expected one of: ' + ", ".join(PHASES)]
