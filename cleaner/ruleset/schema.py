"""Validate one rule file's data: unknown keys, wrong types and bad patterns, each with its line."""
from __future__ import annotations

import re
from typing import Any

from cleaner.kinds import KINDS, Key, trigger_keys
from cleaner.matching.patterns import PatternError, compile_lines, compile_pattern
from cleaner.ruleset.model import Examples, Match, Rule, RuleError
from cleaner.ruleset.yamlsrc import LocDict, LocList, type_name

FILE_KEYS = ("site", "pack", "description", "extends", "disable", "match", "metadata", "text", "html", "rules")
TEXT_KEYS = ("main-content",)
MATCH_KEYS = ("hosts", "urls", "fingerprints", "min_fingerprints")
RULE_KEYS = ("id", "kind", "description", "examples", "within")
EXAMPLE_KEYS = ("remove", "keep", "rewrite", "capture")
HTML_KEYS = ("body", "title", "date", "author")
TITLE_POLICIES = ("first-line", "none")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
HOST_RE = re.compile(r"^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$")


class Checker:
    """Collects errors for one file while its parts are read."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[RuleError] = []

    def error(self, line: int, message: str) -> None:
        """Record an error at line."""
        self.errors.append(RuleError(self.path, line, message))

    def keys(self, data: LocDict, allowed: tuple[str, ...], where: str) -> None:
        """Report every key of data that is not in allowed."""
        for key in data:
            if key not in allowed:
                self.error(data.line_of(key), f'unknown key "{key}" {where}; expected one of: {", ".join(allowed)}')

    def mapping(self, data: LocDict, key: str, where: str) -> LocDict | None:
        """data[key] when it is a mapping (or absent: None)."""
        value = data.get(key)
        if value is None or isinstance(value, dict):
            return value
        self.error(data.line_of(key), f'"{key}" {where} must be a mapping, not {type_name(value)}')
        return None

    def text(self, data: LocDict, key: str, where: str, *, required: bool = False, allow_empty: bool = False) -> str | None:
        """data[key] as a string, reporting absence, wrong type or emptiness."""
        if key not in data:
            if required:
                self.error(data.line, f'missing key "{key}" {where}')
            return None
        value = data[key]
        if not isinstance(value, str):  # `id: 7`, `pattern: 12`: quote it; a number is not taken as text
            self.error(data.line_of(key), f'"{key}" {where} must be a string, not {type_name(value)}')
            return None
        if not value.strip() and not allow_empty:
            self.error(data.line_of(key), f'"{key}" {where} must not be empty')
            return None
        return value

    def strings(self, data: LocDict, key: str, where: str) -> list[tuple[str, int]]:
        """data[key] as a list of non-empty strings with their lines (`hosts: a.com` is refused: write [a.com])."""
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            lines = value.item_lines if isinstance(value, LocList) else [data.line_of(key)] * len(value)
        else:
            self.error(data.line_of(key), f'"{key}" {where} must be a list of strings, not {type_name(value)}')
            return []
        out = []
        for item, line in zip(value, lines):
            if isinstance(item, str) and item.strip():
                out.append((item, line))
            else:
                self.error(line, f'"{key}" {where} must hold non-empty strings, not {type_name(item) if item != "" else "an empty string"}')
        return out

    def pattern(self, source: str, line: int, what: str, *, whole_line: bool = False):
        """Compile a pattern, reporting RE2's complaint at line."""
        try:
            return compile_pattern(source, whole_line=whole_line)
        except PatternError as exc:
            self.error(line, f"{what}: {exc}")
            return None


def check_match(c: Checker, data: LocDict) -> Match | None:
    """Read a file's `match:` section."""
    where = 'in "match"'
    c.keys(data, MATCH_KEYS, where)
    hosts = []
    for host, line in c.strings(data, "hosts", where):
        host = host.lower().strip()
        host = host[4:] if host.startswith("www.") else host
        if HOST_RE.match(host):
            hosts.append(host)
        else:
            c.error(line, f'host "{host}" is not a host name; write "example.com" or "*.example.com"')
    urls = [c.pattern(s, line, "url pattern") for s, line in c.strings(data, "urls", where)]
    prints = [c.pattern(s, line, "fingerprint") for s, line in c.strings(data, "fingerprints", where)]
    minimum = data.get("min_fingerprints", 1)
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 1:
        what = "" if isinstance(minimum, int) and not isinstance(minimum, bool) else f", not {type_name(minimum)}"
        c.error(data.line_of("min_fingerprints"), f'"min_fingerprints" must be a whole number of at least 1{what}')
        minimum = 1
    elif prints and minimum > len(prints):
        c.error(data.line_of("min_fingerprints"), f'"min_fingerprints" is {minimum} but only {len(prints)} fingerprints are listed')
    if not any(data.get(k) for k in ("hosts", "urls", "fingerprints")):
        c.error(data.line, '"match" names no hosts, urls or fingerprints')
    return Match(tuple(hosts), tuple(p for p in urls if p), tuple(p for p in prints if p), minimum)


def check_rule(c: Checker, data: Any, line: int, file_name: str, seen: dict[str, int]) -> Rule | None:
    """Read one entry of `rules:`."""
    if not isinstance(data, LocDict):
        c.error(line, f"each rule must be a mapping, not {type_name(data)}")
        return None
    rid = c.text(data, "id", "in rule", required=True)
    where = f'in rule "{rid}"' if rid else "in rule"
    if rid is not None:
        if not ID_RE.match(rid):
            c.error(data.line_of("id"), f'rule id "{rid}" must be lower-case letters, digits, ".", "_" or "-"')
        elif rid in seen:
            c.error(data.line_of("id"), f'duplicate rule id "{rid}" (first at line {seen[rid]})')
        seen.setdefault(rid, data.line_of("id"))
    kind = c.text(data, "kind", where, required=True)
    description = c.text(data, "description", where, required=True)
    if kind is not None and kind not in KINDS:
        c.error(data.line_of("kind"), f'unknown kind "{kind}" {where}; expected one of: {", ".join(KINDS)}')
        return None
    if kind is None:
        return None
    keys: dict[str, Key] = KINDS[kind].KEYS
    c.keys(data, RULE_KEYS + tuple(keys), where)
    before = len(c.errors)
    params = {name: _param(c, data, name, key, where) for name, key in keys.items()}
    _one_trigger(c, data, trigger_keys(KINDS[kind].TRIGGER), where)
    for key, message in KINDS[kind].validate(params, where):  # what the kind itself asks beyond types
        c.error(data.line_of(key), message)
    within = _within(c, data, where)
    examples = _examples(c, data.get("examples"), data.line_of("examples"), where) if "examples" in data else Examples()
    if rid is None or description is None or len(c.errors) > before:
        return None
    return Rule(f"{file_name}/{rid}", kind, description, params, within, examples, c.path, data.line)


def _one_trigger(c: Checker, data: LocDict, alternatives: tuple[str, ...], where: str) -> None:
    """A kind with alternative trigger keys (drop-line: pattern or lines) takes exactly one of them."""
    if len(alternatives) < 2:
        return
    given = [k for k in alternatives if k in data]
    if not given:
        c.error(data.line, f'missing key {" or ".join(f"{k!r}" for k in alternatives)} {where}'.replace("'", '"'))
    elif len(given) > 1:
        c.error(data.line_of(given[1]), f'{" and ".join(f"{k!r}" for k in given)} {where}: give only one'.replace("'", '"'))


def _param(c: Checker, data: LocDict, name: str, key: Key, where: str) -> Any:
    if name not in data:
        if key.required:
            c.error(data.line, f'missing key "{name}" {where}')
        return key.default
    line = data.line_of(name)
    value = data[name]
    if key.type == "lines":
        if not isinstance(value, list):
            c.error(line, f'"{name}" {where} must be a list of strings, one line each, not {type_name(value)}')
            return None
        items = c.strings(data, name, where)
        if len(items) < len(value):
            return None
        try:
            return compile_lines([text for text, _line in items])
        except PatternError as exc:
            c.error(line, f'"{name}" {where}: {exc}')
            return None
    if key.type == "bool":
        if not isinstance(value, bool):
            c.error(line, f'"{name}" {where} must be true or false, not {type_name(value)}')
        return value
    text = c.text(data, name, where, allow_empty=key.allow_empty)
    if text is None:
        return None
    if key.type == "choice" and text not in key.choices:
        c.error(line, f'"{name}" {where} must be one of: {", ".join(key.choices)}; got "{text}"')
        return None
    if key.type in ("pattern", "line-pattern"):
        return c.pattern(text, line, f'"{name}" {where}', whole_line=key.type == "line-pattern")
    return text  # a selector is checked by its kind (drop-element), which knows the engine


def _within(c: Checker, data: LocDict, where: str) -> tuple[str, int] | None:
    block = c.mapping(data, "within", where)
    if block is None:
        return None
    c.keys(block, ("first", "last"), f'in "within" {where}')
    sides = [k for k in ("first", "last") if k in block]
    if len(sides) != 1:
        c.error(block.line, f'"within" {where} takes exactly one of: first, last')
        return None
    n = block[sides[0]]
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        what = "" if isinstance(n, int) and not isinstance(n, bool) else f", not {type_name(n)}"
        c.error(block.line_of(sides[0]), f'"within.{sides[0]}" {where} must be a whole number of at least 1{what}')
        return None
    return sides[0], n


def _examples(c: Checker, data: Any, line: int, where: str) -> Examples:
    if not isinstance(data, LocDict):
        c.error(line, f'"examples" {where} must be a mapping (keys: {", ".join(EXAMPLE_KEYS)}), not {type_name(data)}')
        return Examples()
    c.keys(data, EXAMPLE_KEYS, f'in "examples" {where}')
    remove = tuple(s for s, _ in c.strings(data, "remove", f'in "examples" {where}'))
    keep = tuple(s for s, _ in c.strings(data, "keep", f'in "examples" {where}'))
    rewrite, capture = [], []
    for key, out, field in (("rewrite", rewrite, "result"), ("capture", capture, "metadata")):
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):  # checked before len(): `rewrite: 5` has none
            c.error(data.line_of(key), f'"examples.{key}" {where} must be a list of mappings, not {type_name(items)}')
            continue
        lines = getattr(items, "item_lines", [data.line_of(key)] * len(items))
        for item, item_line in zip(items, lines):
            if not isinstance(item, LocDict) or set(item) != {"text", field}:
                c.error(item_line, f'each "examples.{key}" item {where} needs exactly the keys: text, {field}')
                continue
            text = c.text(item, "text", where)
            if field == "result":
                value = c.text(item, "result", where, allow_empty=True)
            else:
                value = item["metadata"] if isinstance(item["metadata"], dict) else None
                if value is None:
                    c.error(item.line_of("metadata"), f'"metadata" of a capture example {where} must be a mapping, not {type_name(item["metadata"])}')
                else:
                    for name in [k for k in value if not isinstance(value[k], str)]:
                        c.error(value.line_of(name), f'"{name}" in the "metadata" of a capture example {where} must be a string, not {type_name(value[name])}')
                    value = {k: v for k, v in value.items() if isinstance(v, str)}
            if text is not None and value is not None:
                out.append((text, value))
    return Examples(remove, keep, tuple(rewrite), tuple(capture))
