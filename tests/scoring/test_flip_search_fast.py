"""The exact flip search's shortcuts give what the plain search gives.

A summing method's combinations are first scored by adding each step's change to its column
(the sieve), and only the near-best are rescored in full; the multisets of moves are built
with numpy; reductions over the hypotheses go a column at a time. Each is compared here with
the plain computation it replaces, on random cases and on hand-made ones.
"""

from itertools import combinations_with_replacement

import numpy as np
import pytest
from hypothesis import given, settings
from scoring_strategies import matrices

from claimmap.scoring import Matrix, build_view, make_methods, sensitivity
from claimmap.scoring.ranking import along_hypotheses
from claimmap.scoring.sensitivity import smallest_flip


def plain_flip(view, method, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(sensitivity, "_additive_sieve", lambda *args: None)
        return smallest_flip(view, method)


@settings(max_examples=60, deadline=None)
@given(matrices(max_h=5, max_e=7, max_a=3, links=False))
def test_sieved_search_finds_the_same_flip(m: Matrix) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        for analyst in (None, m.analysts[0]):
            view = build_view(m, analyst)
            for method in make_methods():
                fast = smallest_flip(view, method)
                plain = plain_flip(view, method, monkeypatch)
                assert fast == plain, method.name


def test_sieve_keeps_the_first_of_equal_flips(monkeypatch) -> None:
    """Three hypotheses tied on inconsistency and many two-step flips of equal margin: the
    sieve's sums differ from a rescoring only in the last bits, so it must keep every one of
    the equals and the search must still return the first of them."""
    hyps = ["H1", "H2", "H3"]
    evs = [f"E{i}" for i in range(6)]
    labels = ["I", "C", "N", "II", "CC", "I"]
    cells = [
        ("A", e, h, labels[(i + j) % 6]) for i, e in enumerate(evs) for j, h in enumerate(hyps)
    ]
    m = Matrix.build(
        hyps,
        evs,
        cells,
        analysts=["A"],
        credibility=["High", "Medium", "Low", "High", "Medium", "Low"],
        relevance=["High", "Low", "Medium", "Medium", "High", "Low"],
    )
    view = build_view(m)
    for method in make_methods(["inconsistency", "weighted", "squared", "bayes"]):
        fast = smallest_flip(view, method)
        assert fast.size is not None and fast.exact
        assert fast == plain_flip(view, method, monkeypatch), method.name


@pytest.mark.parametrize("n", [1, 2, 5, 13])
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_combos_are_itertools_multisets_in_order(n: int, k: int) -> None:
    expected = np.array(list(combinations_with_replacement(range(n), k))).reshape(-1, k)
    np.testing.assert_array_equal(sensitivity._combos(n, k), expected)


def test_earlier_steps_counts_the_same_cell_before() -> None:
    cells = np.array([[3, 3, 3, 7], [1, 2, 2, 5], [4, 5, 6, 6]])
    expected = np.array([[0, 1, 2, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    np.testing.assert_array_equal(sensitivity._earlier_steps(cells), expected)


@pytest.mark.parametrize("shape", [(7,), (0, 5), (40, 1), (40, 6), (3, 9, 5), (4, 80)])
def test_along_hypotheses_equals_numpy_reduce(shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(len(shape))
    a = rng.normal(size=shape)
    if a.size:
        a.flat[0] = np.nan  # NaN spreads as in numpy's own max and min
        a.flat[-1] = -np.inf
    for ufunc in (np.maximum, np.minimum):
        np.testing.assert_array_equal(along_hypotheses(ufunc, a), ufunc.reduce(a, axis=-1))
    b = a > 0
    for ufunc in (np.logical_and, np.logical_or):
        np.testing.assert_array_equal(along_hypotheses(ufunc, b), ufunc.reduce(b, axis=-1))


@pytest.mark.parametrize("steps", [1, 2, 3])
@settings(max_examples=40, deadline=None)
@given(matrices(max_h=4, max_e=6, max_a=2, links=False))
def test_greedy_bound_only_skips_searches_that_find_nothing(steps: int, m: Matrix) -> None:
    """Few greedy steps make the bound bite on small cases: with it and without it (a step
    bound of infinity never skips), the greedy search returns the same."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(sensitivity, "GREEDY_STEPS", steps)
        view = build_view(m)
        for method in make_methods(["inconsistency", "weighted", "squared", "bayes"]):
            bounded = smallest_flip(view, method, budget=0)
            monkeypatch.setattr(sensitivity, "_largest_step", lambda *args: np.inf)
            searched = smallest_flip(view, method, budget=0)
            monkeypatch.undo()
            monkeypatch.setattr(sensitivity, "GREEDY_STEPS", steps)
            assert bounded == searched, method.name


def test_greedy_bound_skips_a_lead_no_few_steps_can_close(monkeypatch) -> None:
    """H1 is consistent with all five items and H2 very inconsistent with all: a step moves
    an inconsistency count by at most 1, so two steps cannot close a lead of 10, and the
    search is not even begun; with twenty steps it is, and finds the flip."""
    evs = [f"E{i}" for i in range(5)]
    cells = [("A", e, "H1", "C") for e in evs] + [("A", e, "H2", "II") for e in evs]
    view = build_view(Matrix.build(["H1", "H2"], evs, cells, analysts=["A"]))
    method = make_methods(["inconsistency"])[0]
    assert sensitivity._largest_step(view, method) == 1.0
    looked = []
    real = method.move_keys
    monkeypatch.setattr(method, "move_keys", lambda *args: looked.append(1) or real(*args))
    monkeypatch.setattr(sensitivity, "GREEDY_STEPS", 2)
    flip = smallest_flip(view, method, budget=0)
    assert flip.size is None and "within 2 changes" in flip.note
    assert not looked
    monkeypatch.setattr(sensitivity, "GREEDY_STEPS", 20)
    flip = smallest_flip(view, method, budget=0)
    assert looked and flip.size == 10 and flip.new_leaders == [0, 1]
