"""Exceptions raised by the I/O layer (defined in the leaf module cleaner.errors, with the others)."""

from __future__ import annotations

from cleaner.errors import InputError

__all__ = ["InputError"]
