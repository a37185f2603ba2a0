"""Scoring benchmarks: `python benchmarks/bench_scoring.py [--repeat N]`.

Prints the median wall time of each task and its ratio to a baseline measured in the same
run on the same data (a plain numpy pass over the rating cube), so figures from different
machines can be compared. Targets (issue 3), on 50 hypotheses × 5,000 evidence × 5 analysts:
all deterministic methods within 100 ms, leave-one-out within 200 ms; Monte Carlo with 1,000
draws on 12 × 300 within 250 ms. Never used as a timed assertion in tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_matrix

from claimmap.scoring import build_view, make_methods
from claimmap.scoring.diagnostic import diagnosticity
from claimmap.scoring.uncertainty import MonteCarloModel, monte_carlo


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000.0


def row(name: str, ms: float, baseline: float, target: float | None) -> None:
    verdict = ""
    if target is not None:
        verdict = f"  target {target:.0f} ms: {'ok' if ms <= target else 'MISSED'}"
    print(f"{name:<52} {ms:9.2f} ms  {ms / baseline:8.1f}× baseline{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    methods = make_methods()

    big = synthetic_matrix(seed=1, hypotheses=50, evidence=5000, analysts=5)
    cube = big.ratings
    base_ms = timed(lambda: np.maximum(0.0, -cube.astype(np.float64)).sum(axis=(0, 1)), args.repeat)
    print(f"case 50 × 5000 × 5 analysts; baseline (one numpy pass over the cube): {base_ms:.2f} ms")

    def deterministic() -> None:
        view = build_view(big)
        for m in methods:
            m.scores(view)
            m.contributions(view)
        diagnosticity(view)

    row(
        "build view + 5 methods (scores + contributions)",
        timed(deterministic, args.repeat),
        base_ms,
        100,
    )
    view = build_view(big)
    for m in methods:
        row(f"  {m.name} scores", timed(lambda m=m: m.scores(view), args.repeat), base_ms, None)

    def loo() -> None:
        for m in methods:
            m.leave_one_out(view)

    row("leave-one-out, 5 methods", timed(loo, args.repeat), base_ms, 200)

    linked = synthetic_matrix(seed=1, hypotheses=50, evidence=5000, analysts=5, links=40)
    lview = build_view(linked)
    dfq = make_methods(["dfquad"])[0]
    row(
        "  dfquad scores with 40 explicit links",
        timed(lambda: dfq.scores(lview), args.repeat),
        base_ms,
        None,
    )
    row(
        "  dfquad leave-one-out with 40 explicit links",
        timed(lambda: dfq.leave_one_out(lview), max(1, args.repeat // 3)),
        base_ms,
        None,
    )

    small = synthetic_matrix(seed=2, hypotheses=12, evidence=300, analysts=5)
    sview = build_view(small)
    draws_cube = np.random.default_rng(0).normal(size=(1000, 300, 12))
    small_base = timed(lambda: np.maximum(0.0, -draws_cube).sum(axis=1), args.repeat)
    print(
        f"\ncase 12 × 300 × 5 analysts; baseline (one numpy pass over 1000 × 300 × 12 "
        f"float64 draws): {small_base:.2f} ms"
    )
    model = MonteCarloModel(draws=1000, seed=0)
    mc_ms = timed(lambda: monte_carlo(sview, methods, model), args.repeat)
    row("Monte Carlo, 1000 draws, 5 methods", mc_ms, small_base, 250)
    for m in methods:
        ms = timed(lambda m=m: monte_carlo(sview, [m], model), args.repeat)
        row(f"  {m.name} alone", ms, small_base, None)


if __name__ == "__main__":
    main()
