"""PARC inconsistency and weighted inconsistency, worked by hand."""

import math

import pytest

from claimmap.scoring import Matrix, build_view, score_report
from claimmap.scoring.parc import Inconsistency, Weighted

# Weights: High = √2, Medium = 1, Low = 1/√2, None = Medium.
#   E1: credibility High,   relevance High  → w = √2·√2       = 2
#   E2: credibility None,   relevance None  → w = 1·1         = 1
#   E3: credibility Low,    relevance Low   → w = (1/√2)²     = 1/2
#   E4: credibility "1",    relevance Low   → w = √2·(1/√2)   = 1   (Admiralty 1 = √2)
#
#            H1        H2      H3
#   E1       I         C       N
#   E2       C         I       II
#   E3       N         II      NA
#   E4    (unrated)    N       I
RATINGS = {
    "E1": {"H1": "I", "H2": "C", "H3": "N"},
    "E2": {"H1": "C", "H2": "I", "H3": "II"},
    "E3": {"H1": "N", "H2": "II", "H3": "NA"},
    "E4": {"H2": "N", "H3": "I"},
}


def small_matrix() -> Matrix:
    cells = [("default", e, h, r) for e, row in RATINGS.items() for h, r in row.items()]
    return Matrix.build(
        ["H1", "H2", "H3"],
        ["E1", "E2", "E3", "E4"],
        cells,
        credibility=["High", None, "Low", "1"],
        relevance=["High", None, "Low", "Low"],
    )


def test_inconsistency_counts_by_hand() -> None:
    # I = 1, II = 2, everything else 0; NA and unrated cells add nothing.
    # H1 = E1 I (1)                          = 1
    # H2 = E2 I (1) + E3 II (2)              = 3
    # H3 = E2 II (2) + E4 I (1)  (E3 is NA)  = 3
    view = build_view(small_matrix())
    scores = Inconsistency().scores(view)
    assert scores.tolist() == [1.0, 3.0, 3.0]
    contrib = Inconsistency().contributions(view)
    assert contrib[:, 2].tolist() == [0.0, 2.0, 0.0, 1.0]


def test_weighted_by_hand_with_a_tie() -> None:
    # H1 = 2·1 (E1 I)                       = 2
    # H2 = 1·1 (E2 I) + ½·2 (E3 II)         = 2     ← tied with H1
    # H3 = 1·2 (E2 II) + 1·1 (E4 I)         = 3
    view = build_view(small_matrix())
    scores = Weighted().scores(view)
    assert scores == pytest.approx([2.0, 2.0, 3.0])
    assert Weighted().contributions(view)[3, 2] == pytest.approx(math.sqrt(2) / math.sqrt(2))


def test_report_ranks_ties_as_ties() -> None:
    report = score_report(small_matrix(), ["inconsistency", "weighted"], draws=0)
    assert report["ranking"]["inconsistency"] == [["H1"], ["H2", "H3"]]
    assert report["ranking"]["weighted"] == [["H1", "H2"], ["H3"]]
    assert report["leader"]["weighted"] == ["H1", "H2"]
    assert report["methods"]["weighted"]["better"] == "lower"
    # Contributions explain the score: E3 adds ½·2 = 1 to H2.
    assert report["contributions"]["weighted"]["E3"]["H2"] == pytest.approx(1.0)


def test_reliability_option_scales_weighted() -> None:
    # With use_reliability, source reliability multiplies the weight: A = √2, so E2 (w = 1)
    # becomes √2 and H3 = √2·2 + 1·1 = 2√2 + 1.
    m = small_matrix()
    from dataclasses import replace

    m = replace(m, reliability=(None, "A", None, None))
    view = build_view(m, use_reliability=True)
    assert Weighted().scores(view)[2] == pytest.approx(2 * math.sqrt(2) + 1)


def test_weight_tables() -> None:
    from claimmap.scoring.weights import (
        base_scores,
        credibility_weight,
        relevance_weight,
        reliability_weight,
    )

    r2 = math.sqrt(2)
    # PARC levels, case-insensitive; None is Medium.
    assert [credibility_weight(x) for x in ("High", "medium", "LOW", None)] == pytest.approx(
        [r2, 1, 1 / r2, 1]
    )
    # Admiralty 1-6 on half steps of 2^(1/4); 6 "cannot be judged" counts as unknown (1).
    q = 2**0.25
    assert [credibility_weight(str(i)) for i in range(1, 7)] == pytest.approx(
        [r2, q, 1, 1 / q, 1 / r2, 1]
    )
    assert [reliability_weight(x) for x in "ABCDEF"] == pytest.approx([r2, q, 1, 1 / q, 1 / r2, 1])
    assert credibility_weight(3) == 1.0  # an int from a case file works too
    # DF-QuAD base: min(1, ½·reliability·credibility): A1 → 1, unknown → ½, E5 → ¼.
    assert base_scores(["1", None, "5"], ["A", None, "E"]) == pytest.approx([1.0, 0.5, 0.25])
    with pytest.raises(ValueError, match="A-F"):
        reliability_weight("Z")
    with pytest.raises(ValueError, match="High, Medium or Low"):
        relevance_weight("3")
