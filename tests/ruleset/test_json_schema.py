"""The rule files' JSON Schema: shipped as generated, met by every bundled and learned file, and
rejecting the same broken files as the validator (`cleaner rules check`)."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from test_learn import make_site

from cleaner.cli.main import main
from cleaner.learn import learn_site, render_rule_file
from cleaner.ruleset.json_schema import SCHEMA_FILE, rule_file_schema, schema_text
from cleaner.ruleset.loader import bundled_rules_dir, parse_rule_file, rule_paths
from cleaner.ruleset.model import RuleFileErrors

VALIDATOR = Draft202012Validator(rule_file_schema())

HEAD = "site: t.example\ndescription: d\nmatch: {hosts: [t.example]}\n"
RULE = "  - {id: r, kind: drop-line, description: d, %s}\n"

# (name, file) pairs both must reject: unknown keys, wrong types, missing keys, bad values.
BROKEN = [
    ("unknown top key", HEAD + "rulez: []\n"),
    ("unknown rule key", HEAD + "rules:\n" + RULE % "pattern: x, stirp: y"),
    ("unknown kind", HEAD + "rules:\n  - {id: r, kind: drop-lines, description: d, pattern: x}\n"),
    ("pattern a number", HEAD + "rules:\n" + RULE % "pattern: 12"),
    ("pattern empty", HEAD + "rules:\n" + RULE % "pattern: '  '"),
    ("no description", "site: t.example\nmatch: {hosts: [t.example]}\n"),
    ("rule without id", HEAD + "rules:\n  - {kind: drop-line, description: d, pattern: x}\n"),
    ("id with capitals", HEAD + "rules:\n  - {id: Bad, kind: drop-line, description: d, pattern: x}\n"),
    ("site and pack", "site: t.example\npack: p\ndescription: d\nmatch: {hosts: [t.example]}\n"),
    ("neither site nor pack", "description: d\n"),
    ("site without match", "site: t.example\ndescription: d\n"),
    ("match naming nothing", "site: t.example\ndescription: d\nmatch: {hosts: []}\n"),
    ("hosts a string", "site: t.example\ndescription: d\nmatch: {hosts: t.example}\n"),
    ("host not a host", "site: t.example\ndescription: d\nmatch: {hosts: ['http://t.example/']}\n"),
    ("min_fingerprints 0", "site: t.example\ndescription: d\nmatch: {fingerprints: [a], min_fingerprints: 0}\n"),
    ("within both sides", HEAD + "rules:\n" + RULE % "pattern: x, within: {first: 2, last: 2}"),
    ("within zero", HEAD + "rules:\n" + RULE % "pattern: x, within: {first: 0}"),
    ("within a word", HEAD + "rules:\n" + RULE % "pattern: x, within: {first: ten}"),
    ("unknown examples key", HEAD + "rules:\n" + RULE % "pattern: x, examples: {removes: [x]}"),
    ("capture example without metadata", HEAD + "rules:\n" + RULE % "pattern: x, examples: {capture: [{text: x}]}"),
    ("pattern and lines", HEAD + "rules:\n" + RULE % "pattern: x, lines: [y]"),
    ("neither pattern nor lines", HEAD + "rules:\n" + RULE % "examples: {remove: [x]}"),
    ("lines a string", HEAD + "rules:\n" + RULE % "lines: abc"),
    ("lines holding a number", HEAD + "rules:\n" + RULE % "lines: [abc, 3]"),
    ("cut side wrong", HEAD + "rules:\n  - {id: c, kind: cut, description: d, marker: x, side: above}\n"),
    ("keep_marker a string", HEAD + "rules:\n  - {id: c, kind: cut, description: d, marker: x, side: after, keep_marker: 'yes'}\n"),
    ("title policy wrong", HEAD + "metadata: {title: second-line}\n"),
    ("main-content a string", HEAD + "text: {main-content: 'no'}\n"),
    ("unknown html key", HEAD + "html: {bodyy: div}\n"),
    ("rules a mapping", HEAD + "rules: {id: r}\n"),
    ("rule a string", HEAD + "rules:\n  - drop everything\n"),
    ("extends a string", HEAD + "extends: zh-news\n"),
]

# What only the validator can see (RE2 and CSS syntax, ids repeated): the schema lets them pass.
ONLY_CHECK_SEES = [
    ("invalid pattern", HEAD + "rules:\n" + RULE % "pattern: '(a'"),
    ("duplicate id", HEAD + "rules:\n" + RULE % "pattern: a" + RULE % "pattern: b"),
]


def test_the_shipped_schema_is_the_generated_one():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "cleaner rules schema > cleaner/ruleset/rules.schema.json"
    Draft202012Validator.check_schema(json.loads(schema_text()))
    assert rule_file_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_rules_schema_prints_it():
    result = CliRunner().invoke(main, ["rules", "schema"])
    assert result.exit_code == 0 and json.loads(result.stdout) == rule_file_schema()


@pytest.mark.parametrize("path", rule_paths(bundled_rules_dir()), ids=lambda p: p.name)
def test_every_bundled_file_validates(path):
    errors = list(VALIDATOR.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert not errors, [e.message for e in errors]


def test_a_learned_file_validates_and_names_the_schema(tmp_path, bundled):
    text = render_rule_file(learn_site(make_site(8), "example.com", base=bundled), schema_url="rules.schema.json")
    assert text.startswith("# yaml-language-server: $schema=rules.schema.json\n")
    assert not list(VALIDATOR.iter_errors(yaml.safe_load(text)))


@pytest.mark.parametrize("name,text", BROKEN, ids=[n for n, _ in BROKEN])
def test_schema_and_rules_check_reject_the_same_broken_files(name, text):
    with pytest.raises(RuleFileErrors):
        parse_rule_file(text, "t.yaml")
    assert list(VALIDATOR.iter_errors(yaml.safe_load(text))), f"the schema accepts: {name}"


@pytest.mark.parametrize("name,text", ONLY_CHECK_SEES, ids=[n for n, _ in ONLY_CHECK_SEES])
def test_what_only_rules_check_sees(name, text):
    with pytest.raises(RuleFileErrors):
        parse_rule_file(text, "t.yaml")
    assert not list(VALIDATOR.iter_errors(yaml.safe_load(text)))


def test_every_kind_and_key_the_validator_accepts_the_schema_accepts():
    text = HEAD + """\
extends: [zh-news]
disable: [zh-news/share-bar]
metadata: {title: none}
text: {main-content: false}
html: {body: div.article, title: h1, date: span.date, author: span.author}
rules:
  - {id: a, kind: capture, description: d, pattern: '编辑:(?P<editor>\\S+)', keep: true, within: {first: 5},
     examples: {capture: [{text: '编辑:罗毅', metadata: {editor: 罗毅}}]}}
  - {id: b, kind: cut, description: d, marker: '^相关新闻', side: after, keep_marker: false, within: {last: 9}}
  - {id: c, kind: drop-block, description: d, start: '^广告', end: '^广告结束'}
  - {id: d, kind: drop-line, description: d, pattern: '^分享', examples: {remove: [分享], keep: [正文]}}
  - {id: e, kind: drop-line, description: d, lines: [首页, 登录 注册]}
  - {id: f, kind: strip-span, description: d, pattern: '\\S*_fororder_\\S*'}
  - {id: g, kind: replace, description: d, pattern: 'a', with: '', examples: {rewrite: [{text: ab, result: b}]}}
  - {id: h, kind: drop-element, description: d, selector: div.share}
"""
    parse_rule_file(text, "t.yaml")
    assert not [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(text))]
