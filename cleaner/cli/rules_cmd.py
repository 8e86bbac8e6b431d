"""`cleaner rules check|list`: validate rule files and run the examples each rule carries."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from cleaner.cli.common import EXIT_OK, EXIT_USAGE, rules_option
from cleaner.core.examples import check_examples
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.summary import plural


@click.group(short_help="Validate and list rule files.")
def rules():
    """Validate and list rule files.

    \b
    Examples:
      cleaner rules check
      cleaner rules check my-rules/
      cleaner rules list --rules my-rules/
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
    problems = [str(e) for e in ruleset.errors]
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


def _under(path: str, roots: set[str]) -> bool:
    p = Path(path).resolve()
    return any(p == Path(r).resolve() or Path(r).resolve() in p.parents for r in roots)


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
