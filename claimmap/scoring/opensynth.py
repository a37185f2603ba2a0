"""Open Synthesis squared deviation (openach/metrics.py, twschiller/open-synthesis).

Ratings become votes on a 1-5 scale (II = 1, I = 2, N = 3, C = 4, CC = 5). For each cell the
mean vote m is taken over every analyst who assessed it, NA counting as a neutral vote 3 (as
Open Synthesis does); a cell nobody assessed is skipped. Then

    inconsistency[h] = Σ_e (3 − m[e, h])²   over cells with m < 3   (lower is better)
    consistency[h]   = Σ_e (m[e, h] − 3)²   over cells with m > 3   (the twin; reported too)

Squaring makes one strongly inconsistent item count more than two mildly inconsistent ones,
and a split panel (one II, one CC) averages out to neutral. Weights are not used.
"""

from __future__ import annotations

import numpy as np

from .base import Additive
from .view import View


class Squared(Additive):
    name = "squared"
    label = "Squared deviation (Open Synthesis)"
    higher_is_better = False

    def unit_cells(self, view: View, values: np.ndarray) -> np.ndarray:
        centred = values * view.os_scale  # m − 3 on the vote scale
        return np.where(centred < 0.0, centred * centred, 0.0)

    def consistency_cells(self, view: View) -> np.ndarray:
        centred = view.values * view.os_scale
        return np.where(centred > 0.0, centred * centred, 0.0)

    def details(self, view: View) -> dict[str, object]:
        totals = self.consistency_cells(view).sum(axis=0)
        return {"consistency": {h: float(t) for h, t in zip(view.hypotheses, totals, strict=True)}}
