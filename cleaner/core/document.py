"""The former entry point, kept while the runs and the CLI move to Cleaner and Options."""
from __future__ import annotations

from cleaner.core.cleaner import Cleaner
from cleaner.options import Options
from cleaner.result import Result
from cleaner.ruleset.ruleset import RuleSet


def clean_document(text: str, rules: RuleSet, *, url: str | None = None, kind: str = "auto",
                   keep_extracted: bool = False) -> Result:
    """Cleaner(rules, Options(markup=kind, main_content=rules.main_content)).clean(text, url)."""
    options = Options(markup=kind, main_content=rules.main_content)  # type: ignore[arg-type]
    return Cleaner(rules, options).clean(text, url, keep_extracted=keep_extracted)
