"""Diagnosticity: how much an item's ratings differ across the hypotheses.

Following Open Synthesis: per item, the population standard deviation over hypotheses of the
cell values (the mean rating, NA counting as neutral 0), skipping cells nobody assessed.
An item rated the same against every hypothesis (or assessed against fewer than two) has
diagnosticity 0: it cannot tell the explanations apart. `weighted_diagnosticity` multiplies
by the item's weight. The implied evidence order is by diagnosticity, highest first (equal
values keep case order).
"""

from __future__ import annotations

import numpy as np

from .view import View


def diagnosticity(view: View) -> np.ndarray:
    """(E,) population std over assessed cells of each row."""
    mask = view.evaluated
    vals = np.where(mask, view.values * view.os_scale, 0.0)
    n = mask.sum(axis=-1)
    mean = np.divide(vals.sum(axis=-1), n, out=np.zeros(n.shape), where=n > 0)
    dev = np.where(mask, vals - mean[:, None], 0.0)
    var = np.divide((dev * dev).sum(axis=-1), n, out=np.zeros(n.shape), where=n > 1)
    return np.sqrt(var)


def diagnosticity_report(view: View) -> dict[str, object]:
    d = diagnosticity(view)
    wd = d * view.weights
    order = np.argsort(-d, kind="stable")
    return {
        "values": {e: float(x) for e, x in zip(view.evidence, d, strict=True)},
        "weighted": {e: float(x) for e, x in zip(view.evidence, wd, strict=True)},
        "order": [view.evidence[i] for i in order],
        "non_diagnostic": [view.evidence[i] for i in np.flatnonzero(d <= 1e-12)],
    }
