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

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .base import Additive, Method, step
from .ranking import leader_mask, margin, same_leaders, tolerance
from .view import View

EXACT_BUDGET = 60_000  # combinations scored by the exact search, at most
EXACT_CELLS = 10_000_000  # and at most this many (combination × cell) evaluations
BATCH_CELLS = 4_000_000  # (combination × cell) evaluations a best flip is chosen among
PIECE_CELLS = 250_000  # and scored at once
GREEDY_STEPS = 200
SIEVE_SLACK = 1e-9  # relative: far above rounding, far below any real difference of margins


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
    """(N, k) every multiset of k move indices out of n, in lexicographic order (that of
    itertools.combinations_with_replacement): each multiset of k − 1 is followed by every
    index from its last one up, so the rows are built one column at a time."""
    out = np.arange(n, dtype=np.int64).reshape(n, 1)
    for _ in range(k - 1):
        last = out[:, -1]
        counts = n - last
        rows = np.repeat(np.arange(len(out)), counts)
        starts = np.cumsum(counts) - counts
        tail = last[rows] + np.arange(len(rows)) - starts[rows]
        out = np.column_stack([out[rows], tail])
    return out.reshape(-1, k)


def _valid(combos: np.ndarray, moves: np.ndarray, values: np.ndarray) -> np.ndarray:
    """(N,) bool per combination: no cell moved both ways, and no step lost to the ends of the
    scale (every step must still move the rating). Moves are sorted by (e, h, d), so the
    steps on one cell sit side by side in a combination."""
    n_h = values.shape[1]
    e, h, d = moves[combos, 0], moves[combos, 1], moves[combos, 2]  # each (N, k)
    cell = e * n_h + h
    same = cell[:, :-1] == cell[:, 1:]
    both_ways = (same & (d[:, :-1] != d[:, 1:])).any(axis=1)
    # the rating each step starts from; a step that starts at the end it moves to is lost
    before = values[e, h] + _earlier_steps(cell) * d
    lost = ((np.abs(before) >= 2.0) & (np.sign(before) == d)).any(axis=1)
    return ~both_ways & ~lost


def _earlier_steps(cell: np.ndarray) -> np.ndarray:
    """(N, k): how many steps of the same cell come before each step of a combination (the
    steps on one cell sit side by side)."""
    rank = np.zeros(cell.shape, dtype=np.int64)
    for j in range(1, cell.shape[1]):
        rank[:, j] = np.where(cell[:, j] == cell[:, j - 1], rank[:, j - 1] + 1, 0)
    return rank


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
        sieve = _additive_sieve(view, method, move_array, k)
        chunk = max(1, BATCH_CELLS // max(1, e * h))
        piece = max(1, PIECE_CELLS // max(1, e * h if sieve is None else k * 8 + h))
        for lo in range(0, len(combos), chunk):
            part = combos[lo : lo + chunk]
            best: tuple[float, int, np.ndarray] | None = None
            for start in range(0, len(part), piece):
                found = _best_flip(
                    view, method, leaders, move_array, part[start : start + piece], sieve
                )
                if found is not None and (best is None or found[0] < best[0]):
                    best = (found[0], start + found[1], found[2])  # ties: the earlier one
            if best is not None:
                chosen = [moves[int(i)] for i in part[best[1]]]
                return Flip(
                    k,
                    chosen,
                    exact=True,
                    lower_bound=k,
                    new_leaders=list(np.flatnonzero(leader_mask(best[2]))),
                )


def _best_flip(
    view: View,
    method: Method,
    leaders: np.ndarray,
    move_array: np.ndarray,
    combos: np.ndarray,
    sieve: Callable[[np.ndarray], np.ndarray] | None,
) -> tuple[float, int, np.ndarray] | None:
    """The combination that changes the leaders with the smallest margin (the first of
    equals), as (margin, row, oriented scores); None when none changes them.

    With a `sieve` (fast scores that differ from the full rescoring only by rounding), only
    the combinations it finds flipping within rounding of its smallest margin are rescored:
    the same choice as rescoring all, ties included, for a fraction of the work."""
    rows = np.arange(len(combos))
    if sieve is not None:
        rough = sieve(combos)
        flipped = ~same_leaders(rough, leaders)
        if not flipped.any():
            return None
        margins = margin(rough, leaders)
        least = margins[flipped].min()
        scale = np.abs(rough[np.isfinite(rough)]).max(initial=1.0)
        slack = SIEVE_SLACK * float(scale)
        rows = np.flatnonzero(flipped & (margins <= least + slack))
    oriented = _rescored_combinations(view, method, move_array, combos[rows])
    flipped = ~same_leaders(oriented, leaders)
    if not flipped.any():
        return None
    margins = margin(oriented, leaders)
    i = int(np.flatnonzero(flipped)[np.argmin(margins[flipped])])
    return float(margins[i]), int(rows[i]), oriented[i]


def _additive_sieve(
    view: View, method: Method, move_array: np.ndarray, k: int
) -> Callable[[np.ndarray], np.ndarray] | None:
    """For a method that sums per-cell terms, a fast scorer of (N, k) combinations: each
    step adds the change of its own cell's term to its column's total, so a combination
    costs k lookups, not a rescoring of all E × H cells (the sums are taken in another
    order, so the last bits may differ from a rescoring).

    A cell stepped r times before this step (a combination holds a cell's steps side by
    side, all in one direction) changes by term(v + d(r+1)) − term(v + d·r), values kept on
    the scale as the full rescoring does."""
    if not isinstance(method, Additive):
        return None
    e, h, d = move_array.T
    gain = _step_gains(view, method, k)[(d + 1) // 2, :, e, h].T  # (k, moves)
    cell = e * view.shape[1] + h
    totals = method.totals(view)
    n_h = len(totals)

    def score(combos: np.ndarray) -> np.ndarray:
        n = len(combos)
        steps = gain[_earlier_steps(cell[combos]), combos]
        rows = (np.arange(n)[:, None] * n_h + h[combos]).ravel()
        change = np.bincount(rows, weights=steps.ravel(), minlength=n * n_h).reshape(n, n_h)
        return np.asarray(method.oriented(method.finish(view, totals[None, :] + change)))

    return score


def _rescored_combinations(
    view: View, method: Method, move_array: np.ndarray, combos: np.ndarray
) -> np.ndarray:
    """(len(combos), H) oriented scores, each combination applied to the whole matrix and
    the matrix scored again."""
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


def _step_gains(view: View, method: Additive, k: int) -> np.ndarray:
    """(2, k, E, H): a cell's term change at its (r+1)-th step down (index 0) or up (1)."""
    out = np.empty((2, k, *view.shape))
    for i, d in enumerate((-1, 1)):
        before = method.cells(view, view.values)
        for r in range(k):
            after = method.cells(view, step(view.values, d * (r + 1)))
            out[i, r] = after - before
            before = after
    return out


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

    if leaders.sum() == 1 and isinstance(method, Additive):
        # Each step moves one key by at most the largest single-step change of any cell, so
        # the margin cannot close within GREEDY_STEPS when it is wider than that many: the
        # search below would end without a flip (on a big case after a second of work).
        reach = GREEDY_STEPS * _largest_step(view, method) * (1 + SIEVE_SLACK)
        if float(margin(keys, leaders)) - reach > tol * 2:
            return _no_greedy_flip(lower_bound)
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
    return _no_greedy_flip(lower_bound)


def _no_greedy_flip(lower_bound: int) -> Flip:
    return Flip(
        None,
        exact=False,
        lower_bound=lower_bound,
        note=f"greedy search found no flip within {GREEDY_STEPS} changes",
    )


def _largest_step(view: View, method: Additive) -> float:
    """The most one step on one rated cell can move its hypothesis's key: a summing method's
    key moves as its column's total does (Additive.key_of_total), and a cell's term changes
    by at most this at any of the (at most four) steps the scale allows."""
    gains = _step_gains(view, method, 4)[:, :, view.rated]
    return float(np.abs(gains).max(initial=0.0))
