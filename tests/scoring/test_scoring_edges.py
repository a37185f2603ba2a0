"""Edge cases give defined answers: never NaN, never an exception."""

import json

import numpy as np
import pytest

from claimmap.scoring import Matrix, build_view, format_report, make_methods, score_report


def report_ok(m: Matrix, **kw) -> dict:
    report = score_report(m, draws=50, **kw)
    json.dumps(report, allow_nan=False)  # no NaN or infinity anywhere
    text = format_report(report)
    assert "\x1b" not in text
    return report


def test_no_hypotheses() -> None:
    m = Matrix.build([], ["E1"], [])
    r = report_ok(m)
    assert r["ranking"]["weighted"] == [] and r["leader"]["weighted"] == []
    assert r["uncertainty"]["p_lead"]["bayes"] == {}


def test_no_evidence_everything_ties() -> None:
    m = Matrix.build(["H1", "H2"], [], [])
    r = report_ok(m)
    for name in ("inconsistency", "weighted", "squared", "bayes", "dfquad"):
        assert r["ranking"][name] == [["H1", "H2"]]
        assert r["uncertainty"]["p_lead"][name] == {"H1": 0.5, "H2": 0.5}
    assert r["scores"]["bayes"] == {"H1": 0.5, "H2": 0.5}
    assert r["flip"]["weighted"]["size"] is None


def test_one_hypothesis() -> None:
    m = Matrix.build(["H1"], ["E1"], [("default", "E1", "H1", "II")])
    r = report_ok(m)
    assert r["leader"]["inconsistency"] == ["H1"]
    assert r["scores"]["inconsistency"] == {"H1": 2.0}
    assert r["uncertainty"]["p_lead"]["inconsistency"] == {"H1": 1.0}
    assert r["margin"]["inconsistency"] is None  # nobody to be ahead of
    assert r["flip"]["inconsistency"]["size"] is None


def test_all_na_and_unrated_are_distinct_but_both_excluded() -> None:
    na = Matrix.build(["H1", "H2"], ["E1"], [("default", "E1", "H1", "NA")])
    view = build_view(na)
    assert view.evaluated.tolist() == [[True, False]]
    assert not view.rated.any()
    r = report_ok(na)
    assert r["ranking"]["squared"] == [["H1", "H2"]]
    assert r["diagnosticity"]["values"] == {"E1": 0.0}


def test_unrated_cells_do_not_count_as_neutral_for_diagnosticity() -> None:
    # E1: H1 II, H2 unrated, H3 unrated → one assessed cell → diagnosticity 0.
    # E2: H1 II, H2 N, H3 unrated → values [−2, 0]: population std 1.
    m = Matrix.build(
        ["H1", "H2", "H3"],
        ["E1", "E2"],
        [
            ("default", "E1", "H1", "II"),
            ("default", "E2", "H1", "II"),
            ("default", "E2", "H2", "N"),
        ],
    )
    r = report_ok(m)
    assert r["diagnosticity"]["values"] == {"E1": 0.0, "E2": 1.0}
    assert r["diagnosticity"]["order"] == ["E2", "E1"]


def test_unknown_method_and_analyst_name_the_choices() -> None:
    m = Matrix.build(["H1"], ["E1"], [], analysts=["ann", "bob"])
    with pytest.raises(ValueError, match="valid methods: inconsistency, weighted"):
        score_report(m, ["nope"])
    with pytest.raises(ValueError, match="valid analysts: ann, bob"):
        score_report(m, analyst="zed")
    with pytest.raises(ValueError, match="credibility"):
        build_view(Matrix.build(["H1"], ["E1"], [], credibility=["Maybe"]))


def test_every_method_defined_on_empty_arrays() -> None:
    m = Matrix.build([], [], [])
    view = build_view(m)
    for method in make_methods():
        assert method.scores(view).shape == (0,)
        assert method.leave_one_out(view).shape == (0, 0)
    assert np.isfinite(build_view(Matrix.build(["H"], [], [])).log_prior).all()


def test_format_report_reads_well() -> None:
    m = Matrix.build(
        ["H1", "H2"],
        ["E1", "E2"],
        [
            ("default", "E1", "H1", "I"),
            ("default", "E1", "H2", "C"),
            ("default", "E2", "H1", "C"),
            ("default", "E2", "H2", "II"),
        ],
    )
    text = format_report(score_report(m, ["inconsistency", "bayes"], draws=200))
    assert "Inconsistency count (Heuer/PARC)" in text
    assert "Leader: H1" in text
    assert "How sure: H1 leads in" in text
    assert "Linchpins:" in text and "E2: removing it changes the leader" in text
    assert "indicative" in text
    quiet = format_report(score_report(m, ["weighted"], draws=0))
    assert "P(lead)" not in quiet and "Leader: H1" in quiet


def test_tied_hypotheses_share_a_rank_and_the_next_skips_past_them():
    from claimmap.scoring.ranking import ranks

    # Two tied leaders, then one more: it is beaten by two, so it is third.
    assert ranks([["H1", "H2"], ["H3"], ["H4", "H5"]]) == {
        "H1": 1,
        "H2": 1,
        "H3": 3,
        "H4": 4,
        "H5": 4,
    }
