"""`cleaner learn`: learn a site's rule file from a folder (or list) of its pages."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from cleaner.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    load_rules,
    no_cache_option,
    no_default_option,
    rules_option,
    size_option,
)
from cleaner.io import (
    InputError,
    iter_inputs,
    looks_like_html,
    read_input,
    write_atomic,
)
from cleaner.io.globs import SEMANTICS
from cleaner.kinds import trigger_of
from cleaner.learn import LearnedSite, LearnOptions, learn_site, render_rule_file
from cleaner.options import MARKUPS
from cleaner.ruleset.json_schema import SCHEMA_FILE
from cleaner.ruleset.schema import HOST_RE

_DEFAULTS = LearnOptions()


@click.command(short_help="Learn a site's rule file from its pages.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--site", required=True, help="The site's host, e.g. news.163.com (the file claims it and its subdomains).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Rule file to write. Default: stdout.")
@click.option("--dry-run", is_flag=True, help="Print the proposed rules with their support and examples; write nothing.")
@click.option("--as", "markup", type=click.Choice(MARKUPS), default="auto", show_default=True,
              help="Learn from scraped text or from HTML (auto: what most pages are).")
@click.option("--min-support", type=click.IntRange(2), default=_DEFAULTS.min_support, show_default=True,
              help="Pages a line must occur on to become a rule (generic furniture excepted).")
@click.option("--min-share", type=click.FloatRange(0, 1), default=_DEFAULTS.min_share, show_default=True,
              help="Share of the pages a repeated line inside the article area must occur on to be dropped.")
@click.option("--max-markers", type=click.IntRange(1), default=_DEFAULTS.max_markers, show_default=True,
              help="Cut markers per side (header end, footer start), fallbacks included.")
@click.option("--frame-lines/--no-frame-lines", default=_DEFAULTS.frame_lines, show_default=True,
              help="Also drop the header and footer lines themselves, for pages a cut misses.")
@click.option("--frame-share", type=click.FloatRange(0, 1), default=_DEFAULTS.frame_share, show_default=True,
              help="Share of the pages a header or footer line must occur on to be listed.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=_DEFAULTS.min_confidence, show_default=True,
              help="Leave out rules that act on a smaller share of the pages (0.5: on half of them).")
@rules_option
@no_default_option
@no_cache_option
@click.option("--max-size", default="50MB", show_default=True, help="Skip (and report) input files larger than this.")
@click.option("--exclude", multiple=True, help=f"Glob of paths to skip inside folders ({SEMANTICS}). Repeatable.")
def learn(paths, site, output, dry_run, markup, min_support, min_share, max_markers, frame_lines, frame_share,
          min_confidence, rule_dirs, no_default_rules, max_size, exclude):
    """Learn a rule file for SITE from its pages (PATHS: files or folders of scraped text or HTML).

    \b
    Examples:
      cleaner learn pages/ --site news.example.com -o rules/news.example.com.yaml
      cleaner learn pages/ --site news.example.com --dry-run
    """
    host = site.strip().lower()
    host = host[4:] if host.startswith("www.") else host
    if not HOST_RE.match(host) or host.startswith("*."):
        raise click.UsageError(f'--site "{site}" is not a host name such as news.163.com')
    options = LearnOptions(min_support=min_support, min_share=min_share, max_markers=max_markers,
                           frame_lines=frame_lines, frame_share=frame_share, min_confidence=min_confidence)
    pages, failed = _read_pages(paths, exclude, size_option(max_size))
    if not pages:
        click.echo("error: no readable pages to learn from", err=True)
        sys.exit(EXIT_USAGE)
    as_html = markup == "html" or (markup == "auto" and 2 * sum(looks_like_html(t[:4096]) for _n, t in pages) > len(pages))
    base = load_rules(rule_dirs, no_default_rules)
    start = time.perf_counter()
    if as_html:
        from cleaner.learn.html import (
            learn_html_site,  # lazy: the text path never parses HTML
        )

        learned = learn_html_site(pages, host, options=options, base=base)
    else:
        learned = learn_site(pages, host, options=options, base=base)
    seconds = time.perf_counter() - start
    if dry_run:
        click.echo(describe(learned), nl=False)
    elif output is None:
        click.echo(render_rule_file(learned, schema_url=SCHEMA_FILE.as_uri()), nl=False)
    else:
        write_atomic(output, render_rule_file(learned, schema_url=_schema_url(output)))
    where = "nothing written (--dry-run)" if dry_run else f"wrote {output}" if output else "rule file on stdout"
    click.echo(f"learned {len(learned.proposals)} rules from {len(pages)} {'HTML' if as_html else 'text'} pages "
               f"in {seconds:.1f}s; {where}", err=True)
    if len(pages) < 2:
        click.echo("note: from a single page only generic furniture can be learned", err=True)
    sys.exit(EXIT_FOUND if failed else EXIT_OK)


def _schema_url(output: Path) -> str:
    """Where editors find the schema, relative to the written file (so a checkout can move)."""
    try:
        return Path(os.path.relpath(SCHEMA_FILE, output.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return SCHEMA_FILE.as_uri()


def _read_pages(paths: tuple[Path, ...], exclude: tuple[str, ...], max_size: int) -> tuple[list[tuple[str, str]], int]:
    """(name, text) of every readable page; unreadable ones are reported and counted."""
    pages, failed = [], 0
    for item in iter_inputs(paths, exclude=exclude):
        try:
            pages.append((str(item.rel), read_input(item.path, max_bytes=max_size).text))
        except InputError as exc:
            click.echo(f"{item.path}: error: {exc}", err=True)
            failed += 1
    return pages, failed


def describe(learned: LearnedSite) -> str:
    """What --dry-run prints: each proposed rule with its support, confidence and an example."""
    out = [f"{learned.site}: {len(learned.proposals)} rules from {learned.pages} pages"]
    if learned.extends:
        out.append(f"  extends: {', '.join(learned.extends)}")
    for key, value in learned.html.items():
        out.append(f"  html.{key}: {value}")
    for p in learned.proposals:
        trigger = trigger_of(p.kind, p.params)
        example = p.remove[0] if p.remove else p.capture[0][0] if p.capture else ""
        out.append(f"  {p.kind:10s} {p.rule_id:20s} seen on {p.support} of {p.pages} pages, "
                   f"confidence {p.confidence:.2f}")
        shown = " | ".join(trigger) if isinstance(trigger, list) else str(trigger)
        out.append(f"             {shown[:100]}")
        if example:
            out.append(f"             e.g. {example[:80]!r}")
    out += [f"  note: {note}" for note in learned.notes]
    return "\n".join(out) + "\n"
