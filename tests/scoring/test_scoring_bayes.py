"""Indicative Bayesian posteriors, worked by hand."""

import math

import numpy as np
import pytest

from claimmap.scoring import Matrix, build_view
from claimmap.scoring.bayes import Bayes


def case(priors=None) -> Matrix:
    # E1 (w = 1):       H1 C (P = 0.7), H2 I (P = 0.3)
    # E2 (w = √2·1):    H1 I (P = 0.3), H2 N (P = 0.5)
    return Matrix.build(
        ["H1", "H2"],
        ["E1", "E2"],
        [
            ("default", "E1", "H1", "C"),
            ("default", "E1", "H2", "I"),
            ("default", "E2", "H1", "I"),
            ("default", "E2", "H2", "N"),
        ],
        credibility=[None, "High"],
        priors=priors,
    )


def test_uniform_prior_by_hand() -> None:
    # unnormalised H1 = 0.7 · 0.3^√2; 0.3^√2 = exp(1.41421 · −1.20397) = exp(−1.70267) = 0.18220
    #              → 0.7 · 0.18220 = 0.12754
    # unnormalised H2 = 0.3 · 0.5^√2; 0.5^√2 = exp(1.41421 · −0.69315) = exp(−0.98026) = 0.37521
    #              → 0.3 · 0.37521 = 0.11256
    # posterior H1 = 0.12754 / (0.12754 + 0.11256) = 0.12754 / 0.24010 = 0.5312
    post = Bayes().scores(build_view(case()))
    assert post[0] == pytest.approx(0.5312, abs=2e-4)
    exact = 0.7 * 0.3 ** math.sqrt(2) / (0.7 * 0.3 ** math.sqrt(2) + 0.3 * 0.5 ** math.sqrt(2))
    assert post[0] == pytest.approx(exact, rel=1e-12)
    assert post.sum() == pytest.approx(1.0)


def test_priors_by_hand() -> None:
    # priors 0.2 / 0.8: H1 = 0.2 · 0.12754 = 0.025508; H2 = 0.8 · 0.11256 = 0.090048
    # posterior H1 = 0.025508 / 0.115556 = 0.2207
    post = Bayes().scores(build_view(case([0.2, 0.8])))
    assert post[0] == pytest.approx(0.2207, abs=2e-4)
    # Priors need not sum to one: 1 and 4 are the same as 0.2 and 0.8.
    assert Bayes().scores(build_view(case([1, 4]))) == pytest.approx(post)
    # A missing prior takes the mean of the given ones: [0.6, None] is uniform.
    assert Bayes().scores(build_view(case([0.6, None]))) == pytest.approx(
        Bayes().scores(build_view(case()))
    )


def test_configurable_likelihoods_and_contributions() -> None:
    # With C = 0.9 and I = 0.1: E1 alone moves the log-odds H1:H2 by log(0.9/0.1) = log 9.
    bayes = Bayes({"C": 0.9, "I": 0.1})
    view = build_view(case())
    contrib = bayes.contributions(view)
    assert contrib[0, 0] - contrib[0, 1] == pytest.approx(math.log(9))
    # Contributions are relative to N: E2/H2 (N) contributes 0.
    assert contrib[1, 1] == 0.0
    with pytest.raises(ValueError, match="valid grades"):
        Bayes({"X": 0.5})


def test_zero_prior_and_log_space() -> None:
    # A zero prior stays at zero; a thousand strong items do not underflow.
    cells = [("default", f"E{i}", "H1", "II") for i in range(1000)]
    m = Matrix.build(["H1", "H2"], [f"E{i}" for i in range(1000)], cells, priors=[0.5, 0.0])
    post = Bayes().scores(build_view(m))
    assert post.tolist() == [1.0, 0.0]
    m2 = Matrix.build(["H1", "H2"], [f"E{i}" for i in range(1000)], cells)
    post2 = Bayes().scores(build_view(m2))
    assert np.all(np.isfinite(post2)) and post2[1] == pytest.approx(1.0)
