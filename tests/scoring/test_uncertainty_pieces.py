"""A Monte Carlo batch is scored a few draws at a time to keep memory down; the figures must
be exactly those of the batch scored whole, for every method."""

from __future__ import annotations

import numpy as np
import pytest

from claimmap.scoring import Matrix, build_view, make_methods
from claimmap.scoring import uncertainty as mc

LABELS = ["CC", "C", "N", "I", "II", "NA"]


def _matrix() -> Matrix:
    rng = np.random.default_rng(7)
    hyps = [f"H{i}" for i in range(1, 5)]
    items = [f"E{i}" for i in range(1, 31)]
    cells = [
        (who, e, h, LABELS[int(rng.integers(0, 6))])
        for who in ("ann", "bob")
        for e in items
        for h in hyps
        if rng.random() < 0.8
    ]
    return Matrix.build(hyps, items, cells, analysts=["ann", "bob"])


def test_pieces_give_the_figures_of_the_whole_batch(monkeypatch: pytest.MonkeyPatch):
    view = build_view(_matrix())
    model = mc.MonteCarloModel(draws=300, seed=3)
    methods = make_methods(None)
    whole = mc.monte_carlo(view, methods, model)  # 120 cells: the batch is one piece
    monkeypatch.setattr(mc, "PIECE_CELLS", 7 * 120)  # now pieces of 7 draws, the last short
    pieces = list(mc._pieces(next(mc.perturbed_draws(view, model))))
    assert len(pieces) == 43 and pieces[-1].code.shape[0] == 300 - 42 * 7
    split = mc.monte_carlo(view, methods, model)
    for name, result in whole.items():
        other = split[name]
        for field in ("p_lead", "low", "high", "mean"):
            assert np.array_equal(getattr(result, field), getattr(other, field)), (name, field)
        assert result.same_leader == other.same_leader
