"""Indicative Bayesian posteriors: a model, not a measurement.

Each rating stands for an assumed likelihood P(e | h) (configurable, `DEFAULT_LIKELIHOODS`);
a group's fractional mean rating interpolates log P linearly between the grades. The item's
weight w acts as an exponent, P(e | h)^w, so a weak item moves the posterior less. Cells
without a numeric rating (NA, unrated) count as neutral. With priors π (uniform when absent):

    log post[h] = log π[h] + Σ_e w_e · (log P(e | h) − log P(N)) − log Z

The subtraction of log P(N) only changes Z, so contributions read as "log-odds moved by e".
Everything is computed in log space and normalised with the log-sum-exp trick.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .base import Additive
from .ranking import along_hypotheses
from .view import View

GRADES = ("II", "I", "N", "C", "CC")
DEFAULT_LIKELIHOODS: dict[str, float] = {"II": 0.1, "I": 0.3, "N": 0.5, "C": 0.7, "CC": 0.9}


class Bayes(Additive):
    name = "bayes"
    label = "Indicative Bayesian posterior (model)"
    higher_is_better = True

    def __init__(self, likelihoods: Mapping[str, float] | None = None) -> None:
        table = dict(DEFAULT_LIKELIHOODS)
        if likelihoods:
            unknown = sorted(set(likelihoods) - set(GRADES))
            if unknown:
                raise ValueError(f"unknown grades {unknown}; valid grades: {', '.join(GRADES)}")
            table.update(likelihoods)
        probs = np.array([table[g] for g in GRADES], dtype=np.float64)
        if not np.all((probs > 0.0) & (probs <= 1.0)):
            raise ValueError("likelihoods must lie in (0, 1]")
        self.likelihoods = table
        self._log = np.log(probs) - np.log(table["N"])
        self._slope = np.diff(self._log)

    uses_weights = True

    def unit_cells(self, view: View, values: np.ndarray) -> np.ndarray:
        # linear interpolation of log P between the grades, without a search per element
        v = np.clip(np.asarray(values, dtype=np.float64), -2.0, 2.0) + 2.0
        low = np.minimum(np.floor(v), 3.0)
        i = low.astype(np.intp)
        return self._log.take(i) + (v - low) * self._slope.take(i)

    def key_of_total(self, view: View, totals: np.ndarray) -> np.ndarray:
        return totals + view.log_prior

    def finish(self, view: View, totals: np.ndarray) -> np.ndarray:
        return softmax(totals + view.log_prior)

    def details(self, view: View) -> dict[str, object]:
        return {"likelihoods": dict(self.likelihoods), "model": True}


def softmax(logits: np.ndarray) -> np.ndarray:
    """Normalise along the last axis; -inf entries get 0, an all -inf row becomes uniform."""
    if logits.shape[-1] == 0:
        return np.zeros(logits.shape)
    top = along_hypotheses(np.maximum, logits)[..., None]
    finite = np.isfinite(top)
    shifted = np.where(finite, logits - np.where(finite, top, 0.0), 0.0)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)
