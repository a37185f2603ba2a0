"""Rankings as tie groups, leaders and margins.

Two scores are tied when they differ by at most `tolerance(scores)`: 1e-9 relative to the
largest magnitude (and at least 1e-9 absolute). Ties are reported as ties, never broken;
within a group, hypotheses keep their case order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

REL_TOL = 1e-9
SHORT_AXIS = 64  # hypotheses up to which a reduction over them goes a column at a time


def along_hypotheses(ufunc: np.ufunc, a: np.ndarray) -> np.ndarray:
    """`ufunc.reduce(a, axis=-1)` for max, min, logical_and and logical_or: the same values.

    numpy reduces a short last axis row by row, which on (draws or combinations) × a few
    hypotheses costs about twenty times a pass over each column; these reductions are exact,
    so the order does not change the result."""
    h = a.shape[-1]
    if a.ndim < 2 or h == 0 or h > SHORT_AXIS:
        return np.asarray(ufunc.reduce(a, axis=-1))
    out = a[..., 0].copy()
    for j in range(1, h):
        ufunc(out, a[..., j], out=out)
    return out


def tolerance(oriented: np.ndarray) -> np.ndarray:
    """(...,) tie tolerance for (..., H) scores."""
    finite = np.where(np.isfinite(oriented), np.abs(oriented), 0.0)
    if not oriented.shape[-1]:
        return REL_TOL * np.ones(oriented.shape[:-1])
    scale = along_hypotheses(np.maximum, finite)
    return REL_TOL * np.maximum(1.0, scale)


def tie_groups(oriented: np.ndarray, ids: Sequence[str]) -> list[list[str]]:
    """Ranking of 1-D oriented scores (higher is better) as [[best ids], [next], ...].

    A group starts at its best member and takes every next score within tolerance of it."""
    if len(ids) == 0:
        return []
    tol = float(tolerance(oriented))
    order = sorted(range(len(ids)), key=lambda i: (-oriented[i], i))
    groups: list[list[int]] = []
    head = None
    for i in order:
        if head is not None and oriented[head] - oriented[i] <= tol:
            groups[-1].append(i)
        else:
            groups.append([i])
            head = i
    return [[ids[i] for i in sorted(g)] for g in groups]


def ranks(groups: Sequence[Sequence[str]]) -> dict[str, int]:
    """Rank of each id from `tie_groups`: tied ids share a rank and the next rank skips
    past them (1, 1, 3), so a rank always says how many hypotheses beat this one, plus one."""
    out: dict[str, int] = {}
    for group in groups:
        rank = len(out) + 1
        out.update(dict.fromkeys(group, rank))
    return out


def leader_mask(oriented: np.ndarray) -> np.ndarray:
    """(..., H) bool: hypotheses tied for best in each row."""
    if oriented.shape[-1] == 0:
        return np.zeros(oriented.shape, dtype=bool)
    best = along_hypotheses(np.maximum, oriented)
    return oriented >= (best - tolerance(oriented))[..., None]


def lead_share(oriented: np.ndarray) -> np.ndarray:
    """(..., H): 1/k for each of the k hypotheses tied for best, 0 otherwise."""
    mask = leader_mask(oriented)
    counts = np.maximum(1, mask.sum(axis=-1, keepdims=True))
    return mask / counts


def margin(oriented: np.ndarray, leaders: np.ndarray) -> np.ndarray:
    """(...,) how far the given leader set is ahead: min over leaders − max over the rest.

    Positive: the leaders still lead; ≤ 0: someone caught up. +inf when nobody else exists."""
    if oriented.shape[-1] == 0:
        return np.full(oriented.shape[:-1], np.inf)
    lead = along_hypotheses(np.minimum, np.where(leaders, oriented, np.inf))
    rest = along_hypotheses(np.maximum, np.where(leaders, -np.inf, oriented))
    return lead - rest


def same_leaders(oriented: np.ndarray, leaders: np.ndarray) -> np.ndarray:
    """(...,) bool: is the tie group of best hypotheses still exactly `leaders`?"""
    return along_hypotheses(np.logical_and, leader_mask(oriented) == leaders)
