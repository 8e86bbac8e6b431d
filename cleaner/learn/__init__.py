"""Learn a site's rule file from its pages: what repeats across them is the site's furniture."""
from __future__ import annotations

from cleaner.learn.learner import learn_site
from cleaner.learn.model import LearnedSite, LearnOptions, Proposal
from cleaner.learn.rule_file import learned_rule_file, ruleset_with
from cleaner.learn.writer import render_rule_file

__all__ = ["LearnOptions", "LearnedSite", "Proposal", "learn_site", "learned_rule_file", "render_rule_file", "ruleset_with"]
