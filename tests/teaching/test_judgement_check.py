"""The written judgement set beside the computed ranking, on hand-worked matrices."""

from __future__ import annotations

import datetime as dt

from claimmap.model.document import Judgement
from claimmap.scoring import Matrix, score_report
from claimmap.teaching.judgement_check import compare_judgement, judgement_lines


def judged(hypothesis: str | None, likelihood: str = "likely") -> Judgement:
    return Judgement(
        bottom_line="In words.",
        hypothesis=hypothesis,
        likelihood=likelihood,
        confidence="moderate",
        date=dt.date(2026, 11, 30),
    )


# By hand: H1 has only C and N against it (inconsistency 0, weighted 0); H2 has I and II
# (inconsistency 3). Every method ranks H1 first.
CLEAR = Matrix.build(
    ["H1", "H2"],
    ["E1", "E2"],
    [
        ("default", "E1", "H1", "C"),
        ("default", "E1", "H2", "I"),
        ("default", "E2", "H1", "N"),
        ("default", "E2", "H2", "II"),
    ],
)


def test_a_judgement_against_every_method_is_said_plainly():
    report = score_report(CLEAR, draws=0)
    check = compare_judgement(judged("H2"), report)
    assert check.summary == "You judged H2 most likely; every method ranks H1 first."
    assert check.differs and set(check.differ) == set(report["methods"])
    assert check.differ["inconsistency"] == ["H1"]


def test_agreement_is_said_too():
    check = compare_judgement(judged("H1"), score_report(CLEAR, draws=0))
    assert check.summary == "You judged H1 most likely; every method ranks it first too."
    assert not check.differs and check.notes == []


def test_methods_that_split_are_named_one_by_one():
    # Inconsistency counts: H1 = 1 (E1 I), H2 = 1 (E2 I): a tie. Weighted, with E1 High/High
    # (weight 2) and E2 Low/Low (weight ½): H1 = 2, H2 = 0.5, so H2 leads alone.
    m = Matrix.build(
        ["H1", "H2"],
        ["E1", "E2"],
        [
            ("default", "E1", "H1", "I"),
            ("default", "E1", "H2", "N"),
            ("default", "E2", "H1", "N"),
            ("default", "E2", "H2", "I"),
        ],
        credibility=["High", "Low"],
        relevance=["High", "Low"],
    )
    report = score_report(m, ["inconsistency", "weighted"], draws=0)
    assert report["ranking"]["inconsistency"] == [["H1", "H2"]]
    assert report["leader"]["weighted"] == ["H2"]
    check = compare_judgement(judged("H1"), report)
    assert check.summary == (
        "You judged H1 most likely; inconsistency has H1 and H2 tied first, weighted ranks H2 "
        "first."
    )
    assert check.tied == ["inconsistency"] and check.differ == {"weighted": ["H2"]}


def test_no_judgement_and_a_judgement_naming_no_hypothesis():
    report = score_report(CLEAR, ["inconsistency"], draws=0)
    assert compare_judgement(None, report).summary == (
        "No judgement written yet; inconsistency ranks H1 first."
    )
    assert compare_judgement(judged(None), report).summary == (
        "Your judgement names no hypothesis as most likely; inconsistency ranks H1 first."
    )


def test_agreeing_with_a_provisional_leader_says_so():
    # H2 is rated on E1 only: its inconsistency is 0 and it leads with a half-rated column.
    m = Matrix.build(
        ["H1", "H2"],
        ["E1", "E2"],
        [("default", "E1", "H1", "I"), ("default", "E1", "H2", "C"), ("default", "E2", "H1", "C")],
    )
    check = compare_judgement(judged("H2"), score_report(m, ["inconsistency"], draws=0))
    assert check.notes == [
        "Under inconsistency the ranking is provisional: the leader's column is not fully rated "
        "(H2: 1 of 2 cells rated)."
    ]


def test_a_firm_likelihood_over_a_shaky_lead_is_pointed_out():
    # One C against one I: a single step moves either, so the lead is far from certain.
    m = Matrix.build(
        ["H1", "H2"], ["E1"], [("default", "E1", "H1", "N"), ("default", "E1", "H2", "I")]
    )
    report = score_report(m, ["inconsistency"], draws=400)
    p = report["uncertainty"]["p_lead"]["inconsistency"]["H1"]
    assert p < 0.95
    check = compare_judgement(judged("H1", "almost certain"), report)
    assert check.notes and check.notes[0].startswith(
        "You called it almost certain, but under inconsistency H1 leads in only"
    )
    assert compare_judgement(judged("H1", "likely"), report).notes == []


def test_the_judgement_in_plain_lines():
    lines = judgement_lines(judged("H2", "very likely"), {"H2": "The wind"})
    assert lines[0] == (
        "Judgement (2026-11-30): H2 The wind is very likely (80–95 %), moderate confidence"
    )
    assert lines[1] == "  In words."
    assert judgement_lines(None, {})[0].startswith("Judgement: none written yet")


def test_agreeing_with_a_ranking_of_nothing_is_one_caution():
    report = score_report(Matrix.build(["H1"], [], []), draws=0)
    check = compare_judgement(judged("H1"), report)
    assert check.notes == [
        "Under every method the ranking is provisional: no evidence is in scoring yet."
    ]
