"""Sizes as people write and read them: "50MB" in options and configuration, "312.4 MB" in messages."""
from __future__ import annotations

import re

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?)b?\s*$", re.I)


def parse_size(text: str) -> int:
    """'50MB' (decimal, as sizes are printed), '64MiB' (binary), '200k', '1048576' -> bytes; ValueError otherwise."""
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a size such as 50MB or 200k")
    base = 1024 if m.group(3) else 1000
    return int(float(m.group(1)) * base ** " kmg".index(m.group(2).lower() or " "))


def format_size(n: int) -> str:
    """Format a byte count for messages: 312.4 MB, 100.0 kB, 12 bytes."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"
