"""The scores a spreadsheet shows: every method's score, rank, probability of leading and 90 %
interval per hypothesis, plus each item's weight and diagnosticity.

Built from the scoring engine's parts rather than `score_report`, which also runs
leave-one-out and the smallest-flip search: on 50 hypotheses × 5,000 items × 5 analysts those
take seconds and the sheet shows neither. Scores, ranks and the Monte Carlo follow
docs/scoring.md exactly, with the same draws and seed as everywhere else
(`scoring.draw_rule.standard_draws`), so the sheet's figures are the CLI's and the TUI's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.model.document import CaseDocument
from claimmap.scoring.coverage import column_coverage
from claimmap.scoring.diagnostic import diagnosticity
from claimmap.scoring.draw_rule import SEED, standard_draws
from claimmap.scoring.methods import make_methods
from claimmap.scoring.ranking import ranks, tie_groups
from claimmap.scoring.report import num
from claimmap.scoring.uncertainty import MonteCarloModel, monte_carlo
from claimmap.scoring.view import build_view


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
    rated: list[int]  # rated cells of each hypothesis's column (NA included)
    cells: int  # cells of a column: the evidence items in scoring (retracted ones are not)
    draws: int
    methods: list[MethodScores]
    weights: dict[str, float]
    diagnosticity: dict[str, float]


def score_table(doc: CaseDocument) -> ScoreTable:
    matrix = matrix_from_document(doc)
    view = build_view(matrix, None)
    methods = make_methods(None)
    cells = len(view.evidence) * len(view.hypotheses)
    draws = standard_draws(cells)
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
    coverage = column_coverage(view)
    return ScoreTable(
        hypotheses=list(view.hypotheses),
        rated=[int(r) for r in coverage.rated],
        cells=int(coverage.cells[0]) if len(coverage.cells) else 0,
        draws=draws if cells else 0,
        methods=rows,
        weights={e: float(w) for e, w in zip(view.evidence, view.weights, strict=True)},
        diagnosticity={e: float(d) for e, d in zip(view.evidence, diag, strict=True)},
    )
