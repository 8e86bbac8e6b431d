"""How to clean: one frozen, picklable set of options that every front-end builds (CLI, library, Ray).

The rules say what furniture is; the options say how a run treats pages. Workers receive the
options as they are (a frozen dataclass pickles in a few bytes), so a run cleans alike on one
process, N processes or a Ray cluster.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Markup = Literal["auto", "text", "html"]
MARKUPS: tuple[str, ...] = get_args(Markup)
DEFAULT_MAX_SIZE = 50_000_000


@dataclass(frozen=True)
class Options:
    """Options of a cleaning run; the defaults are what `cleaner clean` does without flags."""

    markup: Markup = "auto"  # how pages are read: scraped text, HTML, or told by content
    main_content: bool = True  # after the rules, keep the article's run of prose where a rule file asks for it
    max_size: int = DEFAULT_MAX_SIZE  # bytes: larger input files and records are reported and skipped
    comments: bool = False  # keep reader comments and a thread's posts after the article, each marked

    def __post_init__(self) -> None:
        if self.markup not in MARKUPS:
            raise ValueError(f"markup must be one of {', '.join(map(repr, MARKUPS))}, not {self.markup!r}")
        if not isinstance(self.main_content, bool):
            raise TypeError(f"main_content must be a bool, not {type(self.main_content).__name__}")
        if not isinstance(self.comments, bool):
            raise TypeError(f"comments must be a bool, not {type(self.comments).__name__}")
        if isinstance(self.max_size, bool) or not isinstance(self.max_size, int) or self.max_size <= 0:
            raise ValueError(f"max_size must be a positive number of bytes, not {self.max_size!r}")
