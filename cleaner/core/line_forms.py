"""A page's lines as `lines:` lists read them, to look listed lines up instead of searching them."""
from __future__ import annotations

from typing import Iterator

from cleaner.matching.patterns import equal_line_forms


class LineForms:
    """Each line's form (equal_line_forms) with where each form is first and last."""

    __slots__ = ("forms", "first", "last")

    def __init__(self, folded: bytes) -> None:
        self.forms = forms = equal_line_forms(folded)
        # Built by C from zip: a form on one line, as nearly all are, is found without a
        # Python loop over the page.
        self.first = dict(zip(reversed(forms), range(len(forms) - 1, -1, -1)))
        self.last = dict(zip(forms, range(len(forms))))

    def find(self, listed: frozenset[bytes]) -> list[int]:
        """Indexes of the lines whose form is listed, in page order."""
        return sorted(self._positions(listed.intersection(self.first)))

    def _positions(self, wanted: set[bytes]) -> Iterator[int]:
        for form in wanted:
            i, end = self.first[form], self.last[form]
            yield i
            while i < end:
                i = self.forms.index(form, i + 1, end + 1)
                yield i
