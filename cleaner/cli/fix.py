"""`cleaner fix`: remove site furniture from text pages in place (the pages are chosen and read as by `check`)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from cleaner.cli.check import config_option, jobs_option, paths_argument, quiet_option
from cleaner.cli.common import EXIT_FOUND, EXIT_OK, disable_option, no_cache_option, no_default_option, rules_option
from cleaner.cli.findings import unified_diff
from cleaner.cli.inspection import Inspection, collect, inspect_all, report_inspection
from cleaner.io import write_atomic
from cleaner.io.front_matter import add_front_matter, merge_sidecar, sidecar_path
from cleaner.io.rewrite import Refused, check_loss, check_writable, write_fixed
from cleaner.run.formats import shown_path
from cleaner.run.summary import plural

METADATA = ("none", "front-matter", "sidecar")
_NOT_METADATA = ("site", "url")  # the rule file that claimed the page, the URL given: not the page's


@click.command(short_help="Remove site furniture from text pages in place.")
@paths_argument
@click.option("--diff", is_flag=True, help="Print the unified diff of each fix and write nothing; exit 1 if any.")
@click.option("--metadata", type=click.Choice(METADATA), default="none", show_default=True,
              help="Keep the date, author, source… that removed lines carried: as YAML front matter at the top "
                   "of the page, or in PAGE.meta.json beside it.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when a file was rewritten.")
@click.option("--force", is_flag=True, help="Write even a fix that empties a file or removes more than max-loss of it.")
@click.option("--max-loss", type=click.FloatRange(0, 1), default=None,
              help="Refuse a fix that removes more than this share of a file's text [configuration, else 0.5].")
@config_option
@rules_option
@no_default_option
@no_cache_option
@disable_option
@jobs_option
@quiet_option
def fix(paths, diff, metadata, exit_non_zero_on_fix, force, max_loss, config_file, rule_dirs, no_default_rules,
        disable, jobs, quiet):
    """Remove site furniture from PATHS in place, keeping each file's encoding and line endings.

    \b
    Examples:
      cleaner fix articles/
      cleaner fix --diff articles/page.txt          # show the change, write nothing
      cleaner fix --metadata front-matter articles/ # keep the byline's date and source
      cleaner fix --disable zh-news/share-bar --exit-non-zero-on-fix pages/
    """
    fixed = removed = 0
    targets, failed = collect(paths, config_file, rule_dirs, no_default_rules, disable)
    for target, ins in zip(targets, inspect_all(targets, jobs)):
        failed += report_inspection(ins)
        if not ins.dirty:
            continue
        shown, n = shown_path(ins.path), len(ins.result.removals)
        text = ins.head + ins.result.text
        if metadata == "front-matter":
            text = add_front_matter(ins.head, kept_fields(ins)) + ins.result.text
        sidecar = None
        try:
            if metadata == "sidecar":
                sidecar = _sidecar(ins)
            loss = target.config.max_loss if max_loss is None else max_loss
            check_writable(ins.path, ins.decoded)  # --diff shows what fix would write: refusals too
            if not force:  # on the text below the front matter: metadata kept is no text saved
                check_loss(ins.body, ins.result.text, loss)
            if diff:
                _show_diff(ins, text, sidecar)
            else:
                _write(ins, text, sidecar, loss, force)
        except Refused as exc:
            click.echo(f"{shown}: not fixed: {exc}", err=True)
            failed += 1
            continue
        except OSError as exc:
            click.echo(f"{shown}: error: cannot write: {exc.strerror or exc}", err=True)
            failed += 1
            continue
        fixed += 1
        removed += n
        if not diff:
            click.echo(f"{shown}: fixed ({plural(n, 'removal')})")
    if (fixed or failed) and not quiet:
        tail = f"; {plural(failed, 'file')} not fixed" if failed else ""
        verb = "Would fix" if diff else "Fixed"
        click.echo(f"{verb} {plural(fixed, 'file')} ({plural(removed, 'removal')}){tail}.", err=True)
    changed = fixed and (diff or exit_non_zero_on_fix)
    sys.exit(EXIT_FOUND if failed or changed else EXIT_OK)


def kept_fields(ins: Inspection) -> dict[str, str]:
    """The page's metadata that a fix would lose: what removed lines carried (date, source, editor…).

    The title stays in the text (its first line), unless a rule took it from a removed line.
    """
    captured = {k for r in ins.result.removals for k in (r.captured or {})}
    return {k: v for k, v in ins.result.metadata.items()
            if k not in _NOT_METADATA and (k != "title" or k in captured) and isinstance(v, str) and v}


def _sidecar(ins: Inspection) -> tuple[Path, str | None, str] | None:
    """(sidecar path, its text now or None, its new text); None when the fix keeps no field."""
    fields = kept_fields(ins)
    if not fields:
        return None
    path = sidecar_path(ins.path)
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    except (OSError, UnicodeDecodeError) as exc:
        raise Refused(f"cannot read {shown_path(path)}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return path, old, merge_sidecar(old, fields)
    except ValueError as exc:
        raise Refused(f"{shown_path(path)} is {exc}; it is left as it is") from None


def _show_diff(ins: Inspection, text: str, sidecar: tuple[Path, str | None, str] | None) -> None:
    shown = shown_path(ins.path)
    click.echo(unified_diff(shown, ins.decoded.text, text), nl=False)
    if sidecar is not None and sidecar[1] != sidecar[2]:
        path, old, new = sidecar
        click.echo(unified_diff(shown_path(path), old or "", new, old_label=None if old is not None else "/dev/null"),
                   nl=False)


def _write(ins: Inspection, text: str, sidecar: tuple[Path, str | None, str] | None, max_loss: float,
           force: bool) -> None:
    """The sidecar first (a page fixed without it would have lost its metadata), then the page."""
    if sidecar is not None and sidecar[1] != sidecar[2]:
        write_atomic(sidecar[0], sidecar[2])
    write_fixed(ins.path, ins.decoded, text, max_loss=max_loss, force=force)
