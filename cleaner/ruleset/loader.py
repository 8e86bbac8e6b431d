"""Read rule files from disk into RuleFile objects, collecting every error with its line."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.kinds.drop_element import validate_selector
from cleaner.ruleset.model import RuleError, RuleFile, RuleFileErrors
from cleaner.ruleset.schema import (
    FILE_KEYS,
    HTML_KEYS,
    ID_RE,
    TEXT_KEYS,
    TITLE_POLICIES,
    Checker,
    check_match,
    check_rule,
)
from cleaner.ruleset.yamlsrc import LocDict, LocList, YamlError, load_located, type_name

if TYPE_CHECKING:
    from cleaner.ruleset.cache import RuleCache

# A rule file is input too: bound its size before parsing it.
MAX_RULE_FILE_BYTES = 1 << 20


def bundled_rules_dir() -> Path:
    """The rules shipped with the package (installed wheel) or the checkout's rules/ folder."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "bundled_rules"
    return installed if installed.is_dir() else here.parent / "rules"


def rule_paths(folder: Path) -> list[Path]:
    """Rule files under folder, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_file(path: Path, *, display: str | None = None, cache: RuleCache | None = None) -> RuleFile:
    """Load and validate one rule file; raise RuleFileErrors listing every problem.

    With a cache, a file whose text was parsed before is taken from it instead of parsed again."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleFileErrors([RuleError(name, 0, f"cannot read rule file: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_RULE_FILE_BYTES:
        raise RuleFileErrors([RuleError(name, 0, f"rule file is {len(raw)} bytes; the limit is {MAX_RULE_FILE_BYTES}")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileErrors([RuleError(name, 1, f"rule files must be UTF-8 ({exc.reason} at byte {exc.start})")]) from None
    if cache is None:
        return parse_rule_file(text, name)
    parsed = cache.get(path, name, text)
    if parsed is None:
        parsed = parse_rule_file(text, name)  # a file with errors raises here and is not cached
        cache.put(path, name, text, parsed)
    return parsed


def parse_rule_file(text: str, path: str) -> RuleFile:
    """Validate rule-file text; path is only used in messages."""
    try:
        data = load_located(text)
    except YamlError as exc:
        raise RuleFileErrors([RuleError(path, exc.line, exc.message)]) from None
    c = Checker(path)
    if not isinstance(data, LocDict):
        raise RuleFileErrors([RuleError(path, getattr(data, "line", 1), f"a rule file must be a mapping, not {type_name(data)}")])
    c.keys(data, FILE_KEYS, "at the top of the file")
    site, pack = c.text(data, "site", "at the top"), c.text(data, "pack", "at the top")
    if ("site" in data) == ("pack" in data):  # by key: a wrongly typed value is reported once, above
        c.error(data.line, 'a rule file needs exactly one of "site: <host>" or "pack: <name>"')
    name = (site or pack or "?").strip().lower()
    if (site or pack) and not ID_RE.match(name):
        c.error(data.line_of("site" if site else "pack"), f'"{name}" must be lower-case letters, digits, ".", "_" or "-"')
    description = c.text(data, "description", "at the top", required=True) or ""
    extends = tuple(c.strings(data, "extends", "at the top"))
    disable = tuple(c.strings(data, "disable", "at the top"))
    match_block = c.mapping(data, "match", "at the top")
    match = check_match(c, match_block) if match_block is not None else None
    if site and "match" not in data:
        c.error(data.line, 'a site file needs a "match" section (hosts, urls or fingerprints)')
    title = "first-line"
    meta = c.mapping(data, "metadata", "at the top")
    if meta is not None:
        c.keys(meta, ("title",), 'in "metadata"')
        title = c.text(meta, "title", 'in "metadata"') or title
        if title not in TITLE_POLICIES:
            c.error(meta.line_of("title"), f'"title" in "metadata" must be one of: {", ".join(TITLE_POLICIES)}')
    main_content = None
    text_block = c.mapping(data, "text", "at the top")
    if text_block is not None:
        c.keys(text_block, TEXT_KEYS, 'in "text"')
        if "main-content" in text_block:
            main_content = text_block["main-content"]
            if not isinstance(main_content, bool):
                c.error(text_block.line_of("main-content"), f'"main-content" in "text" must be true or false, not {type_name(main_content)}')
                main_content = None
    html = {}
    html_block = c.mapping(data, "html", "at the top")
    if html_block is not None:
        c.keys(html_block, HTML_KEYS, 'in "html"')
        for key in HTML_KEYS:
            selector = c.text(html_block, key, 'in "html"')
            if selector is not None:
                problem = validate_selector(selector)
                if problem:
                    c.error(html_block.line_of(key), f'"{key}" in "html": {problem}')
                html[key] = selector
    rules = []
    items = data.get("rules", [])
    if not isinstance(items, list):
        c.error(data.line_of("rules"), f'"rules" must be a list of rules, not {type_name(items)}')
        items = []
    lines = items.item_lines if isinstance(items, LocList) else []
    seen: dict[str, int] = {}
    for item, line in zip(items, lines):
        rule = check_rule(c, item, line, name, seen)
        if rule is not None:
            rules.append(rule)
    if c.errors:
        raise RuleFileErrors(c.errors)
    return RuleFile(name, pack is not None, path, description, extends, disable, match, title, html, tuple(rules), main_content,
                    source=text)
