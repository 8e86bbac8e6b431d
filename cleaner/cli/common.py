"""Options and helpers shared by the commands."""
from __future__ import annotations

from pathlib import Path

import click

from cleaner.io.sizes import parse_size
from cleaner.ruleset.cache import RuleCache
from cleaner.ruleset.ruleset import RuleSet

EXIT_OK, EXIT_FOUND, EXIT_USAGE = 0, 1, 2

rules_option = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
    help="Folder (or file) of rule files to add; a file for the same site overrides the bundled one. Repeatable.",
)
no_default_option = click.option("--no-default-rules", is_flag=True, help="Leave the bundled rules out.")
disable_option = click.option(
    "--disable", "disable", multiple=True, metavar="RULE",
    help="Switch off a rule (zh-news/share-bar), or every rule of one file (zh-news). Repeatable.")
url_option = click.option("--url", default=None, help="The page's URL (picks the site's rule file by host).")
_NO_CACHE = "cleaner.no_cache"  # in the click context's meta, shared by a command and its group


def _switch_cache_off(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[_NO_CACHE] = True


no_cache_option = click.option(
    "--no-cache", is_flag=True, expose_value=False, callback=_switch_cache_off,
    help="Parse the rule files instead of taking them from the cache of parsed files (as CLEANER_NO_CACHE=1 does).")
main_content_option = click.option(
    "--main-content/--no-main-content", default=True, show_default=True,
    help="After the rules, keep only the article's run of prose where a rule file asks for it (the bundled packs do). "
         "Scraped text only: HTML pages always go through main-content extraction.")


def load_rules(rule_dirs: tuple[Path, ...], no_default: bool, disable: tuple[str, ...] = ()) -> RuleSet:
    """Load rules, reporting bad rule files and empty rule folders on stderr (the run goes on without them);
    --disable naming no rule is a usage error."""
    rules = RuleSet.load(rule_dirs, bundled=not no_default, cache=rule_cache())
    for warning in rules.warnings:
        click.echo(warning, err=True)
    for error in rules.errors:
        click.echo(f"error: {error}", err=True)
    return without(rules, disable)


def rule_cache() -> RuleCache | None:
    """The user's cache of parsed rule files, unless --no-cache or CLEANER_NO_CACHE switched it off."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(_NO_CACHE):
        return None
    return RuleCache.open()


def without(rules: RuleSet, disable: tuple[str, ...]) -> RuleSet:
    """rules.without(disable), an unknown id being a usage error that names it."""
    try:
        return rules.without(disable)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--disable'") from None


def size_option(text: str) -> int:
    """--max-size: a size such as 50MB, or a usage error."""
    try:
        return parse_size(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
