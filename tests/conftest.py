"""Shared fixtures: the bundled rules, loaded once; shared paths live in helpers.py.

Test modules are imported with `--import-mode=importlib` (pyproject.toml), so two test files may
share a basename in different folders; helper modules are found through the `pythonpath` folders
listed there, so their names must be unique across tests/.
"""
from __future__ import annotations

import pytest
from helpers import EXAMPLE_SITE, ROOT, SEEDS, SHARED

from cleaner import RuleSet

# Test modules written before helpers.py import these names from conftest; both work.
__all__ = ["EXAMPLE_SITE", "ROOT", "SEEDS", "SHARED", "bundled"]


@pytest.fixture(autouse=True, scope="session")
def _rule_cache_of_the_session(tmp_path_factory):
    """The commands' cache of parsed rule files, in a folder of this session, not the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLEANER_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
        yield


@pytest.fixture(scope="session")
def bundled() -> RuleSet:
    """The bundled rule set; a bundled file that fails to load fails every test using it."""
    rules = RuleSet.load()
    assert not rules.errors, [str(e) for e in rules.errors]
    return rules
