"""The command group imports a command only to run it, and `check` on a text page only what it needs."""
from __future__ import annotations

import os
import subprocess
import sys

from click import Context
from click.testing import CliRunner
from helpers import ROOT

from cleaner.cli.main import COMMANDS, main

GOLDEN = ROOT / "tests" / "test_seeds_golden" / "000_a376c9bc92ac9e28.clean.txt"


def modules_after(args: list[str], prefixes: tuple[str, ...]) -> set[str]:
    """The modules under prefixes that running `cleaner ARGS` in a fresh interpreter imported."""
    code = ("import sys\nfrom cleaner.cli.main import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])})
    assert proc.returncode == 0, proc.stderr
    return set(eval(proc.stdout.strip().splitlines()[-1]))  # a list of names printed by the code above


def test_the_table_gives_each_command_its_own_short_help():
    ctx = Context(main)
    assert sorted(main.list_commands(ctx)) == sorted(COMMANDS)
    for name, (_module, _attr, short_help) in COMMANDS.items():
        command = main.get_command(ctx, name)
        assert command is not None and command.name == name
        assert command.get_short_help_str(limit=1000) == short_help, name


def test_help_lists_every_command_and_imports_none():
    listed = CliRunner().invoke(main, ["--help"], terminal_width=200).output
    rows = listed.split("Commands:\n", 1)[1].splitlines()
    assert [row.split(None, 1) for row in rows] == [[name, COMMANDS[name][2]] for name in sorted(COMMANDS)]
    assert modules_after(["--help"], ("cleaner.cli.",)) <= {"cleaner.cli.main", "cleaner.cli.signals"}


def test_every_command_is_reachable():
    for name in COMMANDS:
        r = CliRunner().invoke(main, [name, "--help"])
        assert r.exit_code == 0 and f"Usage: main {name} " in r.output, (name, r.output)


def test_check_of_a_text_page_imports_only_what_it_needs(tmp_path):
    page = tmp_path / "page.txt"  # outside any project: no configuration file to read (tomllib)
    page.write_bytes(GOLDEN.read_bytes())
    assert CliRunner().invoke(main, ["check", str(page)]).exit_code == 0  # fills the session's rule cache
    # Each was a measured part of the start-up (docs/performance.md): the HTML stack, YAML (rules come
    # from the cache), pathspec (no patterns here), the other commands, and what only some runs use.
    heavy = ("lxml", "trafilatura", "selectolax", "charset_normalizer", "zstandard", "yaml", "pathspec",
             "cleaner.learn", "cleaner.html", "cleaner.api", "cleaner.report", "cleaner.integrations",
             "cleaner.cli.clean", "cleaner.cli.learn", "cleaner.cli.explain", "cleaner.cli.report", "cleaner.cli.fix",
             "cleaner.io.atomic", "tempfile", "tomllib", "hashlib", "difflib")
    assert modules_after(["check", str(page)], heavy) == set()
