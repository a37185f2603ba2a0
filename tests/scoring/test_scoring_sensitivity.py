"""Monte Carlo and sensitivity: reproducible, vectorised results equal brute force."""

from dataclasses import replace
from itertools import product

import numpy as np
import pytest
from hypothesis import given, settings
from scoring_strategies import matrices

from claimmap.scoring import Link, Matrix, build_view, make_methods, score_report
from claimmap.scoring.ranking import leader_mask, same_leaders
from claimmap.scoring.sensitivity import smallest_flip
from claimmap.scoring.uncertainty import MonteCarloModel, monte_carlo


def drop(m: Matrix, e: int) -> Matrix:
    keep = [i for i in range(len(m.evidence)) if i != e]
    return replace(
        m,
        evidence=tuple(m.evidence[i] for i in keep),
        ratings=m.ratings[:, keep],
        credibility=tuple(m.credibility[i] for i in keep),
        relevance=tuple(m.relevance[i] for i in keep),
        reliability=tuple(m.reliability[i] for i in keep),
        links=tuple(ln for ln in m.links if m.evidence[e] not in (ln.source, ln.target)),
    )


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_leave_one_out_equals_recomputing(m: Matrix) -> None:
    view = build_view(m)
    for method in make_methods():
        loo = method.leave_one_out(view)
        for e in range(len(m.evidence)):
            again = method.scores(build_view(drop(m, e)))
            np.testing.assert_allclose(loo[e], again, rtol=1e-9, atol=1e-9, err_msg=method.name)


def tiny() -> Matrix:
    # H1 leads on inconsistency by one: H1 = 1 (E1 I), H2 = 2 (E2 II).
    return Matrix.build(
        ["H1", "H2"],
        ["E1", "E2"],
        [
            ("default", "E1", "H1", "I"),
            ("default", "E1", "H2", "C"),
            ("default", "E2", "H1", "C"),
            ("default", "E2", "H2", "II"),
        ],
    )


def test_smallest_flip_by_hand_and_by_brute_force() -> None:
    # One step suffices: E2/H2 II → I makes H2 = 1, tied with H1, so the leader group changes.
    view = build_view(tiny())
    method = make_methods(["inconsistency"])[0]
    flip = smallest_flip(view, method)
    assert flip.size == 1 and flip.exact
    # Brute force over every single-step change agrees that some single step flips it and
    # that no zero-step change does.
    base = leader_mask(method.oriented(method.scores(view)))
    flips = 0
    for e, h, d in product(range(2), range(2), (-1, 1)):
        values = view.values.copy()
        values[e, h] = np.clip(values[e, h] + d, -2, 2)
        new = method.oriented(method.scores(view.with_values(values)))
        flips += not bool(same_leaders(new, base))
    assert flips >= 1


def two_step_matrix() -> Matrix:
    """E1 rates both C; E2 rates H1 N and H2 II: no single step changes the leader."""
    return Matrix.build(
        ["H1", "H2"],
        ["E1", "E2"],
        [
            ("default", "E1", "H1", "C"),
            ("default", "E1", "H2", "C"),
            ("default", "E2", "H1", "N"),
            ("default", "E2", "H2", "II"),
        ],
    )


def test_flip_needing_two_steps_and_greedy_label() -> None:
    # Inconsistency H1 = 0, H2 = 2 (E2 II). One step never changes the leader group:
    #   raising H2: E2/H2 II → I gives H2 = 1 (still behind); E1/H2 C → CC or N changes nothing;
    #   hurting H1: E2/H1 N → I gives H1 = 1 (still ahead of 2); E1/H1 C → N changes nothing.
    # Two steps do: E2/H2 II → I → N gives H2 = 0, tied with H1. So the minimum is 2.
    m = two_step_matrix()
    method = make_methods(["inconsistency"])[0]
    exact = smallest_flip(build_view(m), method)
    assert exact.size == 2 and exact.exact
    greedy = smallest_flip(build_view(m), method, budget=0)
    assert greedy.size is not None and greedy.size >= 2
    assert greedy.lower_bound == 1


def test_monte_carlo_reproducible_and_fair() -> None:
    view = build_view(tiny())
    methods = make_methods()
    model = MonteCarloModel(draws=500, seed=7)
    a = monte_carlo(view, methods, model)
    b = monte_carlo(view, methods, model)
    for name in a:
        np.testing.assert_array_equal(a[name].p_lead, b[name].p_lead)
        assert a[name].p_lead.sum() == pytest.approx(1.0)
        assert np.all(a[name].low <= a[name].high)
    c = monte_carlo(view, methods, MonteCarloModel(draws=500, seed=8))
    assert any(not np.array_equal(a[n].p_lead, c[n].p_lead) for n in a)
    # Without noise every draw is the unperturbed case: ties split evenly.
    still = monte_carlo(view, methods, MonteCarloModel(draws=10, p_step=0.0, sigma=0.0))
    assert still["inconsistency"].p_lead.tolist() == [1.0, 0.0]


def test_report_linchpins_and_loo() -> None:
    r = score_report(tiny(), ["inconsistency"], draws=0)
    loo = r["leave_one_out"]["inconsistency"]
    # Without E2, H2 has 0 inconsistency and H1 1 → H2 leads; margin = −1 for H1.
    assert loo["changes_leader"] == [{"evidence": "E2", "new_leader": ["H2"], "margin": -1.0}]
    assert r["linchpins"]["inconsistency"][0]["evidence"] == "E2"
    with_links = replace(tiny(), links=(Link("L1", "attack", "E1", "E2"),))
    r2 = score_report(with_links, ["dfquad"], draws=20)
    assert r2["flip"]["dfquad"]["size"] is not None


def apply(view, moves):
    values = view.values.copy()
    for e, h, d in moves:
        values[e, h] = np.clip(values[e, h] + d, -2, 2)
    return view.with_values(values)


@settings(max_examples=40, deadline=None)
@given(matrices(max_h=3, max_e=4, max_a=2, links=False))
def test_flips_really_flip_and_greedy_is_never_smaller(m: Matrix) -> None:
    view = build_view(m)
    for method in make_methods():
        base = leader_mask(method.oriented(method.scores(view)))
        exact = smallest_flip(view, method)
        greedy = smallest_flip(view, method, budget=0)
        for flip in (exact, greedy):
            if flip.size is not None:
                after = method.oriented(method.scores(apply(view, flip.moves)))
                assert not same_leaders(after, base), method.name
                assert len(flip.moves) == flip.size
        if exact.size is not None and exact.exact and greedy.size is not None:
            assert greedy.size >= exact.size


def test_report_flip_changes_are_per_cell() -> None:
    m = two_step_matrix()
    # Two cheapest flips, both two steps in one cell (see the test above): E2/H2 II → N
    # (H2 = 0, tied with H1) or E2/H1 N → II (H1 = 2, tied with H2). Each is one change.
    flip = score_report(m, ["inconsistency"], draws=0)["flip"]["inconsistency"]
    assert flip["size"] == 2
    assert flip["changes"] in (
        [{"evidence": "E2", "hypothesis": "H2", "from": "II", "to": "N", "steps": 2}],
        [{"evidence": "E2", "hypothesis": "H1", "from": "N", "to": "II", "steps": 2}],
    )
    assert flip["new_leader"] == ["H1", "H2"]
