"""What the methods see: one (evidence × hypothesis) table of ratings plus weights.

`values[e, h]` is the mean numeric rating (-2..+2) over the analysts in view who gave one,
and 0 where nobody did (NA, unrated). `rated` marks cells with at least one numeric rating;
`evaluated` marks cells with any assessment (numeric or NA). `os_scale = n_numeric /
n_evaluated` turns `values` into Open Synthesis's cell mean, which counts NA votes as neutral.

Every array may carry leading batch axes (Monte Carlo draws, leave-one-out, flip search);
the methods are written for `(..., E, H)` values and `(..., E)` weights.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .matrix import NA, UNRATED, Matrix
from .weights import base_scores, evidence_weights, flag_factors


@dataclass(frozen=True)
class View:
    hypotheses: tuple[str, ...]
    evidence: tuple[str, ...]
    values: np.ndarray  # (..., E, H) float64, mean numeric rating, 0 where none
    rated: np.ndarray  # (E, H) bool: at least one numeric rating
    evaluated: np.ndarray  # (E, H) bool: numeric or NA
    os_scale: np.ndarray  # (E, H) float64: n_numeric / n_evaluated (0 where not evaluated)
    weights: np.ndarray  # (..., E) float64: credibility · relevance (· reliability) · flags
    base: np.ndarray  # (..., E) float64 in [0, 1]: DF-QuAD base score of each item
    log_prior: np.ndarray  # (H,) float64, normalised log prior (finite or -inf)
    tau: np.ndarray  # (H,) float64 in [0, 1]: DF-QuAD base score of each hypothesis
    matrix: Matrix

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.evidence), len(self.hypotheses)

    def with_values(
        self,
        values: np.ndarray,
        weights: np.ndarray | None = None,
        base: np.ndarray | None = None,
    ) -> View:
        return replace(
            self,
            values=values,
            weights=self.weights if weights is None else weights,
            base=self.base if base is None else base,
        )

    def columns(self, cols: list[int]) -> View:
        """The same view restricted to some hypotheses (for per-column recomputation)."""
        return replace(
            self,
            hypotheses=tuple(self.hypotheses[c] for c in cols),
            values=self.values[..., cols],
            rated=self.rated[:, cols],
            evaluated=self.evaluated[:, cols],
            os_scale=self.os_scale[:, cols],
            log_prior=self.log_prior[cols],
            tau=self.tau[cols],
        )


def normalised_priors(priors: np.ndarray) -> np.ndarray:
    """Missing priors (NaN) take the mean of the given ones (uniform when none is given);
    negatives count as 0; the result sums to 1. All zero → uniform."""
    n = priors.shape[0]
    if n == 0:
        return np.zeros(0)
    p = np.asarray(priors, dtype=np.float64).copy()
    given = np.isfinite(p)
    fill = float(np.mean(np.clip(p[given], 0.0, None))) if given.any() else 1.0
    p[~given] = fill
    p = np.clip(p, 0.0, None)
    total = p.sum()
    if not np.isfinite(total) or total <= 0.0:
        return np.full(n, 1.0 / n)
    return p / total


def hypothesis_tau(priors: np.ndarray) -> np.ndarray:
    """DF-QuAD base score of a hypothesis: its prior when given (clipped to [0, 1]), else ½."""
    p = np.asarray(priors, dtype=np.float64)
    return np.where(np.isfinite(p), np.clip(np.nan_to_num(p, nan=0.5), 0.0, 1.0), 0.5)


def analyst_index(matrix: Matrix, analyst: str | None) -> slice | int:
    if analyst is None:
        return slice(None)
    if analyst not in matrix.analysts:
        choices = ", ".join(matrix.analysts) or "(none)"
        raise ValueError(f"unknown analyst {analyst!r}; valid analysts: {choices}")
    return matrix.analysts.index(analyst)


def build_view(
    matrix: Matrix, analyst: str | None = None, *, use_reliability: bool = False
) -> View:
    """The group view (analyst=None: mean over analysts who rated each cell) or one analyst's."""
    index = analyst_index(matrix, analyst)
    cube = matrix.ratings[index]
    if cube.ndim == 2:
        cube = cube[None]
    factors = flag_factors(matrix.flags, len(matrix.evidence))
    retracted = factors == 0.0
    if retracted.any():
        # A withdrawn item leaves every method, not only the weighted ones: the plain counts
        # carry no weight, so only hiding its ratings keeps them from counting it.
        cube = np.where(retracted[None, :, None], np.int8(UNRATED), cube)
    numeric = (cube != NA) & (cube != UNRATED)
    n_numeric = numeric.sum(axis=0)
    n_eval = n_numeric + (cube == NA).sum(axis=0)
    sums = np.where(numeric, cube, 0).sum(axis=0, dtype=np.float64)
    values = np.divide(sums, n_numeric, out=np.zeros(sums.shape), where=n_numeric > 0)
    os_scale = np.divide(
        n_numeric.astype(np.float64), n_eval, out=np.zeros(sums.shape), where=n_eval > 0
    )
    weights = factors * evidence_weights(
        matrix.credibility, matrix.relevance, matrix.reliability if use_reliability else None
    )
    log_prior = _log(normalised_priors(matrix.priors))
    return View(
        hypotheses=matrix.hypotheses,
        evidence=matrix.evidence,
        values=values,
        rated=n_numeric > 0,
        evaluated=n_eval > 0,
        os_scale=os_scale,
        weights=weights,
        base=factors * base_scores(matrix.credibility, matrix.reliability),
        log_prior=log_prior,
        tau=hypothesis_tau(matrix.priors),
        matrix=matrix,
    )


def _log(p: np.ndarray) -> np.ndarray:
    out = np.full(p.shape, -np.inf)
    np.log(p, out=out, where=p > 0)
    return out


def with_row_rebuilt(view: View, matrix: Matrix, e: int, analyst: str | None) -> View:
    """`build_view(matrix, analyst)`, for a `matrix` that differs from `view.matrix` only in
    the ratings of evidence row `e` (an edit): that row is computed again and the rest
    carried over, which on a big case is a row instead of a quarter of a million cells.
    Every part of a view is per cell or per item, so nothing else can change."""
    row = slice(e, e + 1)
    one = replace(
        matrix,
        evidence=matrix.evidence[row],
        ratings=matrix.ratings[:, row],
        credibility=matrix.credibility[row],
        relevance=matrix.relevance[row],
        reliability=matrix.reliability[row],
        evidence_labels=matrix.evidence_labels[row],
        flags=matrix.flags[row],
    )
    fresh = build_view(one, analyst)
    parts = {}
    for name in ("values", "rated", "evaluated", "os_scale"):
        whole = getattr(view, name).copy()
        whole[e] = getattr(fresh, name)[0]
        parts[name] = whole
    return replace(view, matrix=matrix, **parts)
