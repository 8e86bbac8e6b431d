"""Where a text page keeps its metadata: YAML front matter at its top, or a JSON sidecar file.

Front matter is the form Jekyll, Hugo and most static-site tools read: a first line `---`, a YAML
mapping, a line `---` (or `...`). `cleaner check` and `fix` leave such a block to the page (rules
never see it), and `fix --metadata front-matter` adds the fields a fix took away to it. The sidecar
(`page.txt.meta.json`) is a JSON object beside the page. Both only ever gain fields: a value
already there stays, so fixing again changes nothing.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

FENCE = "---"
_CLOSERS = ("---", "...")
MAX_LINES = 200  # a closing fence further down is not front matter but a page that starts with a rule


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter block with its fences and final newline, the rest) of "\\n"-separated text;
    ("", text) when the page does not start with a YAML mapping between fences."""
    if not text.startswith(FENCE + "\n"):
        return "", text
    lines = text.split("\n", MAX_LINES + 1)[:MAX_LINES]
    for i in range(1, len(lines)):
        if lines[i].rstrip() in _CLOSERS:
            if not isinstance(_load("\n".join(lines[1:i])), dict):
                return "", text
            head = "\n".join(lines[: i + 1])
            if len(text) > len(head):
                head += "\n"
            return head, text[len(head):]
    return "", text


def add_front_matter(head: str, fields: Mapping[str, str]) -> str:
    """The front matter block with the fields it lacks appended (a new block when head is "")."""
    existing = _load(head.split("\n", 1)[1].rsplit(FENCE, 1)[0]) if head else {}
    new = {k: v for k, v in fields.items() if k not in (existing or {})}
    if not new:
        return head
    import yaml  # on first use, as in _load

    dumped = yaml.safe_dump(new, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 16)
    if not head:
        return f"{FENCE}\n{dumped}{FENCE}\n"
    body, _nl, closer = head.rstrip("\n").rpartition("\n")
    return f"{body}\n{dumped}{closer}\n"


def sidecar_path(path: Path) -> Path:
    """Where `--metadata sidecar` keeps a page's metadata: `page.txt.meta.json` beside `page.txt`."""
    return path.with_name(path.name + ".meta.json")


def merge_sidecar(old: str | None, fields: Mapping[str, str]) -> str:
    """The sidecar's new text: its object with the fields it lacks added. ValueError when the file
    is not a JSON object (it is not ours to overwrite)."""
    data: dict[str, Any] = {}
    if old is not None and old.strip():
        try:
            loaded = json.loads(old)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON ({exc})") from None
        if not isinstance(loaded, dict):
            raise ValueError("not a JSON object")
        data = loaded
    for key, value in fields.items():
        data.setdefault(key, value)
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def _load(text: str) -> Any:
    # Imported here: few pages have front matter, and yaml costs ~30 ms of `cleaner check`'s start-up.
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None
