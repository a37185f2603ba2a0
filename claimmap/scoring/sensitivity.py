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

import itertools
import math
from dataclasses import dataclass, field
from itertools import combinations_with_replacement

import numpy as np

from .base import Method, step
from .ranking import leader_mask, margin, same_leaders, tolerance
from .view import View

EXACT_BUDGET = 60_000  # combinations scored by the exact search, at most
EXACT_CELLS = 10_000_000  # and at most this many (combination × cell) evaluations
BATCH_CELLS = 4_000_000  # (combination × cell) evaluations a best flip is chosen among
PIECE_CELLS = 250_000  # and scored at once
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


def _effective(view: View, d: int) -> np.ndarray:
    """(E, H) bool: cells a step in direction d would change."""
    return view.rated & (step(view.values, d) != view.values)


def _candidate_moves(view: View) -> list[tuple[int, int, int]]:
    moves = []
    for d in (-1, 1):
        moves += [
            (int(e), int(h), d) for e, h in zip(*np.nonzero(_effective(view, d)), strict=True)
        ]
    moves.sort()
    return moves


def _combos(n: int, k: int) -> np.ndarray:
    """(N, k) every multiset of k move indices out of n, in itertools' order (lexicographic)."""
    count = math.comb(n + k - 1, k)
    flat = itertools.chain.from_iterable(combinations_with_replacement(range(n), k))
    return np.fromiter(flat, dtype=np.int64, count=count * k).reshape(count, k)


def _valid(combos: np.ndarray, moves: np.ndarray, values: np.ndarray) -> np.ndarray:
    """(N,) bool per combination: no cell moved both ways, and no step lost to the ends of the
    scale (every step must still move the rating). Moves are sorted by (e, h, d), so the
    steps on one cell sit side by side in a combination."""
    n_h = values.shape[1]
    e, h, d = moves[combos, 0], moves[combos, 1], moves[combos, 2]  # each (N, k)
    cell = e * n_h + h
    same = cell[:, :-1] == cell[:, 1:]
    both_ways = (same & (d[:, :-1] != d[:, 1:])).any(axis=1)
    # how many steps each position's cell takes in its combination
    times = (cell[:, :, None] == cell[:, None, :]).sum(axis=2)
    before_last = values[e, h] + (times - 1) * d
    lost = ((np.abs(before_last) >= 2.0) & (np.sign(before_last) == d)).any(axis=1)
    return ~both_ways & ~lost


def smallest_flip(view: View, method: Method, budget: int = EXACT_BUDGET) -> Flip:
    base = method.oriented(method.scores(view))
    if base.size < 2:
        return Flip(None, note="fewer than two hypotheses: nothing to flip")
    leaders = leader_mask(base)
    n_moves = int(_effective(view, -1).sum() + _effective(view, 1).sum())
    if not n_moves:
        return Flip(None, note="no rated cells to change")
    e, h = view.shape
    budget = min(budget, EXACT_CELLS // max(1, e * h))
    if n_moves > budget:
        return _greedy(view, method, leaders, lower_bound=1)
    moves = _candidate_moves(view)
    move_array = np.array(moves, dtype=np.int64).reshape(-1, 3)
    spent = 0
    k = 0
    while True:
        k += 1
        if spent + math.comb(n_moves + k - 1, k) > budget:
            return _greedy(view, method, leaders, lower_bound=k)
        combos = _combos(len(moves), k)
        combos = combos[_valid(combos, move_array, view.values)]
        if not len(combos):
            return Flip(None, lower_bound=k, note="no combination of moves changes the leader")
        spent += len(combos)
        # The best flip is chosen within each `chunk` of combinations, in order; a chunk is
        # scored a `piece` at a time, so the arrays stay a few megabytes (a whole chunk at
        # once took 90 MB on an 18-item case).
        chunk = max(1, BATCH_CELLS // max(1, e * h))
        piece = max(1, PIECE_CELLS // max(1, e * h))
        for lo in range(0, len(combos), chunk):
            part = combos[lo : lo + chunk]
            best: tuple[float, int, np.ndarray] | None = None
            for start in range(0, len(part), piece):
                oriented = _score_combinations(
                    view, method, move_array, part[start : start + piece]
                )
                flipped = ~same_leaders(oriented, leaders)
                if flipped.any():
                    margins = margin(oriented, leaders)
                    i = int(np.flatnonzero(flipped)[np.argmin(margins[flipped])])
                    if best is None or margins[i] < best[0]:  # ties: the earlier one
                        best = (float(margins[i]), start + i, oriented[i])
            if best is not None:
                chosen = [moves[int(i)] for i in part[best[1]]]
                return Flip(
                    k,
                    chosen,
                    exact=True,
                    lower_bound=k,
                    new_leaders=list(np.flatnonzero(leader_mask(best[2]))),
                )


def _score_combinations(
    view: View, method: Method, move_array: np.ndarray, combos: np.ndarray
) -> np.ndarray:
    """(len(combos), H) oriented scores with each combination of moves applied."""
    e, h = view.shape
    k = combos.shape[1]
    # every combination's net steps per cell, summed in one pass
    rows = np.repeat(np.arange(len(combos)), k)
    cells = (move_array[combos, 0] * h + move_array[combos, 1]).ravel()
    delta = np.bincount(
        rows * (e * h) + cells,
        weights=move_array[combos, 2].ravel().astype(np.float64),
        minlength=len(combos) * e * h,
    ).reshape(len(combos), e, h)
    moved = np.clip(view.values + delta, -2.0, 2.0)
    return np.asarray(method.oriented(method.scores(view.with_values(moved))))


def _greedy(view: View, method: Method, leaders: np.ndarray, lower_bound: int) -> Flip:
    """Apply, one at a time, the single step that most narrows the margin.

    Scores must be separable (a hypothesis's key depends on its own column only), so after a
    step only that column's candidates are recomputed: each step costs O(E), not O(E·H)."""
    separable = getattr(method, "separable_for", lambda v: method.separable)(view)
    if not separable:
        return Flip(
            None,
            exact=False,
            lower_bound=lower_bound,
            note="search too large for a method whose hypotheses interact; not attempted",
        )
    values = view.values.copy()
    current = view.with_values(values)
    keys = np.array(method.keys(current), dtype=np.float64)
    n_h = keys.size
    tol = float(tolerance(keys))
    cand_key = np.zeros(n_h)
    cand_e = np.full(n_h, -1)
    cand_d = np.zeros(n_h, dtype=int)

    def refresh(cols: list[int]) -> None:
        sub = current.columns(cols)
        cand_e[cols] = -1
        for d in (-1, 1):
            moved = method.move_keys(sub, d)
            eff = _effective(sub, d)
            for j, h in enumerate(cols):
                if not eff[:, j].any():
                    continue
                if leaders[h]:  # a leader: the step that lowers it most
                    col = np.where(eff[:, j], moved[:, j], np.inf)
                    e = int(np.argmin(col))
                    better = cand_e[h] < 0 or col[e] < cand_key[h]
                else:  # a challenger: the step that raises it most
                    col = np.where(eff[:, j], moved[:, j], -np.inf)
                    e = int(np.argmax(col))
                    better = cand_e[h] < 0 or col[e] > cand_key[h]
                if better:
                    cand_key[h], cand_e[h], cand_d[h] = col[e], e, d

    refresh(list(range(n_h)))
    chosen: list[tuple[int, int, int]] = []
    for _ in range(GREEDY_STEPS):
        # every hypothesis's candidate step tried at once: row c is the keys after it
        ready = cand_e >= 0
        trials = np.tile(keys, (n_h, 1))
        np.fill_diagonal(trials, cand_key)
        predicted = np.where(ready, margin(trials, leaders), np.inf)
        if leaders.sum() > 1:  # a tied leader drops out: the group changes
            predicted[ready & leaders & (cand_key < keys - tol)] = -np.inf
        h = int(np.argmin(predicted))
        if not np.isfinite(predicted[h]) and predicted[h] > 0:
            break  # no step left anywhere
        e, d = int(cand_e[h]), int(cand_d[h])
        chosen.append((e, h, d))
        values[e, h] = step(values[e, h], d)
        keys[h] = cand_key[h]
        refresh([h])
        if predicted[h] <= tol:
            oriented = method.oriented(method.scores(current))
            if not same_leaders(oriented, leaders):
                exact = len(chosen) <= lower_bound
                return Flip(
                    len(chosen),
                    chosen,
                    exact=exact,
                    lower_bound=lower_bound,
                    new_leaders=list(np.flatnonzero(leader_mask(oriented))),
                    note="" if exact else "greedy approximation",
                )
    return Flip(
        None,
        exact=False,
        lower_bound=lower_bound,
        note=f"greedy search found no flip within {GREEDY_STEPS} changes",
    )
