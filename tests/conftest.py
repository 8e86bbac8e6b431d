"""Shared fixtures: the bundled rules, loaded once, and paths of the project's folders."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import RuleSet

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

# A rule file for constructed test pages: pages saying EXAMPLE-SITE lose their BANNER lines.
EXAMPLE_SITE = """\
site: example.test
description: A test site.
match: {fingerprints: ['EXAMPLE-SITE']}
rules:
  - {id: banner, kind: drop-line, description: Banner lines., pattern: '^BANNER'}
"""


@pytest.fixture(scope="session")
def bundled() -> RuleSet:
    """The bundled rule set; a bundled file that fails to load fails every test using it."""
    rules = RuleSet.load()
    assert not rules.errors, [str(e) for e in rules.errors]
    return rules
