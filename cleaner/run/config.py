"""Project configuration: `[tool.cleaner]` in pyproject.toml or a `.cleaner.toml`, found by walking up.

As with ruff, the nearest folder holding a `.cleaner.toml`, or a `pyproject.toml` with a
`[tool.cleaner]` table, configures every file below it; a `pyproject.toml` without the table is
passed over. Paths and globs in a configuration are relative to the folder it lives in.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cleaner.io import globs
from cleaner.io.sizes import parse_size

CONFIG_FILES = (".cleaner.toml", "pyproject.toml")
KEYS = ("rules", "no-default-rules", "disable", "include", "exclude", "max-size", "max-loss")
# Files found by walking a folder must match `include`; pages are scraped text, and check and
# fix re-flow whitespace, which would wreck source code or Markdown that happens to sit nearby.
DEFAULT_INCLUDE = ("*.txt", "*.text")
DEFAULT_MAX_SIZE = 50_000_000
# The seed page loses 40% of its non-space text to furniture; a rule gone wrong (a `cut` on the
# wrong side) takes most of a page.
DEFAULT_MAX_LOSS = 0.5


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The settings for the files below one folder."""

    root: Path  # the folder patterns and rule paths are relative to
    path: Path | None = None  # the file the settings came from (None: defaults)
    rules: tuple[Path, ...] = ()
    no_default_rules: bool = False
    disable: tuple[str, ...] = ()  # rule ids or rule file names switched off
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    max_size: int = DEFAULT_MAX_SIZE
    max_loss: float = DEFAULT_MAX_LOSS

    def selects(self, path: Path, *, named: bool) -> bool:
        """Whether path is checked: never when excluded; when found in a folder, only if included.

        A file named on the command line skips `include` (pre-commit's `types_or` and `files`
        choose what it passes), but `exclude` applies to it, so excluded folders stay out of hooks.
        """
        rel = _relative(path, self.root)
        if matches(rel, self.exclude):
            return False
        return named or matches(rel, self.include)


def matches(rel: PurePosixPath, patterns: tuple[str, ...]) -> bool:
    """Whether rel, relative to the configuration's folder, or a folder above it matches (.gitignore rules)."""
    return globs.matches(rel, patterns)


def _relative(path: Path, root: Path) -> PurePosixPath:
    """The path below root, as a POSIX path (the whole absolute path when outside root)."""
    full = path.resolve()
    try:
        return PurePosixPath(full.relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(full.as_posix())


@dataclass
class ConfigFinder:
    """Finds the configuration of each file, reading each folder and each config file once.

    A pre-commit chunk may hold files from many folders, so lookups are cached per folder.
    """

    cwd: Path = field(default_factory=Path.cwd)
    forced: Path | None = None  # --config: this file for every path, no discovery
    _by_dir: dict[Path, Config] = field(default_factory=dict, init=False, repr=False)
    _by_file: dict[Path, Config | None] = field(default_factory=dict, init=False, repr=False)

    def for_path(self, path: Path) -> Config:
        """The configuration in force for a file or folder."""
        if self.forced is not None:
            config = self.load(self.forced.resolve())
            if config is None:
                raise ConfigError(f"{self._display(self.forced.resolve())}: no [tool.cleaner] table")
            return config
        start = path.resolve()
        folder = start if start.is_dir() else start.parent
        seen: list[Path] = []
        config: Config | None = None
        for candidate in (folder, *folder.parents):
            if candidate in self._by_dir:
                config = self._by_dir[candidate]
                break
            seen.append(candidate)
            config = self._in_folder(candidate)
            if config is not None:
                break
        if config is None:
            config = Config(root=self.cwd.resolve())
        for folder_seen in seen:
            self._by_dir[folder_seen] = config
        return config

    def _in_folder(self, folder: Path) -> Config | None:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                config = self.load(candidate)
                if config is not None:
                    return config
        return None

    def load(self, path: Path) -> Config | None:
        """Read one configuration file (None: a pyproject.toml without [tool.cleaner])."""
        if path not in self._by_file:
            self._by_file[path] = parse_config(path, self._display(path))
        return self._by_file[path]

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.cwd.resolve()))
        except ValueError:
            return str(path)


def parse_config(path: Path, display: str | None = None) -> Config | None:
    """Parse a config file; a pyproject.toml without a [tool.cleaner] table gives None."""
    # tomllib is in the standard library from 3.11; tomli is the same parser for 3.10. Imported
    # here: a file checked outside any project with a configuration does not pay for it.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised by .ci/pythons on 3.10
        import tomli as tomllib

    name = display or str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("cleaner")
        if table is None:
            return None
        where = f"{name}: [tool.cleaner]"
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table")
    else:
        table, where = data, name
    return config_from_table(table, path.parent.resolve(), where, path)


def config_from_table(table: dict[str, Any], root: Path, where: str, path: Path | None = None) -> Config:
    """Validate the settings of one table; `where` prefixes every message."""
    for key in table:
        if key not in KEYS:
            raise ConfigError(f'{where}: unknown key "{key}"; expected one of: {", ".join(KEYS)}')
    settings: dict[str, Any] = {}
    if "rules" in table:
        settings["rules"] = tuple(root / p for p in _strings(table, "rules", where, "rule folders or files"))
    if "no-default-rules" in table:
        if not isinstance(table["no-default-rules"], bool):
            raise ConfigError(f'{where}: "no-default-rules" must be true or false, not {table["no-default-rules"]!r}')
        settings["no_default_rules"] = table["no-default-rules"]
    if "disable" in table:
        settings["disable"] = _strings(table, "disable", where, "rule ids or rule file names")
    for key in ("include", "exclude"):
        if key in table:
            settings[key] = _strings(table, key, where, "glob patterns")
    if "max-size" in table:
        settings["max_size"] = _size(table["max-size"], where)
    if "max-loss" in table:
        value = table["max-loss"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ConfigError(f'{where}: "max-loss" must be a number from 0 to 1 '
                              f"(the share of a file's text a fix may remove), not {value!r}")
        settings["max_loss"] = float(value)
    return Config(root=root, path=path, **settings)


def _strings(table: dict[str, Any], key: str, where: str, what: str) -> tuple[str, ...]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f'{where}: "{key}" must be a list of {what} (strings), not {value!r}')
    return tuple(value)


def _size(value: Any, where: str) -> int:
    """max-size: a byte count or a size such as "50MB" (the CLI's --max-size syntax)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        try:
            return parse_size(value)
        except ValueError:
            pass  # said below in config terms
    raise ConfigError(f'{where}: "max-size" must be a size such as "50MB", "200k" or a byte count, not {value!r}')
