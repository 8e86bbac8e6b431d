"""Write a learned site as a rule file a person can review: YAML with the evidence in comments."""
from __future__ import annotations

from datetime import date

from cleaner.kinds import HTML_KINDS, KINDS, READING_ORDER
from cleaner.learn.model import LearnedSite, Proposal


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


def render_rule_file(site: LearnedSite) -> str:
    """The rule file's text for a learned site."""
    out = [
        f"# Learned by `cleaner learn` from {site.pages} pages of {site.site} on {date.today().isoformat()}.",
        "# Review before committing: each rule says on how many of the pages it acted; the examples",
        "# are lines of those pages (`cleaner rules check` runs them).",
    ]
    out += [f"# Note: {note}" for note in site.notes]
    out += [f"site: {site.site}", f"description: {yaml_str(f'Rules learned from {site.pages} pages of {site.site}.')}"]
    if site.extends:
        out.append("extends: [" + ", ".join(site.extends) + "]")
    if site.disable:
        out.append("disable: [" + ", ".join(site.disable) + "]")
    out += ["match:", f"  hosts: [{yaml_str(site.site)}, {yaml_str('*.' + site.site)}]"]
    if site.fingerprints:
        out.append("  fingerprints: [" + ", ".join(yaml_str(f) for f in site.fingerprints) + "]")
        out.append(f"  min_fingerprints: {min(2, len(site.fingerprints))}")
    if site.html:
        out.append("html:")
        out += [f"  {key}: {yaml_str(value)}" for key, value in site.html.items()]
    rules = sorted(site.proposals, key=lambda p: READING_ORDER.index(p.kind))
    out.append("rules:" if rules else "rules: []")
    for proposal in rules:
        out += render_rule(proposal)
    return "\n".join(out) + "\n"


def render_rule(p: Proposal) -> list[str]:
    """The YAML lines of one rule."""
    out = [
        "",
        f"  # support {p.support}/{p.pages} pages, confidence {p.confidence:.2f}",
        f"  - id: {p.rule_id}",
        f"    kind: {p.kind}",
        f"    description: {yaml_str(p.description)}",
    ]
    for key in sorted(p.params, key=list(KINDS[p.kind].KEYS).index):  # keys as the kind declares them
        value = p.params[key]
        out.append(f"    {key}: {str(value).lower() if isinstance(value, bool) else yaml_str(value)}")
    if p.within:
        out.append(f"    within: {{{p.within[0]}: {p.within[1]}}}")
    if p.kind in HTML_KINDS:
        # Examples run on text; what an element rule removed on the pages is shown as comments.
        out += [f"    # e.g. {yaml_str(text)}" for text in p.remove]
        return out
    if p.remove or p.keep or p.capture:
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
