"""Several analysts: per-cell consensus and disagreement, as Open Synthesis computes them.

For one cell, with the analysts' votes on the 1-5 scale and the number of NA answers:

* consensus: NA if more analysts said NA than gave a rating; otherwise the mean vote rounded
  to a grade, an exact half rounding toward neutral (Open Synthesis documents this intent;
  its code uses Python's round-half-to-even, which differs at 1.5 → 2 vs 2.5 → 2);
* disagreement: the larger of (a) the sample standard deviation of the 0/1 indicator
  "gave a rating" over everyone who assessed the cell and (b) the sample standard deviation
  of the votes; 0 when there are too few answers; none when nobody assessed the cell;
* bucket: < 0.5 Consensus, < 1.5 Mild Dispute, < 2.0 Large Dispute, else Extreme Dispute,
  and "No Assessments" for a cell nobody assessed.

Unrated cells are not assessments. Everything is vectorised over the (E, H) cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from .matrix import CODE_LABELS, NA, UNRATED, Matrix

if TYPE_CHECKING:
    from .view import View

BUCKETS = ((0.5, "Consensus"), (1.5, "Mild Dispute"), (2.0, "Large Dispute"))
EXTREME = "Extreme Dispute"
NO_ASSESSMENTS = "No Assessments"


LEVELS = (*(name for _, name in BUCKETS), EXTREME)  # every dispute level, calmest first


def level_index(disagreement: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(each cell's index into LEVELS, whether anyone assessed it): `bucket` vectorised;
    digitize puts d < 0.5 in 0, 0.5 <= d < 1.5 in 1, and so on, the same edges."""
    return np.digitize(disagreement, [limit for limit, _ in BUCKETS]), ~np.isnan(disagreement)


def level_counts(index: np.ndarray, assessed: np.ndarray) -> dict[str, int]:
    """How many assessed cells fall in each dispute level."""
    tally = np.bincount(index[assessed], minlength=len(LEVELS)).tolist()
    return dict(zip(LEVELS, tally, strict=True))


def bucket(disagreement: float | None) -> str:
    if disagreement is None:
        return NO_ASSESSMENTS
    for limit, name in BUCKETS:
        if disagreement < limit:
            return name
    return EXTREME


def _sample_std(total: np.ndarray, squares: np.ndarray, n: np.ndarray) -> np.ndarray:
    mean = np.divide(total, n, out=np.zeros(total.shape), where=n > 0)
    ss = np.maximum(0.0, squares - n * mean * mean)
    return np.sqrt(np.divide(ss, n - 1, out=np.zeros(total.shape), where=n > 1))


def cell_statistics(matrix: Matrix) -> dict[str, np.ndarray]:
    """Arrays (E, H): n_rated, n_na, mean (rating scale, 0 if none), disagreement (NaN where
    nobody assessed), consensus code (rating -2..2, NA or UNRATED)."""
    return cube_statistics(matrix.ratings)


def cube_statistics(ratings: np.ndarray) -> dict[str, np.ndarray]:
    """`cell_statistics` of an (analysts, ...) cube of codes: each cell on its own, so a
    slice of the cube gives that slice's statistics (an edit recomputes one row)."""
    cube = ratings.astype(np.int16)
    numeric = (cube != NA) & (cube != UNRATED)
    n_rated = numeric.sum(axis=0)
    n_na = (cube == NA).sum(axis=0)
    vals = np.where(numeric, cube, 0).astype(np.float64)
    total = vals.sum(axis=0)
    squares = (vals * vals).sum(axis=0)
    mean = np.divide(total, n_rated, out=np.zeros(total.shape), where=n_rated > 0)
    n_all = n_rated + n_na
    na_std = _sample_std(n_rated.astype(np.float64), n_rated.astype(np.float64), n_all)
    rated_std = _sample_std(total, squares, n_rated)
    disagreement = np.where(n_all > 0, np.maximum(na_std, rated_std), np.nan)
    toward_neutral = np.sign(mean) * np.ceil(np.abs(mean) - 0.5)
    code = np.where(n_na > n_rated, NA, toward_neutral.astype(np.int64))
    code = np.where(n_all == 0, UNRATED, code)
    return {
        "n_rated": n_rated,
        "n_na": n_na,
        "mean": mean,
        "disagreement": disagreement,
        "consensus": code,
    }


def consensus_report(matrix: Matrix, *, cells: bool = True) -> dict[str, object]:
    """JSON-ready per-cell consensus for every assessed cell, and bucket counts; without
    `cells`, the counts alone (all a text report prints, and a big case has a quarter
    million cells)."""
    stats = cell_statistics(matrix)
    index, assessed = level_index(stats["disagreement"])
    counts: dict[str, int] = level_counts(index, assessed)
    counts[NO_ASSESSMENTS] = int((~assessed).sum())
    if not cells:
        return {"buckets": counts}
    found = []
    # Python lists, not a numpy scalar per cell.
    dis, consensus, mean, n_rated, n_na = (
        stats[k].tolist() for k in ("disagreement", "consensus", "mean", "n_rated", "n_na")
    )
    bucket_of = index.tolist()
    for e, h in zip(*(axis.tolist() for axis in np.nonzero(assessed)), strict=True):
        d = dis[e][h]
        found.append(
            {
                "evidence": matrix.evidence[e],
                "hypothesis": matrix.hypotheses[h],
                "consensus": CODE_LABELS[int(consensus[e][h])],
                "mean": round(float(mean[e][h]), 12),
                "disagreement": round(float(d), 12),
                "bucket": LEVELS[bucket_of[e][h]],
                "n_rated": int(n_rated[e][h]),
                "n_na": int(n_na[e][h]),
            }
        )
    return {"cells": found, "buckets": counts}


GROUP = "group"


def leaders_by_analyst(
    matrix: Matrix,
    method_names: Sequence[str],
    views: Callable[[str | None], View] | None = None,
) -> dict[str, dict[str, list[str]]]:
    """Per analyst with any rating, then for the group (every analyst's mean per cell): the
    hypotheses each method ranks first (several when tied), {who: {method: [ids]}}.
    `views` gives the view of an analyst (None: the group) when the caller keeps them."""
    from .methods import make_methods
    from .ranking import leader_mask
    from .view import build_view

    view_of = views or partial(build_view, matrix)
    methods = make_methods(list(method_names))
    rated = [(matrix.ratings[a] != UNRATED).any() for a in range(len(matrix.analysts))]
    who = [name for name, any_ in zip(matrix.analysts, rated, strict=True) if any_]
    out: dict[str, dict[str, list[str]]] = {}
    for name in [*who, GROUP]:
        view = view_of(None if name == GROUP else name)
        out[name] = {}
        for m in methods:
            if not view.hypotheses:
                out[name][m.name] = []
                continue
            lead = leader_mask(m.oriented(m.scores(view)))
            out[name][m.name] = [view.hypotheses[h] for h in np.flatnonzero(lead)]
    return out


def leader_disagreements(leaders: dict[str, dict[str, list[str]]]) -> list[str]:
    """The methods under which the analysts (not counting the group) do not all rank the same
    hypotheses first."""
    people = {name: by for name, by in leaders.items() if name != GROUP}
    if len(people) < 2:
        return []
    methods = next(iter(people.values())).keys()
    return [m for m in methods if len({tuple(by[m]) for by in people.values()}) > 1]
