"""Write a learned site as a rule file a person can review and diff: YAML with the evidence in
comments, one listed line per YAML entry, no line over MAX_LINE characters, the same bytes for
the same pages (no date, no order that depends on hashing)."""
from __future__ import annotations

from cleaner.kinds import HTML_KINDS, KINDS, READING_ORDER
from cleaner.learn.model import LearnedSite, Proposal

MAX_LINE = 200
SCHEMA_LINE = "# yaml-language-server: $schema={url}"


def yaml_str(text: str) -> str:
    """A YAML scalar for text: single-quoted when it can be (patterns stay readable), else double-quoted with escapes."""
    if text and all(_plain(ch) for ch in text):
        return "'" + text.replace("'", "''") + "'"
    return '"' + "".join(_escape_char(ch) for ch in text) + '"'


def _plain(ch: str) -> bool:
    """Characters YAML allows as they are in a quoted scalar (its c-printable set, no tab, no BOM)."""
    o = ord(ch)
    return 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or (0xE000 <= o <= 0xFFFD and o != 0xFEFF) or o >= 0x10000


def _escape_char(ch: str) -> str:
    if ch in '"\\':
        return "\\" + ch
    if _plain(ch):
        return ch
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def key_value(indent: str, key: str, text: str) -> list[str]:
    """`key: 'text'` on one line, or, when that would pass MAX_LINE, a double-quoted scalar whose
    line breaks are escaped (YAML joins the pieces with nothing between them)."""
    line = f"{indent}{key}: {yaml_str(text)}"
    if len(line) <= MAX_LINE:
        return [line]
    out = [f'{indent}{key}: "']
    for ch in text:
        part = _escape_char(ch)
        if len(out[-1]) + len(part) + 2 > MAX_LINE:  # room for the part and a closing '\\' or '"'
            out[-1] += "\\"
            out.append(indent + "  ")
            part = "\\x20" if ch == " " else part  # YAML drops a continuation line's leading spaces
        out[-1] += part
    out[-1] += '"'
    return out


def render_rule_file(site: LearnedSite, *, examples: bool = True, schema_url: str | None = None) -> str:
    """The rule file's text for a learned site."""
    out = [SCHEMA_LINE.format(url=schema_url)] if schema_url else []
    out += [
        f"# Learned by `cleaner learn` from {site.pages} pages of {site.site}.",
        "# Review before committing: each rule says on how many of the pages it acted; the examples",
        "# are lines of those pages (`cleaner rules check` runs them).",
    ]
    out += [_clip(f"# Note: {note}") for note in site.notes]
    out += [f"site: {site.site}", f"description: {yaml_str(f'Rules learned from {site.pages} pages of {site.site}.')}"]
    if site.extends:
        out.append("extends: [" + ", ".join(site.extends) + "]")
    if site.disable:
        out.append("disable:")
        out += [f"  - {rid}" for rid in site.disable]
    out += ["match:", f"  hosts: [{yaml_str(site.site)}, {yaml_str('*.' + site.site)}]"]
    if site.fingerprints:
        out.append("  fingerprints:")
        out += [f"    - {yaml_str(f)}" for f in site.fingerprints]
        out.append(f"  min_fingerprints: {min(2, len(site.fingerprints))}")
    if site.html:
        out.append("html:")
        for key, value in site.html.items():
            out += key_value("  ", key, value)
    rules = sorted(site.proposals, key=lambda p: READING_ORDER.index(p.kind))
    out.append("rules:" if rules else "rules: []")
    for proposal in rules:
        out += render_rule(proposal, examples=examples)
    return "\n".join(out) + "\n"


def _clip(line: str) -> str:
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


def render_rule(p: Proposal, *, examples: bool = True) -> list[str]:
    """The YAML lines of one rule."""
    out = ["", f"  - id: {p.rule_id}", f"    kind: {p.kind}"]
    out += key_value("    ", "description", p.description)
    for key in sorted(p.params, key=list(KINDS[p.kind].KEYS).index):  # keys as the kind declares them
        value = p.params[key]
        if isinstance(value, list):
            out.append(f"    {key}:")
            out += [f"      - {yaml_str(item)}" for item in value]
        elif isinstance(value, bool):
            out.append(f"    {key}: {str(value).lower()}")
        else:
            out += key_value("    ", key, value)
    if p.within:
        out.append(f"    within: {{{p.within[0]}: {p.within[1]}}}")
    if p.kind in HTML_KINDS:
        # Examples run on text; what an element rule removed on the pages is shown as comments.
        return out + [_clip(f"    # e.g. {yaml_str(text)}") for text in p.remove]
    if not examples or not (p.remove or p.keep or p.capture):
        return out
    out.append("    examples:")
    if p.remove:
        out.append("      remove:")
        out += [f"        - {yaml_str(text)}" for text in p.remove]
    if p.capture:
        out.append("      capture:")
        for text, fields in p.capture:
            meta = ", ".join(f"{k}: {yaml_str(v)}" for k, v in fields.items())
            out.append(f"        - {{text: {yaml_str(text)}, metadata: {{{meta}}}}}")
    if p.keep:
        out.append("      keep:")
        out += [f"        - {yaml_str(text)}" for text in p.keep]
    return out
