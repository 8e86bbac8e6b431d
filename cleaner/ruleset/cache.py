"""A cache of parsed rule files, so that `cleaner check` in a commit hook does not parse YAML on every start.

Parsing and validating the bundled rule files (and importing the YAML parser) was over a third of
the start-up of `cleaner check` on one file. As ruff, mypy and pre-commit do, the parsed files are
kept in the user's cache folder (`$CLEANER_CACHE_DIR`, else `$XDG_CACHE_HOME/cleaner` or
`~/.cache/cleaner`; `~/Library/Caches/cleaner` on macOS, `%LOCALAPPDATA%\\cleaner\\Cache` on
Windows). `CLEANER_NO_CACHE=1` or `--no-cache` switches it off.

Nothing in the cache is trusted blindly. An entry is used only when the rule file's text (read
again on every run and compared whole, which says more than a size, an mtime or a hash) and the
name it is shown by are those the entry was made from, and when the code that parsed it (the
package's version and the files of ruleset/, matching/ and kinds/) and the Python that ran it are
unchanged. A file with errors is never cached: its errors are found again and reported. A cache
file that cannot be read, is corrupt, or was written by another version is ignored and replaced.
It is written atomically (a temporary file renamed over it), so a reader never sees half of one.
"""
from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from cleaner.ruleset.model import RuleFile

FORMAT = 1
FILE_NAME = f"rules-{FORMAT}.pickle"
MAX_ENTRIES = 256  # rule files remembered (each a few kB); the most recently parsed are kept
_CODE = Path(__file__).resolve().parent.parent  # the package: what parses rule files lives here
_CODE_FOLDERS = ("ruleset", "matching", "kinds")
_CODE_FILES = ("__init__.py", "errors.py")


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is switched off (CLEANER_NO_CACHE) or there is no home."""
    if os.environ.get("CLEANER_NO_CACHE"):
        return None
    if os.environ.get("CLEANER_CACHE_DIR"):
        return Path(os.environ["CLEANER_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "cleaner" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec: a relative value is invalid and ignored
        return Path(xdg) / "cleaner"
    home = Path("~").expanduser()
    if not home.is_absolute():
        return None
    return home / "Library" / "Caches" / "cleaner" if sys.platform == "darwin" else home / ".cache" / "cleaner"


def code_stamp() -> tuple[object, ...]:
    """What a cached parse depends on besides the file: the parsing code's files and the Python."""
    stamp: list[object] = [FORMAT, sys.implementation.cache_tag, sys.version]
    entries = [(_CODE / name) for name in _CODE_FILES]
    for folder in _CODE_FOLDERS:
        with os.scandir(_CODE / folder) as found:
            entries.extend(Path(e.path) for e in found if e.name.endswith(".py"))
    for path in sorted(entries):
        st = path.stat()
        stamp.append((path.name, path.parent.name, st.st_size, st.st_mtime_ns))
    return tuple(stamp)


class RuleCache:
    """Parsed rule files by path; `get` before parsing a file, `put` after, `save` when the load is done."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._stamp = code_stamp()
        self._entries: dict[str, tuple[str, str, RuleFile]] = self._read()
        self._changed = False

    @classmethod
    def open(cls) -> RuleCache | None:
        """The user's cache, or None when it is switched off or the code's files cannot be listed."""
        folder = cache_dir()
        if folder is None:
            return None
        try:
            return cls(folder)
        except OSError:
            return None

    def get(self, path: Path, display: str, text: str) -> RuleFile | None:
        """The file parsed from exactly this text and shown as display, if it was cached."""
        entry = self._entries.get(_key(path))
        if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[2], RuleFile)):
            return None
        return entry[2] if entry[0] == display and entry[1] == text else None

    def put(self, path: Path, display: str, text: str, parsed: RuleFile) -> None:
        """Remember a file that parsed without errors."""
        key = _key(path)
        self._entries.pop(key, None)  # re-inserted last: the most recently parsed are kept
        self._entries[key] = (display, text, parsed)
        self._changed = True

    def save(self) -> None:
        """Write the cache when a file was parsed anew; a cache that cannot be written is no error."""
        if not self._changed:
            return
        entries = dict(list(self._entries.items())[-MAX_ENTRIES:])
        try:
            data = pickle.dumps((self._stamp, entries), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # a rule file built in code holds something that does not pickle; parse it again next time
        temp = self.path.with_name(f".{FILE_NAME}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(temp, self.path)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
        except OSError:
            return
        self._changed = False

    def _read(self) -> dict[str, tuple[str, str, RuleFile]]:
        """The entries of the cache file; none when it is missing, not ours, corrupt or stale."""
        try:
            with open(self.path, "rb") as f:
                st = os.fstat(f.fileno())
                # Unpickling runs code that the file names, so only a file that the user alone can
                # have written is read: the user's own cache folder, as for pre-commit's and mypy's.
                if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                    return {}
                stamp, entries = pickle.load(f)
        except Exception:  # missing, unreadable, truncated, or pickled by other code: parse again
            return {}
        if stamp != self._stamp or not isinstance(entries, dict):
            return {}
        return entries


def _key(path: Path) -> str:
    return os.path.abspath(path)
