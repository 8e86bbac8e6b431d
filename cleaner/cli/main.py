"""The `cleaner` command."""
from __future__ import annotations

import importlib

import click

from .. import __version__

# Subcommand name -> (module, attribute). A command's module is imported only when that command
# runs (or help lists it): `cleaner clean` does not pay for `learn`'s imports (~30 ms of start-up
# in every run, a serial part that no number of --jobs shortens).
COMMANDS = {
    "clean": (".clean", "clean"),
    "explain": (".explain", "explain"),
    "rules": (".rules_cmd", "rules"),
    "check": (".check", "check"),
    "fix": (".check", "fix"),
    "learn": (".learn", "learn"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(super().list_commands(ctx)))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, attr = COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module, __package__), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main():
    """Strip site furniture from scraped web pages with per-site rule files."""


if __name__ == "__main__":
    main()
