"""cleaner: strip site furniture from scraped web pages with declarative per-site rule files.

    import cleaner
    rules = cleaner.load_rules()            # bundled rules; add folders: load_rules("my-rules")
    result = cleaner.clean(page, rules, url=None)   # text or HTML (markup="auto"|"text"|"html")
    c = cleaner.Cleaner(rules, cleaner.Options(main_content=False))  # rules and options, page after page
    c.clean(page, url).text
    result.text, result.metadata, result.removals
    for result in cleaner.clean_iter(pages, rules): ...          # lazily, in order
    dataset.map(cleaner.clean_batch, batched=True)               # columnar batches
    except cleaner.CleanerError: ...        # RuleFileErrors, RecordError, InputError
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.lazy import lazy_attributes

__version__ = "0.1.0"

# Public name -> the module that defines it. Imported on first use (PEP 562): `cleaner check` on one
# file, which needs the text path only, does not pay for the library API's imports at start-up.
_EXPORTS = {
    "clean": "cleaner.api", "clean_batch": "cleaner.api", "clean_iter": "cleaner.api",
    "clean_records": "cleaner.api", "default_rules": "cleaner.api", "load_rules": "cleaner.api",
    "Cleaner": "cleaner.core.cleaner",
    "clean_text": "cleaner.core.text",  # the text path alone, never in pieces (check, fix, tests, benchmarks)
    "CleanerError": "cleaner.errors", "InputError": "cleaner.errors", "RecordError": "cleaner.errors",
    "RuleError": "cleaner.errors", "RuleFileErrors": "cleaner.errors",
    "Options": "cleaner.options",
    "Removal": "cleaner.result", "Result": "cleaner.result",
    "RuleSet": "cleaner.ruleset.ruleset",
}

__all__ = [
    "RuleSet", "load_rules", "default_rules", "clean", "clean_iter", "clean_records", "clean_batch",
    "Cleaner", "Options", "clean_text", "Result", "Removal", "CleanerError", "InputError", "RecordError", "RuleError", "RuleFileErrors",
]


__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, globals(), subpackages=True)


if TYPE_CHECKING:
    from cleaner.api import (
        clean,
        clean_batch,
        clean_iter,
        clean_records,
        default_rules,
        load_rules,
    )
    from cleaner.core.cleaner import Cleaner
    from cleaner.core.text import clean_text
    from cleaner.errors import (
        CleanerError,
        InputError,
        RecordError,
        RuleError,
        RuleFileErrors,
    )
    from cleaner.options import Options
    from cleaner.result import Removal, Result
    from cleaner.ruleset.ruleset import RuleSet
