"""`cleaner explain`: the page with every removed line or span marked with the rule that removed it."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from cleaner.cli.common import (
    EXIT_FOUND,
    disable_option,
    load_rules,
    main_content_option,
    no_cache_option,
    no_default_option,
    rules_option,
    url_option,
)
from cleaner.cli.explain_view import collapsed, kept_lines, summary, use_color
from cleaner.core.cleaner import Cleaner
from cleaner.io import Decoded, InputError, read_input
from cleaner.io.guess import DOUBTFUL, encoding_warning
from cleaner.io.jsonl import is_jsonl_name, read_lines
from cleaner.options import MARKUPS, Options
from cleaner.result import Removal, Result
from cleaner.run.records import RecordError, page_of, parse_record


@click.command(short_help="Show a page with each removal marked by its rule.")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@rules_option
@no_default_option
@no_cache_option
@disable_option
@url_option
@click.option("--as", "markup", type=click.Choice(MARKUPS), default="auto", show_default=True,
              help="Treat input as scraped text or HTML (auto: by content).")
@click.option("--only-removed", is_flag=True, help="Show only the lines that lost something.")
@click.option("--record", "record_line", type=click.IntRange(min=1), default=None,
              help="PATH is JSON Lines: explain the record on this line.")
@main_content_option
@click.option("--collapse", is_flag=True, help="Fold runs of lines removed by one rule into 'lines 1–95 removed by RULE'.")
@click.option("--kept", is_flag=True, help="Show only what stays, with line numbers.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the output; auto: on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it).")
def explain(path, rule_dirs, no_default_rules, disable, url, markup, only_removed, record_line, main_content,
            collapse, kept, color):
    """Show PATH with each removal marked: '-' line removed, '~' span removed, ' ' kept; a summary per rule at the end.

    \b
    Examples:
      cleaner explain page.txt
      cleaner explain page.txt --collapse --color always | less -R
      cleaner explain corpus.jsonl --record 12 --only-removed
      cleaner explain page.html --url https://news.cri.cn/x.html
    """
    rules = load_rules(rule_dirs, no_default_rules, disable)
    cleaner = Cleaner(rules, Options(markup=markup, main_content=main_content))
    if record_line is None and is_jsonl_name(path.name):
        raise click.UsageError(f"{path} holds JSON records: name one with --record LINE")
    try:
        if record_line is not None:
            page, record_url, markup = _record(path, record_line, markup)
            url, where, reading = url or record_url, f"{path}:{record_line}", "a JSON record"
        else:
            decoded = read_input(path, max_bytes=1 << 30)
            page, where, reading = decoded.text, str(path), _reading(decoded)
            if decoded.confidence < DOUBTFUL:
                click.echo(f"{path}: warning: {encoding_warning(decoded)}", err=True)
        result = cleaner.reading(markup).clean(page, url, keep_extracted=True)
    except (InputError, RecordError) as exc:  # a damaged stream is the file's error, not the record's
        where = f"{path}:{record_line}" if record_line and isinstance(exc, RecordError) else str(path)
        click.echo(f"{where}: error: {exc}", err=True)
        sys.exit(EXIT_FOUND)
    except Exception as exc:  # a page that breaks the cleaner: one line, as `cleaner clean` reports it
        click.echo(f"{path}{f':{record_line}' if record_line else ''}: error: cannot clean: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_FOUND)
    colour = use_color(color)
    click.echo(f"# {where}: site {result.site or '(none)'}; packs {', '.join(result.packs) or '(none)'}")
    click.echo(f"# read as: {reading}")
    for key, value in result.metadata.items():
        click.echo(f"# {key}: {value}")
    text = result.extracted or page
    if kept:
        lines = kept_lines(text, result)
    else:
        lines = explain_lines(text, result, only_removed=only_removed)
        lines = collapsed(lines, text, result) if collapse else lines
    for line in lines + summary(result, text):
        click.echo(line, color=colour)


def _record(path: Path, number: int, markup: str) -> tuple[str, str | None, str]:
    """The page, URL and markup of the record on line `number` of a JSON Lines file."""
    try:
        for n, line in read_lines(path, max_line=1 << 30):
            if n == number:
                break
            if n > number:
                raise RecordError(f"no record on line {number}")
        else:
            raise RecordError(f"no record on line {number}")
    except (RecordError, InputError):
        raise  # InputError: a truncated or corrupt stream, already said in full
    except Exception as exc:  # unreadable, truncated or corrupt stream (gzip, zstd)
        raise InputError(f"cannot read: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}") from None
    page, url, page_markup = page_of(parse_record(line), markup, parsed=True)  # type: ignore[arg-type]
    return page, url, page_markup


def _reading(decoded: Decoded) -> str:
    """How the file's bytes were read: the encoding, and what decoding had to mend."""
    what = f"{decoded.encoding} ({', '.join(decoded.parts)}, line by line)" if decoded.parts else decoded.encoding
    if decoded.bom:
        what += " with BOM"
    if decoded.confidence < 1:
        what += f" (guessed, confidence {decoded.confidence:.2f})"
    if decoded.repaired:
        what += f"; mojibake repaired ({decoded.repaired} layer{'s' * (decoded.repaired != 1)} undone)"
    if decoded.replaced:
        what += f"; {decoded.replaced} undecodable byte{'s' * (decoded.replaced != 1)} replaced by U+FFFD"
    return what


def explain_lines(text: str, result: Result, *, only_removed: bool = False) -> list[str]:
    """Render the annotated page: removed HTML elements first, then one output line per text line."""
    out = [click.style(f"- <{r.kind}>{f' {r.selector}:' if r.selector else ''} {_short(r.text)}", fg="red")
           + click.style(f"  [{r.rule}]", fg="yellow") for r in result.removals if r.line == 0]
    if result.extracted is not None:
        out.append("# the HTML page's extracted text, as the text rules saw it:")
    by_line: dict[int, list[Removal]] = {}
    for r in result.removals:
        if r.line:
            by_line.setdefault(r.line, []).append(r)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = len(str(len(lines)))
    for n, line in enumerate(lines, 1):
        removals = by_line.get(n, [])
        whole = [r for r in removals if r.column is None]
        spans = sorted((r for r in removals if r.column is not None), key=lambda r: r.column)
        if whole:
            ids = ", ".join(dict.fromkeys(r.rule for r in whole))
            extra = "".join(f" {k}={v}" for r in whole if r.captured for k, v in r.captured.items())
            out.append(click.style(f"{n:>{width}} - {line}", fg="red") + click.style(f"  [{ids}]{extra}", fg="yellow"))
        elif spans:
            out.append(f"{n:>{width}} ~ {_mark_spans(line, spans)}" + click.style(f"  [{', '.join(dict.fromkeys(r.rule for r in spans))}]", fg="yellow"))
        elif not only_removed:
            out.append(f"{n:>{width}}   {line}")
    return out


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mark_spans(line: str, spans: list[Removal]) -> str:
    parts, last = [], 0
    for r in spans:
        start = r.column - 1
        if start < last or line[start : start + len(r.text)] != r.text:
            continue  # a later edit on an already edited line: its columns refer to the edited text
        parts.append(line[last:start])
        new = f"→{r.replacement}" if r.replacement is not None else ""
        parts.append(click.style(f"[-{r.text}{new}-]", fg="red"))
        last = start + len(r.text)
    parts.append(line[last:])
    return "".join(parts)
