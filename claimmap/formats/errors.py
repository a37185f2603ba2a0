"""Errors a file can end with that the user can act on: an export that cannot be made (a
missing program, say), a case file that is not valid. Kept light: the interface imports
them to word its messages without loading the readers."""

from __future__ import annotations

from claimmap.model.problems import InvalidDocument, Problem
from claimmap.model.visible import visible


class ExportError(Exception):
    """An export that cannot be produced; the message says why and what to do."""


class CaseFileError(InvalidDocument):
    """Invalid case file; `render()` gives the lines a user should see."""

    def __init__(self, filename: str, problems: list[Problem]):
        self.filename = filename
        super().__init__(problems)

    def render(self, limit: int = 40) -> str:
        lines = [p.render(self.filename) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            more = len(self.problems) - limit
            lines.append(f"{visible(self.filename)}: … and {more} more problems")
        return "\n".join(lines)
