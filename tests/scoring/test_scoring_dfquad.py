"""DF-QuAD: a hand-worked case, undercuts, and `formal-argumentation` as an oracle."""

import math

# The oracle is a test dependency: a missing install must fail the run, not skip it.
import argumentation.gradual.dfquad as dfq
import argumentation.gradual.gradual as gradual
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimmap.scoring import Link, Matrix, build_view
from claimmap.scoring.dfquad import DFQuAD, combine
from claimmap.scoring.weights import base_scores


def hand_case(links=()) -> Matrix:
    # E1: reliability A, credibility 1 → base min(1, ½·√2·√2) = 1
    # E2: nothing known                → base ½
    return Matrix.build(
        ["H1", "H2", "H3"],
        ["E1", "E2"],
        [
            ("default", "E1", "H1", "CC"),
            ("default", "E2", "H1", "II"),
            ("default", "E1", "H2", "I"),
            ("default", "E2", "H2", "C"),
            ("default", "E1", "H3", "II"),
            ("default", "E2", "H3", "II"),
        ],
        credibility=["1", None],
        reliability=["A", None],
        links=links,
    )


def test_hand_worked_strengths() -> None:
    # Rating edges carry |m|/2 of the source's strength: CC/II all of it, C/I half.
    # H1 (τ = ½): support 1·1 = 1, attack ½·1 = ½ → vₛ > vₐ: σ = ½ + ½·(1 − ½) = 0.75
    # H2: attack 1·½ = ½, support ½·½ = ¼ → vₐ ≥ vₛ: σ = ½ − ½·(½ − ¼) = 0.375
    # H3: attacks 1 and ½ → F = 1 − (1 − 1)(1 − ½) = 1 → σ = ½ − ½·1 = 0
    scores = DFQuAD().scores(build_view(hand_case()))
    assert scores == pytest.approx([0.75, 0.375, 0.0])


def test_links_and_undercut_by_hand() -> None:
    # L1: E2 attacks E1. E1: τ = 1, vₐ = ½ → σ = 1 − 1·½ = ½.
    # H1 now: support ½·1 = ½, attack ½ → equal → σ = τ = ½.
    # U1: E2 (strength ½) undercuts L1 → L1 keeps 1 − ½ = ½ of its force and delivers
    #     ½·½ = ¼, so E1 = 1 − 1·¼ = 0.75; H1: support 0.75 vs attack ½ →
    #     σ = ½ + ½·(0.75 − ½) = 0.625.
    with_attack = hand_case([Link("L1", "attack", "E2", "E1")])
    assert DFQuAD().scores(build_view(with_attack))[0] == pytest.approx(0.5)
    cut = hand_case([Link("L1", "attack", "E2", "E1"), Link("U1", "undercut", "E2", "L1")])
    assert DFQuAD().scores(build_view(cut))[0] == pytest.approx(0.625)
    # Unknown ids are skipped and reported, never an exception.
    odd = hand_case([Link("L9", "support", "nowhere", "H1")])
    assert DFQuAD().details(build_view(odd))["skipped_links"] == ["L9"]


def test_an_undercut_of_an_item_weakens_its_rating_edges_by_hand() -> None:
    # U1: E2 (strength ½) undercuts E1 itself: every edge leaving E1 keeps ½ of its force,
    # rating edges included, so E1 (σ = 1) delivers ½ down each.
    # H1: support ½·1 = ½ (CC), attack ½·1 = ½ (E2's II) → equal → σ = τ = ½.
    # H2: attack ½·½ = ¼ (E1's I), support ½·½ = ¼ (E2's C) → σ = ½.
    # H3: attacks ½ and ½ → F = 1 − ½·½ = ¾ → σ = ½ − ½·¾ = 0.125.
    cut = hand_case([Link("U1", "undercut", "E2", "E1")])
    view = build_view(cut)
    assert DFQuAD().scores(view) == pytest.approx([0.5, 0.5, 0.125])
    # A batch of the same case (as the Monte Carlo scores one) gives the same figures; so
    # a batch in which E2 is removed is scored as if E1 were never cut.
    solver = DFQuAD().solver(view)
    tau = np.broadcast_to(DFQuAD.node_tau(view), (2, 5))
    kill = np.zeros((2, 5), dtype=bool)
    kill[1, 4] = True  # nodes: H1 H2 H3 E1 E2
    strengths = solver.solve(tau, view.values, kill).strengths
    assert strengths[0, :3] == pytest.approx([0.5, 0.5, 0.125])
    # without E2: E1 delivers all of 1; H1 support 1 → σ = ½ + ½·1 = 1; H2 attack ½ →
    # ½ − ½·½ = ¼; H3 attack 1 → 0
    assert strengths[1, :3] == pytest.approx([1.0, 0.25, 0.0])


def test_combine_matches_definition() -> None:
    assert combine(np.array(0.4), np.array(0.0), np.array(0.0)) == pytest.approx(0.4)
    assert combine(np.array(0.4), np.array(0.5), np.array(0.25)) == pytest.approx(0.4 - 0.4 * 0.25)
    assert combine(np.array(0.4), np.array(0.25), np.array(0.5)) == pytest.approx(0.4 + 0.6 * 0.25)


GRADES = ["1", "2", "3", "4", "5", "6", None]
LETTERS = ["A", "B", "C", "D", "E", "F", None]


@st.composite
def graphs(draw):
    n_h = draw(st.integers(1, 3))
    n_e = draw(st.integers(0, 5))
    hyps = [f"H{i}" for i in range(n_h)]
    evs = [f"E{i}" for i in range(n_e)]
    cells = []
    rated = set()
    for e in evs:
        for h in hyps:
            r = draw(st.sampled_from(["CC", "II", "N", "NA", None]))
            if r is not None:
                cells.append(("default", e, h, r))
                if r in ("CC", "II"):
                    rated.add((e, h))
    nodes = hyps + evs
    links = []
    pairs = set()
    for i in range(draw(st.integers(0, 8))):
        src = draw(st.sampled_from(nodes))
        tgt = draw(st.sampled_from(nodes))
        if src == tgt or (src, tgt) in pairs or (src, tgt) in rated:
            continue
        pairs.add((src, tgt))
        links.append(Link(f"L{i}", draw(st.sampled_from(["support", "attack"])), src, tgt))
    priors = [draw(st.one_of(st.none(), st.floats(0, 1))) for _ in hyps]
    return Matrix.build(
        hyps,
        evs,
        cells,
        credibility=[draw(st.sampled_from(GRADES)) for _ in evs],
        reliability=[draw(st.sampled_from(LETTERS)) for _ in evs],
        priors=priors,
        links=links,
    )


def oracle(matrix: Matrix):
    view = build_view(matrix)
    weights = dict(zip(matrix.hypotheses, view.tau.tolist(), strict=True))
    bases = base_scores(matrix.credibility, matrix.reliability).tolist()
    weights.update(zip(matrix.evidence, bases, strict=True))
    attacks, supports = set(), set()
    ev = matrix.ratings[0]
    for i, e in enumerate(matrix.evidence):
        for j, h in enumerate(matrix.hypotheses):
            if ev[i, j] == -2:
                attacks.add((e, h))
            elif ev[i, j] == 2:
                supports.add((e, h))
    for link in matrix.links:
        (attacks if link.kind == "attack" else supports).add((link.source, link.target))
    graph = gradual.WeightedBipolarGraph(
        arguments=frozenset(weights),
        initial_weights=weights,
        attacks=frozenset(attacks),
        supports=frozenset(supports),
    )
    return dfq.dfquad_strengths(graph, tolerance=1e-13, max_iterations=5000)


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_agrees_with_formal_argumentation(matrix: Matrix) -> None:
    expected = oracle(matrix)
    method = DFQuAD()
    view = build_view(matrix)
    solution = method.solve(view)
    if not (expected.converged and solution.converged):
        return  # an oscillating cycle: no fixpoint to compare
    ids = list(matrix.hypotheses) + list(matrix.evidence)
    mine = dict(zip(ids, solution.strengths.tolist(), strict=True))
    for node, value in expected.strengths.items():
        assert math.isclose(mine[node], value, abs_tol=1e-9), node
    assert method.scores(view) == pytest.approx(
        [expected.strengths[h] for h in matrix.hypotheses], abs=1e-9
    )
