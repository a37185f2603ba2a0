"""The shape every scoring method has, and the additive family most of them belong to.

A method turns a `View` into one score per hypothesis (`scores`, batched over leading axes),
explains it per evidence item (`contributions`), and can answer two sensitivity questions
without a Python loop per item: the scores with each item left out (`leave_one_out`) and a
per-hypothesis ranking key after moving one cell by one step (`move_keys`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from .view import View


def step(values: np.ndarray, delta: float) -> np.ndarray:
    """Move ratings by `delta` steps, staying on the -2..+2 scale."""
    return np.clip(values + delta, -2.0, 2.0)


class Method(ABC):
    name: str = ""
    label: str = ""
    higher_is_better: bool = False
    #: True when a hypothesis's ranking key depends only on its own column.
    separable: bool = True

    def oriented(self, scores: np.ndarray) -> np.ndarray:
        """Scores turned so that higher is always better."""
        return scores if self.higher_is_better else -scores

    @abstractmethod
    def scores(self, view: View) -> np.ndarray:
        """(..., H) scores for (..., E, H) values."""

    @abstractmethod
    def contributions(self, view: View) -> np.ndarray:
        """(E, H): how much each evidence item adds to each hypothesis's score (or key)."""

    @abstractmethod
    def leave_one_out(self, view: View) -> np.ndarray:
        """(E, H): the scores with evidence item e removed, for every e at once."""

    @abstractmethod
    def keys(self, view: View) -> np.ndarray:
        """(..., H) per-hypothesis ranking key, higher is better, same order as scores."""

    @abstractmethod
    def move_keys(self, view: View, delta: float) -> np.ndarray:
        """(E, H): key of hypothesis h after cell (e, h) moves by `delta` steps."""

    def details(self, view: View) -> dict[str, object]:
        """Extra method-specific output for the report."""
        return {}


class Additive(Method):
    """score[h] = finish(Σ_e cell[e, h]); the key is a monotone function of the column sum."""

    @abstractmethod
    def cells(self, view: View, values: np.ndarray) -> np.ndarray:
        """(..., E, H) per-cell contributions for the given values (weights from view)."""

    def finish(self, view: View, totals: np.ndarray) -> np.ndarray:
        return totals

    def key_of_total(self, view: View, totals: np.ndarray) -> np.ndarray:
        return self.oriented(totals)

    def totals(self, view: View) -> np.ndarray:
        return self.cells(view, view.values).sum(axis=-2)

    def scores(self, view: View) -> np.ndarray:
        return self.finish(view, self.totals(view))

    def contributions(self, view: View) -> np.ndarray:
        return self.cells(view, view.values)

    def leave_one_out(self, view: View) -> np.ndarray:
        cells = self.cells(view, view.values)
        return self.finish(view, cells.sum(axis=0)[None, :] - cells)

    def keys(self, view: View) -> np.ndarray:
        return self.key_of_total(view, self.totals(view))

    def move_keys(self, view: View, delta: float) -> np.ndarray:
        old = self.cells(view, view.values)
        moved = np.where(view.rated, step(view.values, delta), view.values)
        new = self.cells(view, moved)
        return self.key_of_total(view, old.sum(axis=0)[None, :] - old + new)
