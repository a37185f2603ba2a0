"""Monte Carlo: how sure is the ranking when ratings and weights are a little off?

Model (documented in docs/scoring.md), one draw:

* every cell with a numeric rating moves one step down with probability p/2 and one step up
  with probability p/2 (default p = 0.2), staying on the -2..+2 scale; for a group the cell's
  mean rating moves. NA and unrated cells never change;
* every evidence weight (and DF-QuAD base score) is multiplied by exp(σ·z − σ²/2),
  z ~ N(0, 1), default σ = 0.25 (mean 1, about ±25 % spread); base scores are capped at 1;
* priors are kept.

All methods score the same draws. For each hypothesis: the probability that it leads (a draw
tied between k leaders gives each 1/k) and the 5 %-95 % interval of its score. Draws are
generated in chunks of at most ~4 million cells; numpy's PCG64 seeded with `seed` makes the
result reproducible.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import Draws, Method
from .ranking import lead_share, leader_mask, same_leaders
from .view import View

CHUNK_CELLS = 4_000_000
PIECE_CELLS = 500_000  # cells scored at once within a batch


@dataclass(frozen=True)
class MonteCarloModel:
    draws: int = 1000
    seed: int = 0
    p_step: float = 0.2
    sigma: float = 0.25


@dataclass
class MonteCarloResult:
    p_lead: np.ndarray  # (H,)
    low: np.ndarray  # (H,) 5th percentile
    high: np.ndarray  # (H,) 95th percentile
    mean: np.ndarray  # (H,)
    same_leader: float  # share of draws whose leader group equals the unperturbed one


def perturbed_draws(view: View, model: MonteCarloModel) -> Iterator[Draws]:
    """The draws in batches of at most CHUNK_CELLS cells."""
    rng = np.random.default_rng(model.seed)
    e, h = view.shape
    chunk = max(1, CHUNK_CELLS // max(1, e * h))
    done = 0
    half = model.p_step / 2.0
    # each level's values per cell depend on the case alone: tabulated once for every batch
    shared: dict[Any, Any] = {}
    while done < model.draws:
        b = min(chunk, model.draws - done)
        u = rng.random((b, e, h), dtype=np.float32)
        # mean-one log-normal: exp(σz − σ²/2) has expectation 1
        noise = np.exp(model.sigma * rng.standard_normal((b, e)) - model.sigma**2 / 2)
        yield Draws(
            base_view=view,
            code=1 - (u < half).view(np.int8) + (u >= 1.0 - half).view(np.int8),
            weights=view.weights * noise,
            base=np.minimum(1.0, view.base * noise),
            shared=shared,
        )
        done += b


def _pieces(draws: Draws) -> Iterator[Draws]:
    """A batch scored a few draws at a time: each draw's scores are its own, and the
    methods' temporaries are then a few megabytes, not a few hundred (the batch size itself
    is tied to the random stream, so it stays)."""
    b, e, h = draws.code.shape
    step = max(1, PIECE_CELLS // max(1, e * h))
    if step >= b:
        yield draws
        return
    for lo in range(0, b, step):
        yield draws.piece(lo, lo + step)


def monte_carlo(
    view: View, methods: Sequence[Method], model: MonteCarloModel
) -> dict[str, MonteCarloResult]:
    h = len(view.hypotheses)
    if model.draws <= 0:
        raise ValueError("draws must be positive")
    baseline = {m.name: leader_mask(m.oriented(m.scores(view))) for m in methods}
    collected: dict[str, list[np.ndarray]] = {m.name: [] for m in methods}
    for draws in perturbed_draws(view, model):
        for part in _pieces(draws):
            for m in methods:
                collected[m.name].append(m.draw_scores(view, part))
    results = {}
    for m in methods:
        scores = np.concatenate(collected[m.name], axis=0).reshape(model.draws, h)
        oriented = m.oriented(scores)
        if h == 0:
            empty = np.zeros(0)
            results[m.name] = MonteCarloResult(empty, empty, empty, empty, 1.0)
            continue
        same = same_leaders(oriented, baseline[m.name])
        results[m.name] = MonteCarloResult(
            p_lead=lead_share(oriented).mean(axis=0),
            low=np.quantile(scores, 0.05, axis=0),
            high=np.quantile(scores, 0.95, axis=0),
            mean=scores.mean(axis=0),
            same_leader=float(same.mean()),
        )
    return results
