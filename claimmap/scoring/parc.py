"""PARC / Heuer inconsistency counts.

`inconsistency`: each cell adds its inconsistency, I = 1 and II = 2 (C, CC and N add nothing);
a group cell uses the mean rating m of the analysts who rated it and adds max(0, -m).
`weighted`: the same, times the item's weight w = credibility · relevance (· reliability).
Lower is better for both: the best-supported hypothesis is the one with least against it.
"""

from __future__ import annotations

import numpy as np

from .base import Additive
from .view import View


class Inconsistency(Additive):
    name = "inconsistency"
    label = "Inconsistency count (Heuer/PARC)"
    higher_is_better = False

    def unit_cells(self, view: View, values: np.ndarray) -> np.ndarray:
        return np.maximum(0.0, -values)


class Weighted(Additive):
    name = "weighted"
    label = "Weighted inconsistency (PARC)"
    higher_is_better = False

    uses_weights = True

    def unit_cells(self, view: View, values: np.ndarray) -> np.ndarray:
        return np.maximum(0.0, -values)
