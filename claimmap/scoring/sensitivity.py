"""What would change the conclusion: leave-one-out, the smallest flip, linchpins.

* Leave-one-out: every item removed in turn, all at once (the methods compute (E, H) scores
  without a loop per item). For each item: does the leader group change, and the margin
  (min over the baseline leaders − max over the others, in "higher is better" units).
* Smallest flip: the fewest one-step rating changes (a cell moved two steps counts two) after
  which the leader group is different. Exact breadth-first search over all combinations of
  moves while the number of combinations stays within a budget; past it, a greedy search
  that each time applies the single move that most narrows the margin — labelled
  `exact: false`, with the proven lower bound from the exhaustive levels.
* Linchpins: items whose removal changes the leader, items in the smallest flip, then the
  items whose removal narrows the margin most.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations_with_replacement

import numpy as np

from .base import Method, step
from .ranking import leader_mask, margin, same_leaders
from .view import View

EXACT_BUDGET = 60_000
BATCH_CELLS = 4_000_000
GREEDY_STEPS = 200


@dataclass
class LeaveOneOut:
    margins: np.ndarray  # (E,) margin of the baseline leaders with item e removed
    changes: np.ndarray  # (E,) bool: leader group differs without item e
    new_leaders: list[list[int]]  # per item, the leader group without it
    baseline_margin: float


def leave_one_out(view: View, method: Method) -> LeaveOneOut:
    base = method.oriented(method.scores(view))
    leaders = leader_mask(base)
    loo = method.oriented(method.leave_one_out(view))
    changes = ~same_leaders(loo, leaders) if loo.size else np.zeros(loo.shape[0], bool)
    masks = leader_mask(loo)
    return LeaveOneOut(
        margins=margin(loo, leaders),
        changes=changes,
        new_leaders=[list(np.flatnonzero(row)) for row in masks[changes]],
        baseline_margin=float(margin(base, leaders)),
    )


@dataclass
class Flip:
    size: int | None  # None: no flip found (or impossible)
    moves: list[tuple[int, int, int]] = field(default_factory=list)  # (e, h, ±1) per step
    exact: bool = True
    lower_bound: int = 0
    new_leaders: list[int] = field(default_factory=list)
    note: str = ""


def _candidate_moves(view: View) -> list[tuple[int, int, int]]:
    moves = []
    for e, h in zip(*np.nonzero(view.rated), strict=True):
        for d in (-1, 1):
            if step(view.values[e, h], d) != view.values[e, h]:
                moves.append((int(e), int(h), d))
    return moves


def _apply(view: View, moves: list[tuple[int, int, int]]) -> np.ndarray:
    values = view.values.copy()
    for e, h, d in moves:
        values[e, h] = step(values[e, h], d)
    return values


def _valid(combo: tuple[int, ...], moves: list[tuple[int, int, int]], values: np.ndarray) -> bool:
    """No cell moved both ways, and no step lost to the ends of the scale."""
    net: dict[tuple[int, int], list[int]] = {}
    for i in combo:
        e, h, d = moves[i]
        net.setdefault((e, h), []).append(d)
    for (e, h), ds in net.items():
        if len(set(ds)) > 1:
            return False
        before_last = values[e, h] + sum(ds[1:])  # every step must still move the rating
        if abs(before_last) >= 2.0 and np.sign(before_last) == ds[0]:
            return False
    return True


def smallest_flip(view: View, method: Method, budget: int = EXACT_BUDGET) -> Flip:
    base = method.oriented(method.scores(view))
    if base.size < 2:
        return Flip(None, note="fewer than two hypotheses: nothing to flip")
    leaders = leader_mask(base)
    moves = _candidate_moves(view)
    if not moves:
        return Flip(None, note="no rated cells to change")
    e, h = view.shape
    spent = 0
    k = 0
    while True:
        k += 1
        combos = [
            c
            for c in combinations_with_replacement(range(len(moves)), k)
            if _valid(c, moves, view.values)
        ]
        if not combos:
            return Flip(None, lower_bound=k, note="no combination of moves changes the leader")
        if spent + len(combos) > budget:
            return _greedy(view, method, leaders, lower_bound=k)
        spent += len(combos)
        chunk = max(1, BATCH_CELLS // max(1, e * h))
        for lo in range(0, len(combos), chunk):
            part = combos[lo : lo + chunk]
            delta = np.zeros((len(part), e, h))
            for b, c in enumerate(part):
                for i in c:
                    delta[b, moves[i][0], moves[i][1]] += moves[i][2]
            moved = np.clip(view.values + delta, -2.0, 2.0)
            oriented = method.oriented(method.scores(view.with_values(moved)))
            flipped = ~same_leaders(oriented, leaders)
            if flipped.any():
                margins = margin(oriented, leaders)
                best = int(np.flatnonzero(flipped)[np.argmin(margins[flipped])])
                chosen = [moves[i] for i in part[best]]
                return Flip(
                    k,
                    chosen,
                    exact=True,
                    lower_bound=k,
                    new_leaders=list(np.flatnonzero(leader_mask(oriented[best]))),
                )


def _greedy(view: View, method: Method, leaders: np.ndarray, lower_bound: int) -> Flip:
    separable = getattr(method, "separable_for", lambda v: method.separable)(view)
    if not separable:
        return Flip(
            None,
            exact=False,
            lower_bound=lower_bound,
            note="search too large for a method whose hypotheses interact; not attempted",
        )
    current = view
    chosen: list[tuple[int, int, int]] = []
    lead_idx = np.flatnonzero(leaders)
    for _ in range(GREEDY_STEPS):
        keys = method.keys(current)
        best_new = np.inf
        best_move: tuple[int, int, int] | None = None
        for d in (-1, 1):
            moved = method.move_keys(current, d)  # (E, H): new key of column h
            effective = current.rated & (step(current.values, d) != current.values)
            new_margin = _margins_after(keys, moved, leaders)
            new_margin = np.where(effective, new_margin, np.inf)
            if len(lead_idx) > 1:  # any real change to a tied leader splits the tie
                split = effective & leaders[None, :] & (np.abs(moved - keys[None, :]) > 1e-9)
                new_margin = np.where(split, -np.inf, new_margin)
            idx = np.unravel_index(int(np.argmin(new_margin)), new_margin.shape)
            if new_margin[idx] < best_new:
                best_new = float(new_margin[idx])
                best_move = (int(idx[0]), int(idx[1]), d)
        if best_move is None:
            break
        chosen.append(best_move)
        current = current.with_values(_apply(current, [best_move]))
        oriented = method.oriented(method.scores(current))
        if not same_leaders(oriented, leaders):
            return Flip(
                len(chosen),
                chosen,
                exact=len(chosen) <= lower_bound,
                lower_bound=lower_bound,
                new_leaders=list(np.flatnonzero(leader_mask(oriented))),
                note="" if len(chosen) <= lower_bound else "greedy approximation",
            )
    return Flip(
        None,
        exact=False,
        lower_bound=lower_bound,
        note=f"greedy search found no flip within {GREEDY_STEPS} changes",
    )


def _margins_after(keys: np.ndarray, moved: np.ndarray, leaders: np.ndarray) -> np.ndarray:
    """(E, H) margin of the leader set if only column h's key became moved[e, h]."""
    n = keys.shape[0]
    out = np.empty(moved.shape)
    for h in range(n):  # loop over hypotheses (few), vectorised over evidence
        others = np.delete(np.arange(n), h)
        lead_others = keys[others][leaders[others]]
        rest_others = keys[others][~leaders[others]]
        lead_min = lead_others.min() if lead_others.size else np.inf
        rest_max = rest_others.max() if rest_others.size else -np.inf
        col = moved[:, h]
        if leaders[h]:
            out[:, h] = np.minimum(lead_min, col) - rest_max
        else:
            out[:, h] = lead_min - np.maximum(rest_max, col)
    return out
