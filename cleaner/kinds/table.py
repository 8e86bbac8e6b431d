"""The kinds tables of the README and docs/rules.md, written from the kind modules.

`python -m cleaner.kinds.table` prints both, to paste after changing a kind.
"""
from __future__ import annotations

from types import ModuleType

from cleaner.kinds import KINDS, READING_ORDER, trigger_keys
from cleaner.kinds.base import Key


def readme_table() -> str:
    """The README's table: each kind and what it removes."""
    rows = [f"| `{name}` | {KINDS[name].SUMMARY} |" for name in READING_ORDER]
    return "\n".join(["| kind | what it removes |", "|---|---|", *rows]) + "\n"


def docs_table() -> str:
    """docs/rules.md's table: each kind, its keys, and what it removes."""
    rows = [f"| `{name}` | {keys_cell(KINDS[name])} | {KINDS[name].DETAIL} |" for name in READING_ORDER]
    return "\n".join(["| kind | keys | what it removes |", "|---|---|---|", *rows]) + "\n"


def keys_cell(kind: ModuleType) -> str:
    """A kind's keys as the docs write them: `side: before\\|after`, `end` (optional), `pattern` or `lines`."""
    alternatives = trigger_keys(kind.TRIGGER)
    either = [" or ".join(f"`{name}`" for name in alternatives)] if len(alternatives) > 1 else []
    rest = [_key(name, key) for name, key in kind.KEYS.items() if not (either and name in alternatives)]
    return ", ".join(either + rest)


def _key(name: str, key: Key) -> str:
    choices = "\\|".join(key.choices)  # the pipe escaped: it would end the table cell
    text = f"`{name}: {choices}`" if choices else f"`{name}`"
    return text if key.required else f"{text} (optional)"


if __name__ == "__main__":
    print("README.md, section Rule files:\n")
    print(readme_table())
    print("docs/rules.md, section Rule kinds:\n")
    print(docs_table(), end="")
