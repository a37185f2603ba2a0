"""The scores a spreadsheet shows: every method's score, rank, probability of leading and 90 %
interval per hypothesis, plus each item's weight and diagnosticity.

Built from the scoring engine's parts rather than `score_report`, which also runs
leave-one-out and the smallest-flip search: on 50 hypotheses × 5,000 items × 5 analysts those
take seconds and the sheet shows neither. Scores, ranks and the Monte Carlo follow
docs/scoring.md exactly; the seed is fixed, so the same case gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.model.document import CaseDocument
from claimmap.scoring.diagnostic import diagnosticity
from claimmap.scoring.methods import make_methods
from claimmap.scoring.ranking import ranks, tie_groups
from claimmap.scoring.report import num
from claimmap.scoring.uncertainty import MonteCarloModel, monte_carlo
from claimmap.scoring.view import build_view

SEED = 0
# The Monte Carlo of every export (spreadsheet and reports): 1,000 draws as `claimmap score`
# does, fewer on big matrices so that exporting 5,000 items stays within its two-second budget:
# draws × cells is kept under 5 million, with at least 100 draws (a leader's probability then
# within about ±5 %). DF-QuAD's draws cost most when a case has explicit links, since each draw
# is solved iteratively. Every export states how many draws it ran.
MAX_DRAWS, MIN_DRAWS, DRAW_CELLS = 1000, 100, 5_000_000


def draws_for(cells: int) -> int:
    return max(MIN_DRAWS, min(MAX_DRAWS, DRAW_CELLS // max(cells, 1)))


@dataclass(frozen=True)
class MethodScores:
    name: str
    label: str
    better: str  # "lower" or "higher"
    scores: list[float | None]
    ranks: list[int]  # 1 = best; tied hypotheses share a rank
    p_lead: list[float | None]
    low: list[float | None]
    high: list[float | None]


@dataclass(frozen=True)
class ScoreTable:
    hypotheses: list[str]
    draws: int
    methods: list[MethodScores]
    weights: dict[str, float]
    diagnosticity: dict[str, float]


def score_table(doc: CaseDocument) -> ScoreTable:
    matrix = matrix_from_document(doc)
    view = build_view(matrix, None)
    methods = make_methods(None)
    cells = len(view.evidence) * len(view.hypotheses)
    draws = draws_for(cells)
    results = monte_carlo(view, methods, MonteCarloModel(draws=draws, seed=SEED)) if cells else {}
    rows = []
    for method in methods:
        scores = method.scores(view)
        rank = ranks(tie_groups(method.oriented(scores), view.hypotheses))
        mc = results.get(method.name)
        none: list[float | None] = [None] * len(view.hypotheses)
        rows.append(
            MethodScores(
                name=method.name,
                label=method.label,
                better="higher" if method.higher_is_better else "lower",
                scores=[num(s) for s in scores],
                ranks=[rank[h] for h in view.hypotheses],
                p_lead=[num(p) for p in mc.p_lead] if mc else none,
                low=[num(x) for x in mc.low] if mc else none,
                high=[num(x) for x in mc.high] if mc else none,
            )
        )
    diag = diagnosticity(view) if len(view.evidence) else np.zeros(0)
    return ScoreTable(
        hypotheses=list(view.hypotheses),
        draws=draws if cells else 0,
        methods=rows,
        weights={e: float(w) for e, w in zip(view.evidence, view.weights, strict=True)},
        diagnosticity={e: float(d) for e, d in zip(view.evidence, diag, strict=True)},
    )
