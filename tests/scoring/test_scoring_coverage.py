"""Scores say only what they know: each column's coverage, a provisional mark when the leader's
column is not fully rated, ties worded as ties, and one chance-of-leading figure per case."""

from __future__ import annotations

import numpy as np

from claimmap.scoring import Matrix, format_report, score_report
from claimmap.scoring.draw_rule import MAX_DRAWS, MIN_DRAWS, SEED, standard_draws
from claimmap.scoring.wording import flip_phrase, how_sure, join_ids, leader_phrase

# Three items, three hypotheses. H3 has been rated against E1 only; E3 was retracted.
#        H1   H2   H3
#   E1   I    C    N
#   E2   C    II   ·      (unrated)
#   E3   II   C    ·      retracted: out of scoring and of the count
HALF_RATED = Matrix.build(
    ["H1", "H2", "H3"],
    ["E1", "E2", "E3"],
    [
        ("default", "E1", "H1", "I"),
        ("default", "E1", "H2", "C"),
        ("default", "E1", "H3", "N"),
        ("default", "E2", "H1", "C"),
        ("default", "E2", "H2", "II"),
        ("default", "E3", "H1", "II"),
        ("default", "E3", "H2", "C"),
    ],
    flags=[(), (), ("retracted",)],
)


def test_coverage_counts_rated_cells_of_the_items_in_scoring():
    report = score_report(HALF_RATED, ["inconsistency"], draws=0)
    # Two items count (E3 is retracted): H1 and H2 have both rated, H3 one.
    assert report["coverage"] == {
        "H1": {"rated": 2, "cells": 2},
        "H2": {"rated": 2, "cells": 2},
        "H3": {"rated": 1, "cells": 2},
    }


def test_na_counts_as_rated_but_unrated_does_not():
    m = Matrix.build(["H1", "H2"], ["E1", "E2"], [("default", "E1", "H1", "NA")])
    assert score_report(m, ["inconsistency"], draws=0)["coverage"] == {
        "H1": {"rated": 1, "cells": 2},
        "H2": {"rated": 0, "cells": 2},
    }


def test_a_leader_with_unrated_cells_makes_the_ranking_provisional():
    # Inconsistency: H1 = 1 (E1 I), H2 = 2 (E2 II), H3 = 0: the half-rated H3 leads.
    report = score_report(HALF_RATED, ["inconsistency"], draws=0)
    assert report["scores"]["inconsistency"] == {"H1": 1.0, "H2": 2.0, "H3": 0.0}
    assert report["leader"]["inconsistency"] == ["H3"]
    assert report["provisional"] == {"inconsistency": True}
    text = format_report(report)
    assert "provisional: the leader's column is not fully rated (H3: 1 of 2 cells rated)" in text
    assert "1/2" in text and "2/2" in text  # the rated column


def test_a_fully_rated_leader_is_not_provisional_even_if_others_are_incomplete():
    m = Matrix.build(
        ["H1", "H2"],
        ["E1", "E2"],
        [("default", "E1", "H1", "C"), ("default", "E2", "H1", "N"), ("default", "E1", "H2", "II")],
    )
    # Inconsistency: H1 = 0 with both cells rated; H2 = 2 with one of two.
    report = score_report(m, ["inconsistency"], draws=0)
    assert report["leader"]["inconsistency"] == ["H1"]
    assert report["provisional"] == {"inconsistency": False}
    assert "provisional" not in format_report(report)


def test_ties_are_worded_as_ties():
    assert join_ids(["H1"]) == "H1"
    assert join_ids(["H1", "H2"]) == "H1 and H2"
    assert leader_phrase(["H1", "H2", "H5"]) == "H1, H2 and H5 tie"
    assert flip_phrase({"new_leader": ["H1", "H2", "H5"]}) == (
        "would leave H1, H2 and H5 tied for the lead"
    )
    assert flip_phrase({"new_leader": ["H2"]}) == "would make H2 the leader"


def test_a_three_way_tie_is_never_a_lead():
    # Every cell N: all three tie under every method, in every draw.
    m = Matrix.build(
        ["H1", "H2", "H5"],
        ["E1"],
        [("default", "E1", h, "N") for h in ("H1", "H2", "H5")],
    )
    report = score_report(m, ["inconsistency"], draws=200)
    assert report["leader"]["inconsistency"] == ["H1", "H2", "H5"]
    sure = how_sure(report, "inconsistency")
    assert sure.startswith("no single leader: the tie between H1, H2 and H5 holds in")
    assert "leads in" not in sure and "very likely" not in sure
    text = format_report(report)
    assert "Leader: none; H1, H2 and H5 tie" in text
    assert "leads in 100%" not in text


def test_one_draws_and_seed_rule_for_every_output():
    assert standard_draws(18 * 4) == MAX_DRAWS
    assert standard_draws(50_000) == 100 == MIN_DRAWS
    assert standard_draws(10_000) == 500
    m = Matrix.build(
        ["H1", "H2"],
        ["E1", "E2"],
        [("default", "E1", "H1", "C"), ("default", "E1", "H2", "I"), ("default", "E2", "H2", "C")],
    )
    default = score_report(m, ["weighted"])
    assert default["uncertainty"]["model"]["draws"] == MAX_DRAWS
    assert default["uncertainty"]["model"]["seed"] == SEED
    again = score_report(m, ["weighted"], draws=MAX_DRAWS, seed=SEED)
    assert default["uncertainty"]["p_lead"] == again["uncertainty"]["p_lead"]
    p = default["uncertainty"]["p_lead"]["weighted"]
    assert np.isclose(p["H1"] + p["H2"], 1.0)


def test_a_ranking_without_evidence_is_provisional():
    # One hypothesis, no evidence: it "leads" a ranking of nothing.
    report = score_report(Matrix.build(["H1"], [], []), ["inconsistency"], draws=50)
    assert report["coverage"] == {"H1": {"rated": 0, "cells": 0}}
    assert report["provisional"] == {"inconsistency": True}
    assert "provisional: no evidence is in scoring yet" in format_report(report)
    assert "Scores for group (1 hypothesis, 0 evidence items)" in format_report(report)
