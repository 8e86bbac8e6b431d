"""Rule kinds: one self-describing module each (see base.py), registered in phase order.

Everything else about kinds is derived from the modules here: the names rule files may use,
the order kinds run in, which act on HTML, the key the prefilter scans for, which edit inside
lines, and the kinds tables of the README and docs/rules.md (kinds/table.py). Adding a kind: a
module, and its place in MODULES.
"""
from __future__ import annotations

from types import ModuleType

from cleaner.kinds import (
    capture,
    cut,
    drop_block,
    drop_element,
    drop_line,
    replace,
    strip_span,
)
from cleaner.kinds.base import TARGETS, Key

# Kinds run in this order on every page, whatever the order in the rule file: elements go before
# the text is extracted, metadata is read before anything is cut, whole-line removals come
# before edits inside lines.
MODULES: tuple[ModuleType, ...] = (drop_element, capture, cut, drop_block, drop_line, strip_span, replace)

_DECLARED = ("NAME", "TARGET", "SUMMARY", "DETAIL", "KEYS", "TRIGGER", "EDITS_INSIDE_LINES",
             "ONE_LINE_AT_A_TIME", "validate", "apply")


def check_kinds(modules: tuple[ModuleType, ...]) -> dict[str, ModuleType]:
    """Kind name -> module, refusing a module that does not describe itself fully or a repeated name."""
    kinds: dict[str, ModuleType] = {}
    for module in modules:
        missing = [name for name in _DECLARED if not hasattr(module, name)]
        if missing:
            raise TypeError(f"rule kind module {module.__name__} does not declare {', '.join(missing)}")
        if module.TARGET not in TARGETS or not set(trigger_keys(module.TRIGGER)) <= set(module.KEYS):
            raise TypeError(f"rule kind {module.NAME}: TARGET must be one of {TARGETS} and TRIGGER one of its KEYS")
        if module.NAME in kinds:
            raise TypeError(f"rule kind {module.NAME} is declared by {kinds[module.NAME].__name__} and {module.__name__}")
        kinds[module.NAME] = module
    return kinds


def trigger_keys(trigger: str | tuple[str, ...]) -> tuple[str, ...]:
    """A kind's trigger keys: one key, or the keys of which a rule gives exactly one."""
    return (trigger,) if isinstance(trigger, str) else tuple(trigger)


def trigger_of(kind: str, params: dict) -> object:
    """The value of a rule's trigger key (the one of its alternatives the rule gives)."""
    for key in trigger_keys(KINDS[kind].TRIGGER):
        if params.get(key) is not None:
            return params[key]
    return None


# kind name (as written in rule files) -> its module, in phase order
KINDS: dict[str, ModuleType] = check_kinds(MODULES)
PHASES: tuple[str, ...] = tuple(KINDS)
HTML_KINDS = frozenset(name for name, kind in KINDS.items() if kind.TARGET == "html")
TEXT_KINDS: tuple[str, ...] = tuple(name for name in PHASES if name not in HTML_KINDS)
# How rule files and docs list kinds: the text kinds in phase order, then the HTML ones.
READING_ORDER: tuple[str, ...] = TEXT_KINDS + tuple(name for name in PHASES if name in HTML_KINDS)
TRIGGERS: dict[str, str | tuple[str, ...]] = {name: kind.TRIGGER for name, kind in KINDS.items()}
EDIT_KINDS = frozenset(name for name, kind in KINDS.items() if kind.EDITS_INSIDE_LINES)
LINE_KINDS = frozenset(name for name, kind in KINDS.items() if kind.ONE_LINE_AT_A_TIME)

__all__ = ["EDIT_KINDS", "HTML_KINDS", "KINDS", "Key", "LINE_KINDS", "MODULES", "PHASES", "READING_ORDER",
           "TEXT_KINDS", "TRIGGERS", "check_kinds", "trigger_keys", "trigger_of"]
