"""`cleaner fix`: remove site furniture from text pages in place (the pages are chosen and read as by `check`)."""
from __future__ import annotations

import sys

import click

from cleaner.cli.check import (
    collect,
    config_option,
    inspect,
    paths_argument,
    quiet_option,
    report_inspection,
)
from cleaner.cli.common import EXIT_FOUND, EXIT_OK, no_default_option, rules_option
from cleaner.io.rewrite import Refused, write_fixed
from cleaner.run.formats import shown_path
from cleaner.run.summary import plural


@click.command()
@paths_argument
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when a file was rewritten.")
@click.option("--force", is_flag=True, help="Write even a fix that empties a file or removes more than max-loss of it.")
@click.option("--max-loss", type=click.FloatRange(0, 1), default=None,
              help="Refuse a fix that removes more than this share of a file's text [configuration, else 0.5].")
@config_option
@rules_option
@no_default_option
@quiet_option
def fix(paths, exit_non_zero_on_fix, force, max_loss, config_file, rule_dirs, no_default_rules, quiet):
    """Remove site furniture from PATHS in place, keeping each file's encoding and line endings."""
    fixed = removed = 0
    targets, failed = collect(paths, config_file, rule_dirs, no_default_rules)
    for target in targets:
        ins = inspect(target)
        failed += report_inspection(ins)
        if not ins.dirty:
            continue
        loss = target.config.max_loss if max_loss is None else max_loss
        try:
            write_fixed(ins.path, ins.decoded, ins.result.text, max_loss=loss, force=force)
        except Refused as exc:
            click.echo(f"{shown_path(ins.path)}: not fixed: {exc}", err=True)
            failed += 1
            continue
        except OSError as exc:
            click.echo(f"{shown_path(ins.path)}: error: cannot write: {exc.strerror or exc}", err=True)
            failed += 1
            continue
        fixed += 1
        removed += len(ins.result.removals)
        click.echo(f"{shown_path(ins.path)}: fixed ({plural(len(ins.result.removals), 'removal')})")
    if (fixed or failed) and not quiet:
        tail = f"; {plural(failed, 'file')} not fixed" if failed else ""
        click.echo(f"Fixed {plural(fixed, 'file')} ({plural(removed, 'removal')}){tail}.", err=True)
    sys.exit(EXIT_FOUND if failed or (fixed and exit_non_zero_on_fix) else EXIT_OK)
