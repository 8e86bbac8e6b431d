"""The `cleaner` command."""
from __future__ import annotations

import importlib
import signal
import threading

import click

from cleaner import __version__
from cleaner.cli import signals

EXIT_SIGNAL = 128  # a run ended by signal N exits 128 + N, as the shell reports it (130, 143)

# Subcommand name -> (module, attribute, short help). A command's module is imported only when that
# command runs: `cleaner clean` does not pay for `learn`'s imports (~30 ms of start-up in every run,
# a serial part that no number of --jobs shortens), nor `cleaner --help` for any. The short help is
# the command's own (tests/cli/test_lazy_group.py compares them).
COMMANDS = {
    "clean": (".clean", "clean", "Clean pages, folders and JSON Lines records."),
    "explain": (".explain", "explain", "Show a page with each removal marked by its rule."),
    "rules": (".rules_cmd", "rules", "Validate, list and describe rule files."),
    "check": (".check", "check", "Report site furniture in text pages; exit 1 if found."),
    "fix": (".fix", "fix", "Remove site furniture from text pages in place."),
    "learn": (".learn", "learn", "Learn a site's rule file from its pages."),
    "report": (".report", "report", "Write a review site of what the rules remove."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(super().list_commands(ctx)))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, attr, _short_help = COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module, __package__), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their short help, from the table: listing them imports none."""
        rows = {name: short_help for name, (_module, _attr, short_help) in COMMANDS.items()}
        rows.update((name, cmd.get_short_help_str()) for name, cmd in self.commands.items()
                    if name not in COMMANDS and not cmd.hidden)
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(sorted(rows.items()))

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; SIGTERM and SIGINT end it cleanly: temp files removed, 128 + signal."""
        if threading.current_thread() is not threading.main_thread():
            return super().invoke(ctx)  # only the main thread may handle signals
        restore = signals.install()
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            from cleaner.io.tempfiles import remove_own_temps

            # The commands' own cleanup (finally blocks, writers' aborts) has run by now; this
            # catches a temp file caught between its creation and its owner's bookkeeping.
            remove_own_temps()
            signum = exc.signum if isinstance(exc, signals.Interrupted) else signal.SIGINT
            click.echo(f"cleaner: interrupted by {signal.Signals(signum).name}; unfinished outputs removed", err=True)
            raise click.exceptions.Exit(EXIT_SIGNAL + signum) from None
        finally:
            restore()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main():
    """Strip site furniture from scraped web pages with per-site rule files.

    \b
    Examples:
      cleaner clean pages/ -o clean/
      cleaner check articles/ && cleaner fix articles/
      cleaner explain page.txt
    Each command's --help lists its options, with examples.
    """


if __name__ == "__main__":
    main()
