"""A problem found in user input, located by a path into the document."""

from __future__ import annotations

from dataclasses import dataclass

from claimmap.model.visible import visible

Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """('evidence', 3, 'ratings', 'H2') -> 'evidence[3].ratings.H2'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


@dataclass(frozen=True)
class Problem:
    loc: Loc
    message: str
    line: int | None = None  # 1-based, where the parser could tell

    def render(self, filename: str | None = None) -> str:
        where = visible(format_loc(self.loc))
        line = f" (line {self.line})" if self.line is not None else ""
        prefix = f"{visible(filename)}: " if filename else ""
        return f"{prefix}{where}{line}: {visible(self.message)}"


class InvalidDocument(Exception):
    """Raised with every problem found, so a user can fix a file in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.render() for p in problems))
