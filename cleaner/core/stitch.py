"""A huge page's pieces joined as one page's result: the texts, the removals, the metadata."""
from __future__ import annotations

from cleaner.result import Removal, Result


class Stitch:
    """Piece results in page order: line numbers count on from the pieces before, the first
    piece's value of a metadata field wins, and only the outputs are kept of each piece."""

    def __init__(self) -> None:
        self.outputs: list[str] = []
        self.removals: list[Removal] = []
        self.metadata: dict[str, str] = {}
        self.lines = 0  # lines of the page before the next piece

    def add(self, result: Result, page_lines: int) -> None:
        """One piece's result; page_lines: how many lines its Page had (the last one is empty)."""
        for key, value in result.metadata.items():
            self.metadata.setdefault(key, value)
        self.removals += (r._replace(line=r.line + self.lines) for r in result.removals)
        self.lines += page_lines - 1
        if result.text:
            self.outputs.append(result.text)

    def text(self) -> str:
        """The pieces' texts, a blank line between them (each ends with a newline); the parts are
        let go of, so that the page's text is not held twice."""
        text = "\n".join(self.outputs)
        self.outputs.clear()
        return text
