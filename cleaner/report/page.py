"""A page view: the page as it came in, every removal in place, the rules and metadata beside it."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from cleaner.html.blocks import normalize_space
from cleaner.report.assets import CSP, CSS, PAGE_JS
from cleaner.report.html_view import HtmlBlock
from cleaner.report.marks import attr, heads, removal_tag
from cleaner.report.rules import RuleInfo, info
from cleaner.result import Removal, Result


@dataclass
class PageView:
    """What a page view shows; `blocks`/`lost` only for HTML inputs (see html_view.page_blocks)."""

    path: str
    result: Result
    text: str  # the page's text as cleaned: the input for scraped text, the extracted text for HTML
    reading: str  # how the bytes were read
    flags: list[str]
    size_in: int
    size_out: int
    blocks: list[HtmlBlock] | None = None
    lost: list[int] = field(default_factory=list)


def render_page(view: PageView, table: dict[str, RuleInfo], index_href: str = "../index.html") -> str:
    """The whole page view as one self-contained HTML document."""
    result = view.result
    counts = Counter(r.rule for r in result.removals)
    rules = {rid: info(table, rid) for rid in counts}
    head = heads(rules)
    body = []
    if view.blocks is not None:
        body.append(_section("The page's blocks in reading order (removed elements struck through)",
                             _html_blocks(view, head)))
        title = "The extracted text, as the text rules saw it"
    else:
        title = "The page"
    body.append(_section(title, _text_lines(view.text, result.removals, head)))
    flags = "".join(f'<span class="flag">{escape(f)}</span>' for f in view.flags)
    head = (f"<h1>{escape(view.path)}</h1><div><a href={attr(index_href)}>index</a> · site "
            f"<b>{escape(result.site or '(none)')}</b> · packs {escape(', '.join(result.packs) or '(none)')}"
            f" · read as {escape(view.reading)} · {view.size_in:,} → {view.size_out:,} bytes · "
            f"{len(result.removals)} removals {flags}</div>")
    data = {rid: {"description": r.description, "where": r.where, "kind": r.kind} for rid, r in rules.items()}
    return document(view.path, head, "".join(body), _aside(result, rules, counts), PAGE_JS, data)


def document(title: str, head: str, main: str, aside: str, script: str, data: object | None = None) -> str:
    """An HTML document: inline style and script, no request allowed."""
    payload = ""
    if data is not None:  # JSON in a script element: '<' escaped, so no page text can close it
        text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        payload = f'<script type="application/json" id="rules-data">{text}</script>'
    side = f"<aside>{aside}</aside>" if aside else ""
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content={attr(CSP)}>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · cleaner report</title><style>{CSS}</style></head>\n"
            f'<body><header>{head}</header><div class="wrap"><main>{main}</main>{side}</div>'
            f"{payload}<script>{script}</script></body></html>\n")


def _section(title: str, inner: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{inner}</section>"


def _text_lines(text: str, removals: tuple[Removal, ...], head: dict[str, str]) -> str:
    """One list item per line; whole-line removals wrap their line, span removals their span.

    Most lines of a page are kept or removed whole: those take one f-string each, from the page
    escaped at once. Line numbers are CSS counters.
    """
    by_line: dict[int, list[int]] = {}
    for k, r in enumerate(removals):
        if r.line:
            by_line.setdefault(r.line, []).append(k)
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = escape(raw, quote=False).split("\n")
    if lines and lines[-1] == "" and len(lines) not in by_line:
        lines.pop()  # the final newline is no line of its own
    lines += [""] * (max(by_line, default=0) - len(lines))  # a removal past the end still shows
    raw_lines: list[str] | None = None
    out = ['<ol class="page">']
    for n, line in enumerate(lines, 1):
        ks = by_line.get(n)
        if ks is None:
            out.append(f"<li>{line}</li>")
            continue
        if len(ks) == 1 and removals[ks[0]].column is None:
            r = removals[ks[0]]
            out.append(f'<li class="rm">{removal_tag(ks[0], r, head[r.rule], line)}</li>')
            continue
        if raw_lines is None:
            raw_lines = raw.split("\n")
        out.append(_mixed_line(raw_lines[n - 1] if n <= len(raw_lines) else "", ks, removals, head))
    out.append("</ol>")
    return "".join(out)


def _mixed_line(line: str, ks: list[int], removals: tuple[Removal, ...], head: dict[str, str]) -> str:
    """A line with spans removed, or removed whole by more than one removal."""
    whole = [k for k in ks if removals[k].column is None]
    spans = sorted((k for k in ks if removals[k].column is not None), key=lambda k: removals[k].column)
    if not whole:
        return f'<li class="sp">{_spans(line, spans, removals, head)}</li>'
    inner = removal_tag(whole[0], removals[whole[0]], head[removals[whole[0]].rule], escape(line, quote=False))
    inner += "".join(removal_tag(k, removals[k], head[removals[k].rule], escape(f"+{removals[k].rule}"), also=True)
                     for k in whole[1:])
    return f'<li class="rm">{inner}{_spans("", spans, removals, head)}</li>'


def _spans(line: str, ks: list[int], removals: tuple[Removal, ...], head: dict[str, str]) -> str:
    """The line with each span removal marked; a span whose columns no longer fit the line goes at its end."""
    parts, last, late = [], 0, []
    for k in ks:
        r = removals[k]
        start = r.column - 1  # type: ignore[operator]
        if start < last or line[start:start + len(r.text)] != r.text:
            late.append(k)  # a later edit on an edited line: its columns refer to the edited text
            continue
        parts.append(escape(line[last:start], quote=False))
        parts.append(removal_tag(k, r, head[r.rule], escape(r.text, quote=False)))
        if r.replacement is not None:
            parts.append(f"<ins>{escape(r.replacement, quote=False)}</ins>")
        last = start + len(r.text)
    parts.append(escape(line[last:], quote=False))
    for k in late:
        parts.append(" " + removal_tag(k, removals[k], head[removals[k].rule], escape(removals[k].text, quote=False)))
    return "".join(parts)


def _html_blocks(view: PageView, head: dict[str, str]) -> str:
    """The HTML page's blocks; consecutive blocks of one removed element make one struck-through element."""
    removals = view.result.removals
    kept = {normalize_space(line) for line in view.result.text.splitlines() if line.strip()}
    out: list[str] = []
    blocks = view.blocks or []
    shown: set[int] = set()
    i = 0
    while i < len(blocks):
        k = blocks[i].removal
        if k is None:
            cls = "blk kp" if blocks[i].text in kept else "blk out"
            out.append(f'<div class="{cls}">{escape(blocks[i].text, quote=False)}</div>')
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].removal == k:
            j += 1
        inner = "".join(f'<span class="b">{escape(b.text, quote=False)}</span>' for b in blocks[i:j])
        if k in shown:  # the rest of an element another removal's element cut in two: struck, not counted again
            out.append(f'<div class="blk rm"><s>{inner}</s></div>')
        else:
            out.append(f'<div class="blk rm">{removal_tag(k, removals[k], head[removals[k].rule], inner)}</div>')
        shown.add(k)
        i = j
    if view.lost:
        out.append('<p class="muted">Removed elements not found again in the page (or page-wide):</p>')
        out += [f'<div class="blk rm">{removal_tag(k, removals[k], head[removals[k].rule], escape(removals[k].text, quote=False))}</div>'
                for k in view.lost]
    return "".join(out)


def _aside(result: Result, rules: dict[str, RuleInfo], counts: Counter) -> str:
    """Filters, the rules with their counts, the details of the removal clicked, the metadata."""
    modes = "".join(f'<label><input type="radio" name="mode" value="{v}"{" checked" * (v == "all")}> {label}</label> '
                    for v, label in (("all", "all"), ("kept", "kept only"), ("removed", "removed only")))
    legend = "".join(
        f'<label title={attr(f"{r.where}: {r.description}")}><input type="checkbox" class="rule" value={attr(rid)} checked> '
        f'<span class="sw" style="--h:{r.hue}"></span> {escape(rid)} <span class="muted">×{counts[rid]} · {escape(r.where)}</span></label>'
        for rid, r in sorted(rules.items(), key=lambda item: -counts[item[0]]))
    fields = (("rule", "rule"), ("desc", "description"), ("where", "file and line"), ("kind", "kind"), ("line", "line"),
              ("text", "matched text"), ("rep", "replacement"), ("cap", "captured"), ("sel", "selector"),
              ("yaml", "drop-element rule to paste"))
    detail = "".join(f'<div><b>{label}</b><pre data-f="{f}"></pre></div>' for f, label in fields)
    meta = "".join(f"<dt>{escape(str(k))}</dt><dd>{escape(str(v))}</dd>" for k, v in result.metadata.items())
    return (f'<section><h2>Show</h2>{modes}<div id="shown" class="muted"></div></section>'
            f'<section class="rules"><h2>Rules</h2><button id="all-rules" type="button">all</button> '
            f'<button id="no-rules" type="button">none</button>{legend}</section>'
            f'<section id="detail" hidden><h2>Removal</h2>{detail}</section>'
            f'<section><h2>Metadata</h2><dl class="meta">{meta or "<dd class=muted>(none)</dd>"}</dl></section>')
