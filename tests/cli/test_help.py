"""`cleaner --help` and every command's help: summaries shown whole, examples that name real options."""
from __future__ import annotations

import shlex

from click import Command, Context, Group
from click.testing import CliRunner

from cleaner.cli.main import main


def commands(group: Group, ctx: Context, prefix: tuple[str, ...] = ()):
    """(words after `cleaner`, command) for every group and command, nested ones included."""
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield prefix + (name,), command
        if isinstance(command, Group):
            yield from commands(command, ctx, prefix + (name,))


def examples(help_text: str) -> list[str]:
    """The command lines of a help text's Examples section (comments and pipes before them cut off)."""
    section = help_text.split("Examples:", 1)[1].split("\n\n", 1)[0] if "Examples:" in help_text else ""
    parts = [part.strip() for line in section.splitlines()
             for part in line.split(" # ", 1)[0].replace("&&", "|").split("|")]
    return [part for part in parts if part.startswith("cleaner ")]


def options_of(command: Command) -> set[str]:
    return {opt for p in command.params for opt in p.opts + p.secondary_opts} | {"-h", "--help"}


def test_command_summaries_are_whole():
    listed = CliRunner().invoke(main, ["--help"], terminal_width=80).output
    rows = listed.split("Commands:\n", 1)[1].splitlines()
    assert len(rows) == len(main.list_commands(Context(main)))
    for row in rows:
        assert row.endswith(".") and "..." not in row and len(row) <= 80, row


def test_every_command_shows_examples_that_parse():
    ctx = Context(main)
    for words, command in commands(main, ctx):
        text = CliRunner().invoke(main, [*words, "--help"], terminal_width=80).output
        lines = examples(text)
        assert lines, f"cleaner {' '.join(words)} --help has no Examples"
        assert any(shlex.split(line)[1:1 + len(words)] == list(words) for line in lines), (words, lines)
        for line in lines:
            args = shlex.split(line)[1:]
            target, rest = main, args
            while isinstance(target, Group) and rest and rest[0] in target.list_commands(ctx):
                target, rest = target.get_command(ctx, rest[0]), rest[1:]
            unknown = [a.split("=")[0] for a in rest if a.startswith("-") and a != "-" and a.split("=")[0] not in options_of(target)]
            assert unknown == [], f"{line}: {unknown}"
