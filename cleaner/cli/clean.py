"""`cleaner clean`: clean files, folders or stdin; write results under -o or to stdout."""
from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

import click

from ..document import clean_document
from ..io import InputError, iter_inputs, read_input, read_stdin, safe_output_path, write_atomic
from .common import EXIT_FOUND, EXIT_OK, EXIT_USAGE, load_rules, no_default_option, parse_size, rules_option, url_option
from .formats import FORMATS, SUFFIX, render
from .summary import Summary


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output folder (for jsonl: output file). Default: stdout.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True, help="Output format.")
@rules_option
@no_default_option
@url_option
@click.option("--as", "kind", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True, help="Treat input as scraped text or HTML (auto: by content).")
@click.option("--max-size", default="50MB", show_default=True, help="Skip (and report) input files larger than this.")
@click.option("--exclude", multiple=True, help="Glob of paths to skip inside folders. Repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def clean(paths, output, fmt, rule_dirs, no_default_rules, url, kind, max_size, exclude, quiet):
    """Clean PATHS (files, folders, or - for stdin)."""
    limit = parse_size(max_size)
    rules = load_rules(rule_dirs, no_default_rules)
    summary = Summary()
    if "-" in [str(p) for p in paths]:
        if len(paths) > 1:
            raise click.UsageError("'-' (stdin) cannot be mixed with other paths")
        try:
            decoded = read_stdin(sys.stdin.buffer, max_bytes=limit)
        except InputError as exc:
            click.echo(f"<stdin>: error: {exc}", err=True)
            sys.exit(EXIT_FOUND)
        result = clean_document(decoded.text, rules, url=url, kind=kind)
        out = render(result, fmt, None)
        _emit(out, output, PurePosixPath("stdin"), fmt)
        summary.add(result, len(decoded.text.encode()), len(out.encode()))
        _close(summary, rules, quiet)
        return
    try:
        inputs = list(iter_inputs(paths, exclude=exclude))
    except FileNotFoundError as exc:
        raise click.UsageError(f"{exc.filename}: no such file or folder") from None
    if fmt == "json" and output is None and len(inputs) > 1:
        raise click.UsageError("--format json to stdout takes one file; use --format jsonl or -o DIR")
    jsonl_lines: list[str] = []
    show = not quiet and sys.stderr.isatty() and len(inputs) > 1
    with click.progressbar(inputs, label="cleaning", file=sys.stderr, hidden=not show) as bar:
        for item in bar:
            try:
                decoded = read_input(item.path, max_bytes=limit)
                result = clean_document(decoded.text, rules, url=url, kind=kind)
            except InputError as exc:
                click.echo(f"{item.path}: error: {exc}", err=True)
                summary.failed.append(str(item.path))
                continue
            out = render(result, fmt, str(item.path))
            if fmt == "jsonl" and output is not None:
                jsonl_lines.append(out)
            else:
                try:
                    _emit(out, output, item.rel, fmt)
                except (OSError, ValueError) as exc:
                    click.echo(f"{item.path}: error: cannot write output: {exc}", err=True)
                    summary.failed.append(str(item.path))
                    continue
            summary.add(result, len(decoded.text.encode()), len(out.encode()))
    if fmt == "jsonl" and output is not None:
        write_atomic(output, "".join(jsonl_lines))
    _close(summary, rules, quiet)


def _emit(text: str, output: Path | None, rel: PurePosixPath, fmt: str) -> None:
    if output is None:
        click.echo(text, nl=False)
    elif fmt == "jsonl":
        write_atomic(output, text)
    else:
        write_atomic(safe_output_path(output, rel, suffix=SUFFIX[fmt]), text)


def _close(summary: Summary, rules, quiet: bool) -> None:
    if not quiet:
        summary.echo()
    if rules.errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FOUND if summary.failed else EXIT_OK)
