"""`cleaner rules check|list|schema`: validate rule files and run their examples, list them, print their JSON Schema."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from cleaner.cli.common import EXIT_OK, EXIT_USAGE, rules_option
from cleaner.core.examples import check_examples
from cleaner.ruleset.json_schema import schema_text
from cleaner.ruleset.loader import bundled_rules_dir
from cleaner.ruleset.model import RuleError
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.summary import plural


_UNKNOWN_PACK = re.compile(r'^extends unknown pack "([^"]+)"$')


@click.group(short_help="Validate, list and describe rule files.")
def rules():
    """Validate, list and describe rule files.

    \b
    Examples:
      cleaner rules check
      cleaner rules check my-rules/
      cleaner rules list --rules my-rules/
      cleaner rules schema > rule-file.schema.json
    """


@rules.command(short_help="Validate rule files and run their examples.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-default-rules", is_flag=True, help="Check PATHS alone (packs they extend must be among them).")
def check(paths, no_default_rules):
    """Validate rule files (default: the bundled ones) and run their examples.

    \b
    Examples:
      cleaner rules check
      cleaner rules check my-rules/ --no-default-rules
    """
    bundled = not paths or not no_default_rules
    ruleset = RuleSet.load(paths, bundled=bundled)
    own = {str(p) for p in paths}
    for warning in ruleset.warnings:
        click.echo(warning, err=True)
    problems = [_with_hint(e, no_default_rules and bool(paths)) for e in ruleset.errors]
    n_rules = n_examples = 0
    for f in ruleset.files.values():
        if paths and not _under(f.path, own):
            continue  # bundled file loaded only so that PATHS can extend its packs
        for rule in f.rules:
            n_rules += 1
            n_examples += len(rule.examples)
            problems += [f"{rule.path}:{rule.line}: rule \"{rule.id}\" {msg}" for msg in check_examples(rule)]
    for p in problems:
        click.echo(p, err=True)
    counts = ", ".join(plural(n, word) for n, word in ((len(ruleset.files), "file"), (n_rules, "rule"), (n_examples, "example")))
    click.echo(f"{counts}: {plural(len(problems), 'problem')}", err=True)
    sys.exit(EXIT_USAGE if problems else EXIT_OK)


def _with_hint(error: RuleError, alone: bool) -> str:
    """A file checked alone that extends a bundled pack (a learned file extends zh-news, web...):
    say how to check it, with the bundled packs or with the pack's file named."""
    match = _UNKNOWN_PACK.search(error.message)
    pack = bundled_rules_dir() / "packs" / f"{match.group(1)}.yaml" if match else None
    if not alone or pack is None or not pack.is_file():
        return str(error)
    return (f"{error}: it is a bundled pack; check the file with the bundled packs (`cleaner rules check "
            f"{error.path}`) or name the pack's file too (`cleaner rules check --no-default-rules {error.path} {pack}`)")


def _under(path: str, roots: set[str]) -> bool:
    p = Path(path).resolve()
    return any(p == Path(r).resolve() or Path(r).resolve() in p.parents for r in roots)


@rules.command(short_help="Print the rule files' JSON Schema, for editors and other tools.")
def schema():
    """Print the rule files' JSON Schema (draft 2020-12), for editors and other tools.

    \b
    Examples:
      cleaner rules schema > rule-file.schema.json
    """
    click.echo(schema_text(), nl=False)


@rules.command("list", short_help="List rule files, their scope and their rules.")
@rules_option
def list_(rule_dirs):
    """List rule files, their scope and their rules.

    \b
    Examples:
      cleaner rules list
      cleaner rules list --rules my-rules/
    """
    ruleset = RuleSet.load(rule_dirs)
    for message in ruleset.warnings + [f"error: {e}" for e in ruleset.errors]:
        click.echo(message, err=True)
    for f in ruleset.files.values():
        what = "pack" if f.is_pack else "site"
        click.echo(f"{f.name} ({what}, {f.path}): {f.description}")
        for r in f.rules:
            click.echo(f"  {r.id:40s} {r.kind:12s} {r.description}")
