#!/usr/bin/env bash
# Tests mirror the packages: a test of cleaner/PKG/... lives in tests/PKG/, a test of a module at
# the package's top (api.py) or of the project as a whole (golden seeds, acceptance, layers,
# module sizes, README examples) stays at the top of tests/.
#
# Idempotent: a move whose source is gone is skipped, so the lead runs it again after merging
# the branches whose test files were being edited when the moves were made (issue 13).
# Run from the checkout's root: tests/moves.sh
set -euo pipefail
cd "$(dirname "$0")/.."

move() {  # move SOURCE DEST: git mv when SOURCE is still there
    if [ -e "$1" ]; then mkdir -p "$(dirname "$2")" && git mv "$1" "$2" && echo "moved $1 -> $2"; fi
}

# Done on the tests branch.
move tests/test_patterns.py          tests/matching/test_patterns.py
move tests/test_rule_examples.py     tests/ruleset/test_rule_examples.py

# Files other branches were editing: the lead moves them after merging.
move tests/test_kinds.py             tests/kinds/test_kinds.py        # then one file per kind
move tests/test_html_page.py         tests/core/test_html_page.py
move tests/test_main_content.py      tests/core/test_main_content.py
move tests/test_idempotence.py       tests/core/test_idempotence.py
move tests/test_prefilter.py         tests/matching/test_prefilter.py
move tests/test_rule_validation.py   tests/ruleset/test_rule_validation.py
move tests/test_learn.py             tests/learn/test_learn.py
move tests/test_learn_html.py        tests/learn/test_learn_html.py
move tests/test_learn_cli.py         tests/cli/test_learn_cli.py
move tests/test_cli.py               tests/cli/test_cli.py
move tests/test_check_fix.py         tests/cli/test_check_fix.py
move tests/test_precommit_e2e.py     tests/cli/test_precommit_e2e.py
move tests/test_signals.py           tests/cli/test_signals.py
move tests/test_jsonl.py             tests/io/test_jsonl.py
move tests/test_parallel.py          tests/run/test_local.py
move tests/test_config.py            tests/run/test_config.py
move tests/test_formats.py           tests/run/test_formats.py
move tests/test_ray.py               tests/integrations/test_ray.py

# Stay at the top: test_api.py (cleaner/api.py), test_acceptance.py, test_seeds_golden.py (and
# its folder of golden files), test_layers.py, test_module_sizes.py, test_readme_examples.py;
# tests/html/, tests/io/ and tests/hostile/ are already in place.
#
# After the moves, the paths named in prose: docs/performance.md (test_prefilter, test_ray),
# docs/api.md (test_api stays), bench/time_bounds.py (test_learn_cli). Moved files keep working
# unchanged: `from conftest import ...` and `from test_learn import ...` resolve through the
# `pythonpath` folders of pyproject.toml (new code imports shared paths `from helpers import`).
