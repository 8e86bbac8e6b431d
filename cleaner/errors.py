"""Every error the cleaner raises on bad input derives from CleanerError; this module imports nothing else of cleaner."""
from __future__ import annotations

from dataclasses import dataclass


class CleanerError(Exception):
    """The base of the cleaner's own errors: a rule file, a record or an input it cannot use."""


@dataclass(frozen=True)
class RuleError:
    """A problem in a rule file, located at a line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        # Line 0 means the whole file (unreadable, missing): no line to point an editor at.
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class RuleFileErrors(CleanerError):
    """One or more errors that make rule files unusable; `errors` lists them as RuleError."""

    def __init__(self, errors: list[RuleError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

    def __reduce__(self) -> tuple[type, tuple[list[RuleError]]]:
        # Rebuilt from its errors, not its message: it crosses process boundaries intact.
        return type(self), (self.errors,)


class RecordError(CleanerError, ValueError):
    """A record that cannot be cleaned: not JSON, not an object, no text or html, wrong types."""


class InputError(CleanerError):
    """An input cannot be read as text; the message is for humans and omits the path.

    The CLI prefixes the path (``path: message``), so the message must not repeat it.
    """
