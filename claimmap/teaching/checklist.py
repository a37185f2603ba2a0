"""The pieces of a guided-ACH checklist: the TUI views a check points to, and the check itself.

A check is either computed from the case or completed by a tick the analyst gives (kept in
the document's `reviewed` list and named by `Check.review`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from claimmap.model.enums import ReviewCheck as R


class View(StrEnum):
    """Where in the TUI a step or check is worked on."""

    CASE = "case"  # question, description, teaching notes
    MATRIX = "matrix"  # hypotheses × evidence ratings
    EVIDENCE = "evidence"  # evidence list and sources
    SCORES = "scores"  # rankings, diagnosticity, sensitivity
    ASSUMPTIONS = "assumptions"  # key assumptions check
    INDICATORS = "indicators"
    QUALITY = "quality"  # quality of information check


@dataclass(frozen=True)
class Check:
    id: str
    text: str
    done: int
    total: int
    view: View
    review: R | None = None  # the tick that completes it, when the analyst must tick it
    outstanding: tuple[str, ...] = ()  # ids still to deal with (unrated rows, unticked items)
    items: tuple[str, ...] = ()  # on per-item ticks: every item the check covers, in order

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    def mark(self, item: str | None = None) -> str:
        """The `reviewed` entry that ticks this check (for `item`, on per-item checks)."""
        if self.review is None:
            raise ValueError(f"check {self.id} is computed from the case; it cannot be ticked")
        return f"{self.review.value}:{item}" if item else self.review.value


def count_check(check_id: str, text: str, items: list[str], ok: list[str], view: View) -> Check:
    """A check over `items`, done for those in `ok`; the rest are outstanding."""
    done = set(ok)
    missing = tuple(i for i in items if i not in done)
    return Check(check_id, text, len(items) - len(missing), len(items), view, None, missing)


def flag_check(
    check_id: str, text: str, ok: bool, view: View, outstanding: tuple[str, ...] = ()
) -> Check:
    return Check(check_id, text, int(ok), 1, view, None, () if ok else outstanding)


def ticked(check_id: str, text: str, review: R, reviewed: set[str], view: View) -> Check:
    return Check(check_id, text, int(review.value in reviewed), 1, view, review)


def ticked_items(
    check_id: str, text: str, review: R, items: list[str], reviewed: set[str], view: View
) -> Check:
    missing = tuple(e for e in items if f"{review.value}:{e}" not in reviewed)
    done = len(items) - len(missing)
    return Check(check_id, text, done, len(items), view, review, missing, tuple(items))
