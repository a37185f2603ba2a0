"""The shape every scoring method has, and the additive family most of them belong to.

A method turns a `View` into one score per hypothesis (`scores`, batched over leading axes),
explains it per evidence item (`contributions`), and can answer two sensitivity questions
without a Python loop per item: the scores with each item left out (`leave_one_out`) and a
per-hypothesis ranking key after moving one cell by one step (`move_keys`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from .view import View


@dataclass
class Draws:
    """A batch of perturbed cases: cell (b, e, h) takes level code[b, e, h] of three
    (0: one step down, 1: as is, 2: one step up). A batch is scored in pieces (`piece`);
    the pieces and the batches of one run share the tables of each level's values, which
    depend on the case alone (`shared`)."""

    base_view: View
    code: np.ndarray  # (B, E, H) int8 in {0, 1, 2}
    weights: np.ndarray  # (B, E)
    base: np.ndarray  # (B, E)
    shared: dict[Any, Any] = field(default_factory=dict)

    def table(self, key: Any, make: Callable[[], Any]) -> Any:
        """`make()`, computed once for the whole batch."""
        if key not in self.shared:
            self.shared[key] = make()
        return self.shared[key]

    def piece(self, start: int, stop: int) -> Draws:
        return Draws(
            self.base_view,
            self.code[start:stop],
            self.weights[start:stop],
            self.base[start:stop],
            self.shared,
        )

    @property
    def levels(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        def make() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            v = self.base_view
            lo = np.where(v.rated, step(v.values, -1), v.values)
            hi = np.where(v.rated, step(v.values, 1), v.values)
            return lo, v.values, hi

        return self.table("levels", make)

    @cached_property
    def _index(self) -> np.ndarray:
        e, h = self.code.shape[-2:]
        cells = self.table("cells", lambda: 3 * np.arange(e * h, dtype=np.intp).reshape(e, h))
        # one pass, the int8 codes widened on the fly (astype, then add, took seven times as long)
        return np.add(cells, self.code, dtype=np.intp)

    def pick(self, lo: np.ndarray, mid: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """(B, E, H): per draw and cell, the entry of the (E, H) table for its level."""
        return np.stack([lo, mid, hi], axis=-1).ravel().take(self._index)

    def pick_shared(
        self, key: Any, make: Callable[[], tuple[np.ndarray, np.ndarray, np.ndarray]]
    ) -> np.ndarray:
        """`pick(*make())`, with the three tables made and stacked once for the batch."""
        flat = self.table(("stacked", key), lambda: np.stack(make(), axis=-1).ravel())
        return np.asarray(flat.take(self._index))

    @cached_property
    def values(self) -> np.ndarray:
        return self.pick(*self.levels)

    @cached_property
    def view(self) -> View:
        return self.base_view.with_values(self.values, self.weights, self.base)


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

    def draw_scores(self, view: View, draws: Draws) -> np.ndarray:
        """(B, H) scores for a batch of Monte Carlo draws."""
        return self.scores(draws.view)


class Additive(Method):
    """score[h] = finish(Σ_e w_e·unit[e, h]) (w_e = 1 unless `uses_weights`); the ranking
    key is a monotone function of the column sum."""

    uses_weights: bool = False

    @abstractmethod
    def unit_cells(self, view: View, values: np.ndarray) -> np.ndarray:
        """(..., E, H) per-cell contributions before the evidence weight."""

    def cells(self, view: View, values: np.ndarray) -> np.ndarray:
        unit = self.unit_cells(view, values)
        return unit * view.weights[..., :, None] if self.uses_weights else unit

    def draw_scores(self, view: View, draws: Draws) -> np.ndarray:
        """Scores for a batch of perturbed draws: each cell takes one of three values (one
        step down, as is, one step up), so the unit contributions are tabulated once."""

        def tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            lo, mid, hi = (self.unit_cells(view, v) for v in draws.levels)
            return lo, mid, hi

        unit = draws.pick_shared(("unit", self), tables)
        w = draws.weights if self.uses_weights else np.ones(draws.weights.shape)
        totals = np.matmul(w[:, None, :], unit)[:, 0, :]
        return self.finish(draws.base_view, totals)

    def finish(self, view: View, totals: np.ndarray) -> np.ndarray:
        return totals

    def key_of_total(self, view: View, totals: np.ndarray) -> np.ndarray:
        """The ranking key of column totals: the total, oriented, plus at most a constant per
        hypothesis, so a key moves exactly as far as its total (the flip search's bound on
        what a step can do relies on this)."""
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
