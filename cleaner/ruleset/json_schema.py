"""The rule files' JSON Schema (draft 2020-12), written from what the validator itself reads.

The key lists, id and host patterns come from ruleset/schema.py and each kind's keys from its
module (kinds/), so the schema and `cleaner rules check` cannot drift apart. What JSON Schema
cannot say is left to `rules check`: RE2 syntax, CSS syntax, named groups of a capture, ids
repeated in a file, packs that exist. `rules.schema.json` beside this module is the schema as
shipped (for editors: `# yaml-language-server: $schema=...`); a test keeps it equal to this.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cleaner.kinds import KINDS, READING_ORDER, Key, trigger_keys
from cleaner.ruleset.schema import (
    EXAMPLE_KEYS,
    FILE_KEYS,
    HOST_RE,
    HTML_KEYS,
    ID_RE,
    MATCH_KEYS,
    RULE_KEYS,
    TEXT_KEYS,
    TITLE_POLICIES,
)

SCHEMA_FILE = Path(__file__).with_name("rules.schema.json")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# A string with something besides spaces: what Checker.text calls "not empty".
TEXT = {"type": "string", "pattern": r"\S"}
ANY_TEXT = {"type": "string"}
TEXTS = {"type": "array", "items": TEXT}


def _closed(properties: dict[str, Any], keys: tuple[str, ...], **more: Any) -> dict[str, Any]:
    """An object with exactly these keys allowed (in the validator's order), as rules check has it."""
    assert set(properties) == set(keys), (set(properties) ^ set(keys))
    return {"type": "object", "properties": {k: properties[k] for k in keys}, "additionalProperties": False, **more}


def _key(key: Key) -> dict[str, Any]:
    """A kind's key as a JSON Schema."""
    if key.type == "bool":
        return {"type": "boolean"}
    if key.type == "choice":
        return {"enum": list(key.choices)}
    if key.type == "lines":
        return {**TEXTS, "minItems": 1, "description": "literal lines, each matched whole after folding"}
    return ANY_TEXT if key.allow_empty else TEXT


def _examples() -> dict[str, Any]:
    pair = {"type": "object", "required": ["text"], "additionalProperties": False}
    rewrite = {**pair, "properties": {"text": TEXT, "result": ANY_TEXT}, "required": ["text", "result"]}
    metadata = {"type": "object", "additionalProperties": {"type": "string"}}
    capture = {**pair, "properties": {"text": TEXT, "metadata": metadata}, "required": ["text", "metadata"]}
    parts = {"remove": TEXTS, "keep": TEXTS, "rewrite": {"type": "array", "items": rewrite},
             "capture": {"type": "array", "items": capture}}
    return _closed(parts, EXAMPLE_KEYS)


def _within() -> dict[str, Any]:
    count = {"type": "integer", "minimum": 1}
    return {"type": "object", "properties": {"first": count, "last": count}, "additionalProperties": False,
            "minProperties": 1, "maxProperties": 1}


def _rule(name: str) -> dict[str, Any]:
    """The schema of a rule of one kind: the common keys and the kind's own."""
    kind = KINDS[name]
    common = {"id": {"type": "string", "pattern": ID_RE.pattern}, "kind": {"const": name},
              "description": TEXT, "examples": {"$ref": "#/$defs/examples"}, "within": {"$ref": "#/$defs/within"}}
    keys = {k: _key(key) for k, key in kind.KEYS.items()}
    schema = _closed({**common, **keys}, RULE_KEYS + tuple(kind.KEYS), description=f"{name}: {kind.DETAIL}")
    schema["required"] = ["id", "kind", "description"] + [k for k, key in kind.KEYS.items() if key.required]
    alternatives = trigger_keys(kind.TRIGGER)
    if len(alternatives) > 1:  # exactly one of them
        schema["oneOf"] = [{"required": [k]} for k in alternatives]
    return schema


def _match() -> dict[str, Any]:
    host = {"type": "string", "pattern": HOST_RE.pattern.replace("[a-z0-9-]", "[A-Za-z0-9-]"),
            "description": "example.com or *.example.com (a leading www. is ignored)"}
    parts = {"hosts": {"type": "array", "items": host}, "urls": TEXTS, "fingerprints": TEXTS,
             "min_fingerprints": {"type": "integer", "minimum": 1}}
    names_something = {"anyOf": [{"required": [k], "properties": {k: {"minItems": 1}}} for k in ("hosts", "urls", "fingerprints")]}
    return _closed(parts, MATCH_KEYS, **names_something)


def rule_file_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file (site file or pack)."""
    kinds = {name: _rule(name) for name in READING_ORDER}
    top = {
        "site": {**TEXT, "description": "the site's host: a site file"},
        "pack": {**TEXT, "description": "the pack's name: a pack that site files extend"},
        "description": TEXT,
        "extends": {**TEXTS, "description": "packs whose rules this file inherits"},
        "disable": {**TEXTS, "description": "inherited rules switched off, by id"},
        "match": {"$ref": "#/$defs/match"},
        "metadata": _closed({"title": {"enum": list(TITLE_POLICIES)}}, ("title",)),
        "text": _closed({"main-content": {"type": "boolean"}}, TEXT_KEYS),
        "html": _closed({k: TEXT for k in HTML_KEYS}, HTML_KEYS),
        "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
    }
    schema = _closed(top, FILE_KEYS, required=["description"])
    schema["oneOf"] = [{"required": ["site"], "not": {"required": ["pack"]}},
                       {"required": ["pack"], "not": {"required": ["site"]}}]
    # A site file needs `match`; a pack may go without (it then applies only through `extends`).
    schema["if"], schema["then"] = {"required": ["site"]}, {"required": ["match"]}
    rule = {"type": "object", "required": ["kind"], "properties": {"kind": {"enum": list(READING_ORDER)}},
            "allOf": [{"if": {"properties": {"kind": {"const": n}}}, "then": {"$ref": f"#/$defs/kinds/{n}"}}
                      for n in READING_ORDER]}
    defs = {"rule": rule, "kinds": kinds, "examples": _examples(), "within": _within(), "match": _match()}
    return {"$schema": DRAFT, "$id": "urn:cleaner:rule-file", "title": "cleaner rule file", **schema, "$defs": defs}


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(rule_file_schema(), ensure_ascii=False, indent=2) + "\n"
