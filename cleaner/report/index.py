"""The index: every input with its site, sizes, removals per rule and flags; totals per rule."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from cleaner.report.assets import INDEX_JS
from cleaner.report.marks import attr
from cleaner.report.page import document
from cleaner.report.rules import RuleInfo, info


@dataclass
class Row:
    """One input as the index lists it (picklable: workers make them)."""

    path: str
    href: str | None  # its page view, relative to the index
    site: str | None = None
    packs: tuple[str, ...] = ()
    size_in: int = 0
    size_out: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    error: str | None = None


def render_index(rows: list[Row], table: dict[str, RuleInfo], title: str = "cleaner report") -> str:
    """The index page."""
    totals: Counter = Counter()
    pages: Counter = Counter()
    for row in rows:
        totals.update(row.counts)
        pages.update(row.counts.keys())
    flagged = sum(bool(r.flags or r.error) for r in rows)
    size_in, size_out = sum(r.size_in for r in rows), sum(r.size_out for r in rows)
    head = (f"<h1>{escape(title)}</h1><div>{len(rows):,} inputs · {size_in:,} → {size_out:,} bytes · "
            f"{sum(totals.values()):,} removals by {len(totals)} rules · {flagged:,} flagged</div>")
    main = _totals(totals, pages, table) + _pages(rows)
    return document(title, head, main, "", INDEX_JS)


def _totals(totals: Counter, pages: Counter, table: dict[str, RuleInfo]) -> str:
    rows = []
    for rid, n in totals.most_common():
        r = info(table, rid)
        rows.append(f'<tr><td><span class="sw" style="--h:{r.hue}"></span> {escape(rid)}</td><td>{escape(r.kind)}</td>'
                    f'<td class="num">{n:,}</td><td class="num">{pages[rid]:,}</td><td>{escape(r.where)}</td>'
                    f"<td>{escape(r.description)}</td></tr>")
    return ('<section><h2>Removals per rule</h2><table id="rules"><thead><tr><th>rule</th><th>kind</th>'
            '<th class="num">removals</th><th class="num">pages</th><th>file and line</th><th>description</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def _pages(rows: list[Row]) -> str:
    heads = (("#", "num"), ("input", "text"), ("site or packs", "text"), ("bytes in", "num"), ("bytes out", "num"),
             ("removals", "num"), ("per rule", "text"), ("flags", "text"))
    th = "".join(f'<th data-sort="{kind}"{" class=num" * (kind == "num")}>{escape(name)}</th>' for name, kind in heads)
    body = [_row(n, row) for n, row in enumerate(rows, 1)]
    return ('<section><h2>Pages</h2><label><input type="checkbox" id="flagged"> flagged only</label>'
            f'<table id="pages"><thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table></section>')


def _row(n: int, row: Row) -> str:
    name = f"<a href={attr(row.href)}>{escape(row.path)}</a>" if row.href else escape(row.path)
    claim = row.site or (", ".join(row.packs) and f"packs: {', '.join(row.packs)}") or ""
    counts = sorted(row.counts.items(), key=lambda item: -item[1])
    per_rule = ", ".join(f"{escape(rid)} ×{c}" for rid, c in counts)
    flags = [f"error: {row.error}"] if row.error else row.flags
    shown = "".join(f'<span class="flag">{escape(f)}</span>' for f in flags)
    total = sum(row.counts.values())
    return (f'<tr data-flags={attr("; ".join(flags))}><td class="num" data-v="{n}">{n}</td>'
            f"<td data-v={attr(row.path)}>{name}</td><td data-v={attr(claim)}>{escape(claim)}</td>"
            f'<td class="num" data-v="{row.size_in}">{row.size_in:,}</td><td class="num" data-v="{row.size_out}">{row.size_out:,}</td>'
            f'<td class="num" data-v="{total}">{total:,}</td><td data-v={attr(per_rule)}>{per_rule}</td>'
            f"<td data-v={attr('; '.join(flags))}>{shown}</td></tr>")
