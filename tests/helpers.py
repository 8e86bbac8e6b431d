"""Paths and constructed pages shared by the tests at any depth (`from helpers import ROOT, SEEDS`)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The shared folder (corpora, tools, the acceptance file) sits beside the checkout; a worktree
# elsewhere names it with CLEANER_SHARED.
SHARED = Path(os.environ.get("CLEANER_SHARED") or ROOT.parent / "shared")

# A rule file for constructed test pages: pages saying EXAMPLE-SITE lose their BANNER lines.
EXAMPLE_SITE = """\
site: example.test
description: A test site.
match: {fingerprints: ['EXAMPLE-SITE']}
rules:
  - {id: banner, kind: drop-line, description: Banner lines., pattern: '^BANNER'}
"""
