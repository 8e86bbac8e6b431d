"""The `cleaner` command."""
from __future__ import annotations

import click

from .. import __version__
from .check import check, fix
from .clean import clean
from .explain import explain
from .learn import learn
from .rules_cmd import rules


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main():
    """Strip site furniture from scraped web pages with per-site rule files."""


main.add_command(clean)
main.add_command(explain)
main.add_command(rules)
main.add_command(check)
main.add_command(fix)
main.add_command(learn)

if __name__ == "__main__":
    main()
