"""Properties every method must have, on random small cases."""

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_strategies import matrices

from claimmap.scoring import Matrix, build_view, make_methods
from claimmap.scoring.matrix import RATING_CODES
from claimmap.scoring.ranking import tie_groups

ALL = make_methods()


def permuted(m: Matrix, ev: list[int], hy: list[int]) -> Matrix:
    return replace(
        m,
        evidence=tuple(m.evidence[i] for i in ev),
        hypotheses=tuple(m.hypotheses[i] for i in hy),
        ratings=m.ratings[:, ev][:, :, hy],
        credibility=tuple(m.credibility[i] for i in ev),
        relevance=tuple(m.relevance[i] for i in ev),
        reliability=tuple(m.reliability[i] for i in ev),
        priors=m.priors[hy],
    )


@settings(max_examples=60, deadline=None)
@given(matrices(), st.randoms(use_true_random=False))
def test_permuting_evidence_and_hypotheses_permutes_results(m: Matrix, rnd) -> None:
    ev = list(range(len(m.evidence)))
    hy = list(range(len(m.hypotheses)))
    rnd.shuffle(ev)
    rnd.shuffle(hy)
    p = permuted(m, ev, hy)
    view, pview = build_view(m), build_view(p)
    for method in make_methods():
        np.testing.assert_allclose(
            method.scores(pview), method.scores(view)[hy], rtol=1e-9, atol=1e-12
        )
        np.testing.assert_allclose(
            method.contributions(pview),
            method.contributions(view)[ev][:, hy],
            rtol=1e-9,
            atol=1e-12,
        )
        np.testing.assert_allclose(
            method.leave_one_out(pview),
            method.leave_one_out(view)[ev][:, hy],
            rtol=1e-9,
            atol=1e-12,
        )


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_adding_an_all_neutral_row_changes_nothing(m: Matrix) -> None:
    n_code = RATING_CODES["N"]
    row = np.full((len(m.analysts), 1, len(m.hypotheses)), n_code, np.int8)
    bigger = replace(
        m,
        evidence=(*m.evidence, "EN"),
        ratings=np.concatenate([m.ratings, row], axis=1),
        credibility=(*m.credibility, "High"),
        relevance=(*m.relevance, "High"),
        reliability=(*m.reliability, "A"),
    )
    view, bview = build_view(m), build_view(bigger)
    for method in make_methods():
        np.testing.assert_allclose(
            method.scores(bview), method.scores(view), rtol=1e-12, atol=1e-12
        )


@settings(max_examples=60, deadline=None)
@given(matrices(links=False), st.floats(0.1, 10))
def test_scaling_all_weights_keeps_the_ranking(m: Matrix, factor: float) -> None:
    m = replace(m, priors=np.full(len(m.hypotheses), np.nan))  # uniform priors
    view = build_view(m)
    scaled = view.with_values(view.values, view.weights * factor)
    for method in make_methods(["weighted", "bayes"]):
        # keys: the weighted sum itself, or the log posterior (same order as the posterior)
        before = tie_groups(method.keys(view), view.hypotheses)
        after = tie_groups(method.keys(scaled), view.hypotheses)
        assert before == after, method.name
