"""cleaner: strip site furniture from scraped web pages with declarative per-site rule files.

    from cleaner import RuleSet, clean_text
    rules = RuleSet.load()              # the bundled rules (add folders: RuleSet.load([Path("my-rules")]))
    result = clean_text(page_text, rules, url=None)
    result.text, result.metadata, result.removals
"""
from __future__ import annotations

from .engine import clean_text
from .result import Removal, Result
from .ruleset.model import RuleError, RuleFileErrors
from .ruleset.ruleset import RuleSet

__all__ = ["RuleSet", "clean_text", "Result", "Removal", "RuleError", "RuleFileErrors"]
__version__ = "0.1.0"
