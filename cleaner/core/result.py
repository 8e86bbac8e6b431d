"""Result and Removal live in cleaner/result.py (a leaf: the HTML path makes Removals too); kept for old imports."""
from __future__ import annotations

from cleaner.result import Removal, Result, utf8_size

__all__ = ["Removal", "Result", "utf8_size"]
