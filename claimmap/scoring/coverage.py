"""How much of each hypothesis's column has been rated: a score built on a half-rated column
says less than it seems to (a hypothesis nobody has rated against has no inconsistencies and
would lead every count), so every score is shown with its coverage and a ranking whose leader
has unrated cells is provisional.

A cell counts as rated when an analyst in view gave it a rating, NA included (NA is a
judgement that the item does not apply; unrated means nobody has looked). Retracted items
are out of scoring altogether and out of the count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .view import View
from .weights import flag_factors


@dataclass(frozen=True)
class Coverage:
    rated: np.ndarray  # (H,) int: rated cells per hypothesis
    cells: np.ndarray  # (H,) int: cells that count (evidence items not retracted)

    @property
    def incomplete(self) -> np.ndarray:
        """(H,) bool: the column has unrated cells, or no cells at all (no evidence in
        scoring yet: a ranking of nothing is no ranking)."""
        return (self.rated < self.cells) | (self.cells == 0)


def column_coverage(view: View) -> Coverage:
    matrix = view.matrix
    active = flag_factors(matrix.flags, len(view.evidence)) > 0.0
    rated = view.evaluated[active].sum(axis=0).astype(np.int64)
    cells = np.full(len(view.hypotheses), int(active.sum()), dtype=np.int64)
    return Coverage(rated=rated, cells=cells)
