"""Quality of information (corroboration), devil's advocacy, key assumptions and indicators."""

from __future__ import annotations

import math

import pytest

from claimmap.formats.casefile_read import parse_case_text
from claimmap.model.enums import Grade
from claimmap.teaching.assumptions import CHALLENGE_QUESTIONS, grade_counts, key_assumptions
from claimmap.teaching.devils_advocate import devils_advocacy
from claimmap.teaching.indicators import indicators_by_hypothesis
from claimmap.teaching.quality import quality_check

# E1 points H1 up and H2 down. E2 (other source, says more) and E7 (same other source) agree;
# E3 shares E1's source; E4 is neutral on H2; E5 is retracted; E6 has no source.
# So E1 is corroborated by E2 and E7: two items but one source, S2.
# E4 only points H1 up: E1, E2, E3 and E7 agree, from S1 and S2 → 2 (E5, E6 excluded).
CORROBORATION = """\
format: claimmap/1
case: {title: Corroboration, question: Which?}
hypotheses: [{id: H1, label: One}, {id: H2, label: Two}, {id: H3, label: Three}]
sources:
  - {id: S1, title: First, reliability: B}
  - {id: S2, title: Second, kind: partisan, reliability: D}
  - {id: S3, title: Third}
evidence:
  - {id: E1, summary: a, source: S1, credibility: 2, relevance: High,
     ratings: {H1: C, H2: I, H3: N}}
  - {id: E2, summary: b, source: S2, ratings: {H1: CC, H2: II, H3: C}}
  - {id: E3, summary: c, source: S1, ratings: {H1: C, H2: I}}
  - {id: E4, summary: d, source: S3, ratings: {H1: C, H2: N}}
  - {id: E5, summary: e, source: S3, flags: [retracted], ratings: {H1: C, H2: I}}
  - {id: E6, summary: f, ratings: {H1: C, H2: I}}
  - {id: E7, summary: g, source: S2, flags: [partisan, second_hand], ratings: {H1: C, H2: I}}
"""


def test_corroboration_counts_distinct_other_sources_that_agree_in_direction():
    rows = {r.evidence: r for r in quality_check(parse_case_text(CORROBORATION))}
    assert rows["E1"].corroborated_by == ("E2", "E7") and rows["E1"].corroboration == 1
    assert rows["E4"].corroborated_by == ("E1", "E2", "E3", "E7")
    assert rows["E4"].corroboration == 2
    assert rows["E2"].corroboration == 0  # nobody else points H3 up
    assert rows["E6"].corroboration == 0  # no source: nothing to compare with
    assert rows["E5"].corroboration == 0  # retracted: its ratings are out of the scores
    assert rows["E4"].backers == 4


def test_a_report_may_keep_only_the_first_backers_but_the_counts_stay_whole():
    rows = {r.evidence: r for r in quality_check(parse_case_text(CORROBORATION), most_backers=2)}
    assert rows["E4"].corroborated_by == ("E1", "E2")
    assert (rows["E4"].backers, rows["E4"].corroboration) == (4, 2)


def test_quality_rows_put_reliability_beside_credibility_and_show_the_weight():
    rows = {r.evidence: r for r in quality_check(parse_case_text(CORROBORATION))}
    e1 = rows["E1"]
    assert (e1.reliability, e1.reliability_meaning) == ("B", "usually reliable")
    assert (e1.credibility, e1.credibility_meaning) == ("2", "probably true")
    assert e1.weight == pytest.approx(2**0.25 * math.sqrt(2))  # no flags: unchanged
    e7 = rows["E7"]
    assert e7.flags == ("partisan", "second_hand")
    assert (e7.weight_before_flags, e7.weight) == pytest.approx((1.0, 2**-0.75))
    assert rows["E5"].weight == 0.0 and rows["E6"].source is None


ADVOCACY = """\
format: claimmap/1
case: {title: Advocacy, question: Which?}
hypotheses: [{id: H1, label: Favourite}, {id: H2, label: Rival}]
evidence:
  - {id: E1, summary: heavy, credibility: High, relevance: High, ratings: {H1: I, H2: II}}
  - {id: E2, summary: weak source, credibility: Low, ratings: {H1: II, H2: II}}
  - {id: E3, summary: plain, ratings: {H1: I, H2: II}}
  - {id: E4, summary: partisan, flags: [partisan], ratings: {H1: II}}
  - {id: E5, summary: fits, ratings: {H1: C, H2: II}}
assumptions:
  - {id: A1, statement: solid one, grade: Solid, hypotheses: [H1]}
  - {id: A2, statement: shaky one, grade: Unsupported, hypotheses: [H1, H2]}
  - {id: A3, statement: not ours, grade: Caveated, hypotheses: [H2]}
"""
# Weighted contributions against H1 (weight × inconsistency):
#   E1 2·1 = 2;  E2 (1/√2)·2 ≈ 1.414;  E3 1·1 = 1;  E4 (1·1/√2)·2 ≈ 1.414
# H1 = 2 + 1.414 + 1 + 1.414 ≈ 5.83; H2 = 4 + 1.414 + 2 + 2 ≈ 9.41 → H1 leads.
# Order: E1, then E2 and E4 (equal; case order), then E3.


def test_devils_advocacy_orders_the_evidence_against_the_leader_by_damage():
    (brief,) = devils_advocacy(parse_case_text(ADVOCACY))
    assert brief.hypothesis == "H1" and brief.runner_up == ("H2",)
    assert [n.evidence for n in brief.against] == ["E1", "E2", "E4", "E3"]
    assert [n.contribution for n in brief.against] == pytest.approx(
        [2.0, math.sqrt(2), math.sqrt(2), 1.0]
    )
    assert brief.against[2].flags == ("partisan",) and brief.against[1].rating == "II"
    assert [n.evidence for n in brief.leaning_on] == ["E5"]
    assert [a.id for a in brief.assumptions] == ["A2", "A1"]  # weakest first, H1's only
    assert brief.margin == pytest.approx(2 + math.sqrt(2) + 2 + 2 - (1 + 2 * math.sqrt(2)))


def test_tied_leaders_each_get_a_brief():
    tied = """\
format: claimmap/1
case: {title: Tie, question: Which?}
hypotheses: [{id: H1, label: One}, {id: H2, label: Two}, {id: H3, label: Three}]
evidence: [{id: E1, summary: x, ratings: {H1: I, H2: I, H3: II}}]
"""
    briefs = devils_advocacy(parse_case_text(tied))
    assert [b.hypothesis for b in briefs] == ["H1", "H2"]
    assert all(b.runner_up == ("H3",) for b in briefs)


def test_key_assumptions_weakest_first_with_questions_and_assumption_evidence():
    text = ADVOCACY.replace(
        "  - {id: E5,",
        "  - {id: E6, summary: dogs bark, kind: assumption, ratings: {H2: C}}\n  - {id: E5,",
    )
    doc = parse_case_text(text)
    rows = key_assumptions(doc)
    assert [(r.id, r.grade) for r in rows] == [
        ("A2", Grade.UNSUPPORTED),
        ("E6", None),
        ("A3", Grade.CAVEATED),
        ("A1", Grade.SOLID),
    ]
    assert rows[1].origin == "evidence" and rows[1].hypotheses == ("H2",)
    assert rows[0].questions[-len(CHALLENGE_QUESTIONS) :] == CHALLENGE_QUESTIONS
    assert "Why is it still in use" in rows[0].questions[0]
    assert grade_counts(doc) == {"Solid": 1, "Caveated": 1, "Unsupported": 1}


def test_indicators_are_grouped_per_hypothesis_with_their_direction():
    doc = parse_case_text(
        ADVOCACY
        + """\
indicators:
  - {id: I1, hypothesis: H1, description: a, effect: confirms, status: observed}
  - {id: I2, hypothesis: H1, description: b, effect: refutes, status: refuted}
  - {id: I3, hypothesis: H1, description: c, effect: refutes, status: observed}
  - {id: I4, hypothesis: H1, description: d, effect: confirms, status: not_seen}
"""
    )
    h1, h2 = indicators_by_hypothesis(doc)
    assert [i.id for i in h1.indicators] == ["I1", "I2", "I3", "I4"]
    assert [i.direction for i in h1.indicators] == [1, 1, -1, 0]
    assert (h1.towards, h1.away) == (2, 1)
    assert h1.counts == {"not_seen": 1, "observed": 2, "refuted": 1}
    assert h2.indicators == () and h2.counts["not_seen"] == 0


TWO_ANALYSTS = """\
format: claimmap/1
case: {title: Two views, question: Which one?}
hypotheses:
- {id: H1, label: One}
- {id: H2, label: Two}
evidence:
- id: E1
  summary: The only clue.
  ratings: {H1: C, H2: II}
  ratings_by:
    bob: {H1: II, H2: C}
"""


def test_devils_advocacy_for_one_analyst_argues_against_that_analysts_leader():
    # By hand: the file's analyst finds H2 very inconsistent, so H1 leads for them; bob rates
    # the other way round, so H2 leads for bob; the group's means tie (-0.5 each).
    doc = parse_case_text(TWO_ANALYSTS)
    assert [b.hypothesis for b in devils_advocacy(doc, analyst="bob")] == ["H2"]
    assert [b.hypothesis for b in devils_advocacy(doc, analyst="default")] == ["H1"]


def test_an_assumption_has_no_grade_until_the_analyst_gives_one():
    doc = parse_case_text(ADVOCACY.replace("grade: Caveated, ", ""))
    a3 = next(a for a in doc.assumptions if a.id == "A3")
    assert a3.grade is None
    rows = key_assumptions(doc)
    # Ungraded sits between Unsupported and Caveated: it needs looking at before the graded.
    assert [(r.id, r.grade) for r in rows] == [
        ("A2", Grade.UNSUPPORTED),
        ("A3", None),
        ("A1", Grade.SOLID),
    ]
    assert "It has no grade yet" in rows[1].questions[0]
    assert grade_counts(doc) == {"Solid": 1, "Caveated": 0, "Unsupported": 1, "ungraded": 1}
