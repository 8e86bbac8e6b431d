"""Load YAML keeping the line of every key and item, so errors can say `file:line:`."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml


class YamlError(ValueError):
    """Syntax or structure error in a YAML source, with its 1-based line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class LocDict(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of key, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LocList(list):
    """A sequence that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


# Bounds that keep a hostile file (alias bombs, huge documents) from exhausting the loader.
MAX_NODES = 100_000


def load_located(text: str) -> Any:
    """Parse one YAML document into LocDict/LocList/scalars; refuse duplicate keys and aliases."""
    import yaml  # on first use: a run whose rule files are all in the cache parses no YAML (~30 ms)

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        return None if node is None else _convert(node, [0])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlError(line, f"invalid YAML: {problem}") from None
    except RecursionError:
        # PyYAML's composer recurses once per level: `[[[[…` thousands deep exhausts the stack.
        raise YamlError(1, "invalid YAML: nested too deeply") from None


def _convert(node: yaml.Node, count: list[int]) -> Any:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise YamlError(node.start_mark.line + 1, f"document has more than {MAX_NODES} nodes")
    line = node.start_mark.line + 1
    if node.id == "mapping":  # the node classes' own tags: yaml is not imported at module level
        out = LocDict()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise YamlError(key_node.start_mark.line + 1, "mapping keys must be plain strings")
            key = key_node.value
            key_line = key_node.start_mark.line + 1
            if key in out:
                raise YamlError(key_line, f'duplicate key "{key}" (first at line {out.key_lines[key]})')
            out[key] = _convert(value_node, count)
            out.key_lines[key] = key_line
        return out
    if node.id == "sequence":
        seq = LocList(_convert(item, count) for item in node.value)
        seq.line, seq.item_lines = line, [item.start_mark.line + 1 for item in node.value]
        return seq
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return _scalars().construct_object(node)


@lru_cache(maxsize=1)
def _scalars() -> yaml.SafeLoader:
    """A loader whose scalar constructors only are used (ints, bools, nulls)."""
    import yaml

    return yaml.SafeLoader("")


def type_name(value: Any) -> str:
    """A YAML-ish name of a value's type, for error messages."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "nothing"
    if isinstance(value, (date, datetime)):
        return "a date"  # YAML reads 2018-09-10 unquoted as a date
    return "a string" if isinstance(value, str) else type(value).__name__
