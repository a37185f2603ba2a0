"""The report the CLI prints: every requested method, its uncertainty and what would change it.

`score_report` returns plain JSON-ready data (str, int, float, bool, None, lists, dicts; no
NaN or infinity); `format_report` renders it as plain text. The fields are documented in
docs/scoring.md ("JSON output").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from .base import Method
from .coverage import column_coverage
from .diagnostic import diagnosticity_report
from .draw_rule import SEED, standard_draws
from .matrix import CODE_LABELS, Matrix
from .methods import METHOD_NAMES, make_methods
from .ranking import leader_mask, tie_groups
from .sensitivity import LeaveOneOut, leave_one_out, smallest_flip
from .teams import consensus_report
from .text import format_report
from .uncertainty import MonteCarloModel, monte_carlo
from .view import View, analyst_index, build_view
from .weights import evidence_weights, flag_factor

__all__ = ["METHOD_NAMES", "format_report", "score_report"]

FORMAT = "claimmap-score/1"
TOP_LINCHPINS = 5


def num(x: float | np.floating[Any]) -> float | None:
    """A finite float rounded to 12 significant decimals, or None."""
    value = float(x)
    return round(value, 12) if math.isfinite(value) else None


def nums(arr: np.ndarray) -> list[float | None]:
    """`num` of every value, through Python floats: the same figures, without a numpy scalar
    per value (a big case has a million)."""
    return [round(v, 12) if math.isfinite(v) else None for v in arr.astype(float).tolist()]


def contribution_cells(view: View, values: np.ndarray) -> dict[str, dict[str, float | None]]:
    """{evidence: {hypothesis: value}} for the cells that are not zero, in matrix order."""
    out: dict[str, dict[str, float | None]] = {}
    es, hs = np.nonzero(values != 0.0)
    for e, h, v in zip(es.tolist(), hs.tolist(), nums(values[es, hs]), strict=True):
        row = out.get(view.evidence[e])
        if row is None:
            row = out[view.evidence[e]] = {}
        row[view.hypotheses[h]] = v
    return out


def _by_hyp(view: View, arr: np.ndarray) -> dict[str, float | None]:
    return {h: num(v) for h, v in zip(view.hypotheses, arr, strict=True)}


def score_report(
    matrix: Matrix,
    methods: Sequence[str] | None = None,
    analyst: str | None = None,
    *,
    draws: int | None = None,
    seed: int = SEED,
    use_reliability: bool = False,
    per_cell: bool = True,
    flips: bool = True,
) -> dict[str, Any]:
    """Score `matrix` with `methods` (all when None) for the group (analyst=None) or one
    analyst. `draws`=None runs the standard number of draws for the matrix's size (the rule
    every figure claimmap shows follows); 0 skips the Monte Carlo. `use_reliability` also
    multiplies the weights of `weighted` and `bayes` by the source reliability weight.
    Without `per_cell`, the per-cell parts (each method's contributions, the consensus of
    every cell) are left out: the text report prints neither, and on a big case they are
    a million figures. Without `flips`, `flip` and `linchpins` are empty: the search for
    the smallest flip is most of the work on a big case, and `flip_report` gives them."""
    chosen = make_methods(methods)
    analyst_index(matrix, analyst)  # validates the analyst id
    draws = _draws(matrix, draws)
    view = build_view(matrix, analyst, use_reliability=use_reliability)
    coverage = column_coverage(view)
    report: dict[str, Any] = {
        "format": FORMAT,
        "analyst": analyst,
        "analysts": list(matrix.analysts),
        "hypotheses": list(matrix.hypotheses),
        "labels": dict(zip(matrix.hypotheses, matrix.hypothesis_labels, strict=False)),
        "evidence_count": len(matrix.evidence),
        "use_reliability": use_reliability,
        "methods": {},
        "scores": {},
        "ranking": {},
        "leader": {},
        "coverage": {
            h: {"rated": int(r), "cells": int(c)}
            for h, r, c in zip(view.hypotheses, coverage.rated, coverage.cells, strict=True)
        },
        "provisional": {},
        "margin": {},
        "contributions": {},
        "leave_one_out": {},
        "flip": {},
        "linchpins": {},
        "details": {},
    }
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimmap-chances") as pool:
        # The Monte Carlo is numpy's work, done mostly outside Python's lock: it runs beside
        # the flip search and the rest (a big case's chances came second to them). Its own
        # method objects, as DF-QuAD keeps a cache; its figures are the same either way.
        chances = pool.submit(_uncertainty, view, make_methods(methods), draws, seed)
        for method in chosen:
            loo = _score_method(report, view, method, per_cell)
            if flips:
                _flip_method(report, view, method, loo)
            leaders = [view.hypotheses.index(h) for h in report["leader"][method.name]]
            report["provisional"][method.name] = bool(coverage.incomplete[leaders].any())
        report["diagnosticity"] = diagnosticity_report(view)
        report["weights"] = {e: num(w) for e, w in zip(view.evidence, view.weights, strict=True)}
        report["flags"] = _flag_report(matrix, use_reliability)
        team: dict[str, Any] = {}  # made while the chances are drawn, put after them
        if len(matrix.analysts) > 1:
            team["consensus"] = consensus_report(matrix, cells=per_cell)
            if analyst is None:
                team["by_analyst"] = _by_analyst(matrix, chosen, use_reliability)
        report["uncertainty"] = chances.result()
    report.update(team)
    return report


def _score_method(
    report: dict[str, Any], view: View, method: Method, per_cell: bool
) -> LeaveOneOut:
    name = method.name
    scores = method.scores(view)
    oriented = method.oriented(scores)
    groups = tie_groups(oriented, view.hypotheses)
    report["methods"][name] = {
        "label": method.label,
        "better": "higher" if method.higher_is_better else "lower",
    }
    report["scores"][name] = _by_hyp(view, scores)
    report["ranking"][name] = groups
    report["leader"][name] = groups[0] if groups else []
    if per_cell:
        report["contributions"][name] = contribution_cells(view, method.contributions(view))
    loo = leave_one_out(view, method)
    report["margin"][name] = num(loo.baseline_margin)
    changed = np.flatnonzero(loo.changes)
    report["leave_one_out"][name] = {
        "changes_leader": [
            {
                "evidence": view.evidence[e],
                "new_leader": [view.hypotheses[h] for h in new],
                "margin": num(loo.margins[e]),
            }
            for e, new in zip(changed, loo.new_leaders, strict=True)
        ],
        "margin": dict(zip(view.evidence, nums(loo.margins), strict=True)),
    }
    report["details"][name] = method.details(view)
    return loo


def flip_report(
    matrix: Matrix,
    methods: Sequence[str] | None = None,
    analyst: str | None = None,
    *,
    use_reliability: bool = False,
) -> dict[str, Any]:
    """The `flip` and `linchpins` parts of `score_report` on their own, the same figures: an
    interface shows the scores (`score_report` with flips=False) before these."""
    view = build_view(matrix, analyst, use_reliability=use_reliability)
    report: dict[str, Any] = {"flip": {}, "linchpins": {}}
    for method in make_methods(methods):
        _flip_method(report, view, method)
    return report


def _flip_method(
    report: dict[str, Any], view: View, method: Method, loo: LeaveOneOut | None = None
) -> None:
    """The smallest change of ratings that moves the lead, and the items the lead hangs on."""
    flip = smallest_flip(view, method)
    report["flip"][method.name] = {
        "size": flip.size,
        "exact": flip.exact,
        "lower_bound": flip.lower_bound,
        "changes": _flip_changes(view, flip.moves),
        "new_leader": [view.hypotheses[h] for h in flip.new_leaders],
        "note": flip.note,
    }
    if loo is None:
        loo = leave_one_out(view, method)
    report["linchpins"][method.name] = _linchpins(view, loo, flip.moves)


def _flip_changes(view: View, moves: list[tuple[int, int, int]]) -> list[dict[str, Any]]:
    """One entry per changed cell: from which rating to which, in how many steps."""
    steps: dict[tuple[int, int], int] = {}
    for e, h, d in moves:
        steps[(e, h)] = steps.get((e, h), 0) + d
    return [
        {
            "evidence": view.evidence[e],
            "hypothesis": view.hypotheses[h],
            "from": cell_label(view.values[e, h]),
            "to": cell_label(float(np.clip(view.values[e, h] + n, -2.0, 2.0))),
            "steps": abs(n),
        }
        for (e, h), n in sorted(steps.items())
    ]


def cell_label(value: float) -> str:
    """A cell value as its rating when it is one (C, II...), else signed to two places."""
    rounded = round(float(value))
    if abs(value - rounded) < 1e-9:
        return CODE_LABELS[int(rounded)]
    return f"{value:+.2f}"


def _linchpins(
    view: View, loo: LeaveOneOut, moves: list[tuple[int, int, int]]
) -> list[dict[str, Any]]:
    base = loo.baseline_margin
    finite = np.isfinite(loo.margins) & np.isfinite(base)
    drops = np.zeros(loo.margins.shape)
    np.subtract(base, loo.margins, out=drops, where=finite)
    in_flip = {e for e, _, _ in moves}
    rows = []
    for e in range(len(view.evidence)):
        reasons = []
        if loo.changes[e]:
            reasons.append("removing it changes the leader")
        if e in in_flip:
            reasons.append("part of the smallest flip")
        if reasons or drops[e] > 1e-12:
            rank = (0 if loo.changes[e] else 1, -drops[e], e)
            rows.append((rank, e, reasons))
    rows.sort(key=lambda r: r[0])
    return [
        {
            "evidence": view.evidence[e],
            "margin_drop": num(drops[e]),
            "reasons": reasons or ["removing it narrows the lead"],
        }
        for _, e, reasons in rows[:TOP_LINCHPINS]
    ]


def _flag_report(matrix: Matrix, use_reliability: bool) -> dict[str, Any]:
    """For each flagged item: its flags, their combined factor and the weight before and after,
    so a reader can see exactly what a flag did to the score."""
    if not any(matrix.flags):
        return {}
    before = evidence_weights(
        matrix.credibility, matrix.relevance, matrix.reliability if use_reliability else None
    )
    out: dict[str, Any] = {}
    for e, flags, w in zip(matrix.evidence, matrix.flags, before, strict=True):
        if flags:
            factor = flag_factor(flags)
            out[e] = {
                "flags": list(flags),
                "factor": num(factor),
                "weight_before_flags": num(w),
                "weight": num(w * factor),
            }
    return out


def uncertainty_report(
    matrix: Matrix,
    methods: Sequence[str] | None = None,
    analyst: str | None = None,
    *,
    draws: int | None = None,
    seed: int = SEED,
    use_reliability: bool = False,
) -> dict[str, Any] | None:
    """The `uncertainty` part of `score_report` on its own, the same figures: an interface
    shows the deterministic scores first (`score_report` with draws=0) and this after."""
    view = build_view(matrix, analyst, use_reliability=use_reliability)
    return _uncertainty(view, make_methods(methods), _draws(matrix, draws), seed)


def _draws(matrix: Matrix, draws: int | None) -> int:
    """The draws asked for, or (None) the standard number for the matrix's size."""
    if draws is None:
        draws = standard_draws(len(matrix.evidence) * len(matrix.hypotheses))
    if draws < 0:
        raise ValueError("draws must be zero or positive")
    return draws


def _uncertainty(
    view: View, methods: Sequence[Method], draws: int, seed: int
) -> dict[str, Any] | None:
    if draws == 0:
        return None
    model = MonteCarloModel(draws=draws, seed=seed)
    results = monte_carlo(view, methods, model)
    return {
        "model": {
            "draws": model.draws,
            "seed": model.seed,
            "p_step": model.p_step,
            "weight_sigma": model.sigma,
        },
        "p_lead": {m: _by_hyp(view, r.p_lead) for m, r in results.items()},
        "interval90": {
            m: {
                h: [num(lo), num(hi)]
                for h, lo, hi in zip(view.hypotheses, r.low, r.high, strict=True)
            }
            for m, r in results.items()
        },
        "mean": {m: _by_hyp(view, r.mean) for m, r in results.items()},
        "same_leader": {m: num(r.same_leader) for m, r in results.items()},
    }


def _by_analyst(matrix: Matrix, methods: Sequence[Method], use_reliability: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for a in matrix.analysts:
        view = build_view(matrix, a, use_reliability=use_reliability)
        out[a] = {}
        for m in methods:
            scores = m.scores(view)
            out[a][m.name] = {
                "scores": _by_hyp(view, scores),
                "leader": [
                    view.hypotheses[h] for h in np.flatnonzero(leader_mask(m.oriented(scores)))
                ],
            }
    return out
