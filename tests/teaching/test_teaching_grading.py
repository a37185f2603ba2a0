"""Grading a student's matrix against a key, on a small example worked out by hand."""

from __future__ import annotations

import math

import pytest

from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.formats.casefile_read import parse_case_text
from claimmap.teaching.grading import grade, kendall_tau_b
from claimmap.teaching.grading_text import format_grade, grade_data, markdown_grade

KEY = """\
format: claimmap/1
case: {title: Key, question: Who left the gate open?}
hypotheses: [{id: H1, label: Gardener}, {id: H2, label: Postman}, {id: H3, label: Wind}]
evidence:
  - {id: E1, summary: Muddy boots, ratings: {H1: CC, H2: I, H3: N}}
  - {id: E2, summary: Gate was seen open at noon, ratings: {H1: C, H2: C, H3: C}}
  - {id: E3, summary: Latch is stiff, ratings: {H1: I, H2: II, H3: NA}}
  - {id: E4, summary: Footprints by the gate, ratings: {H1: N, H2: N, H3: II}}
"""

STUDENT = """\
format: claimmap/1
case: {title: Student, question: Who left the gate open?}
hypotheses:
  [{id: H1, label: Gardener}, {id: H2, label: Postman}, {id: H3, label: Wind}, {id: H4, label: Fox}]
evidence:
  - {id: E1, summary: Muddy boots, ratings: {H1: C, H2: I, H3: N, H4: II}}
  - {id: E2, summary: Gate was seen open at noon, ratings: {H1: C, H2: N, H3: C}}
  - {id: E3, summary: Latch is stiff, ratings: {H1: I, H3: N}}
  - {id: E9, summary: "Footprints  by the gate", ratings: {H1: N, H2: N, H3: II}}
"""

# Worked by hand.
#
# Graded cells: the shared items E1-E3 × shared hypotheses H1-H3 the key rates: 9 cells
# (E4 is missing from the student's matrix under that id; H4 is the student's own).
#   E1  H1 CC/C  not exact, same direction   H2 I/I exact   H3 N/N exact
#   E2  H1 C/C   exact                       H2 C/N  differs in direction   H3 C/C exact
#   E3  H1 I/I   exact   H2 II/unrated (unanswered)   H3 NA/N  not exact, same class
# exact 5 of 9; same direction 7 of 9; unanswered 1.
#
# Key diagnosticity (population std of the row's values, NA counting as 0):
#   E1 (2, -1, 0): mean 1/3, squared deviations 25/9 + 16/9 + 1/9 = 42/9 → var 14/9 → √14/3
#   E2 (1, 1, 1): 0
#   E3 (-1, -2, 0): mean -1, squared deviations 0 + 1 + 1 = 2 → var 2/3 → √6/3
# weighted exact     = (2·d1 + 0·2 + 1·d3) / (3·d1 + 3·d3)
# weighted direction = (3·d1 + 0·2 + 2·d3) / (3·d1 + 3·d3)
D1, D3 = math.sqrt(14) / 3, math.sqrt(6) / 3
#
# Key weighted inconsistency (all weights 1): H1 = 1 (E3), H2 = 1 + 2 = 3, H3 = 2 (E4).
# Ranking H1, H3, H2; margin 1. Without E4, H3 scores 0 and leads: E4 is a linchpin that
# changes the leader. The exact flip search tries E3/H1 I→II first (moves are ordered by
# item), which ties H1 with H3: E3 is the other linchpin. Student: E4 missing → missed;
# E3's H2 cell is unanswered → disagrees in direction → missed.
#
# Student weighted: H1 = 1 (E3), H2 = 1 (E1), H3 = 2 (E9), H4 = 2 (E1) → leaders H1 and H2
# tied, against the key's H1 alone. Kendall tau-b over H1, H2, H3 with ranks
# key (0, 2, 1) and student (0, 0, 1):
#   (H1,H2) tied for the student; (H1,H3) concordant; (H2,H3) discordant
#   → (1 − 1) / √((3 − 0)(3 − 1)) = 0


@pytest.fixture(scope="module")
def report():
    key = matrix_from_document(parse_case_text(KEY))
    student = matrix_from_document(parse_case_text(STUDENT))
    return grade(student, key, methods=["weighted", "inconsistency"])


def test_cell_agreement_matches_the_hand_count(report):
    assert report.graded == 9
    assert (report.exact, report.same_direction, report.unanswered) == (5, 7, 1)
    assert report.share(report.exact) == pytest.approx(5 / 9)
    by_cell = {(c.evidence, c.hypothesis): c for c in report.cells}
    assert by_cell["E3", "H3"].key == "NA" and by_cell["E3", "H3"].student == "N"
    assert not by_cell["E3", "H3"].exact and by_cell["E3", "H3"].same_direction
    assert by_cell["E3", "H2"].student is None and not by_cell["E3", "H2"].same_direction


def test_weighted_agreement_uses_the_keys_diagnosticity(report):
    assert report.weighted_exact == pytest.approx((2 * D1 + D3) / (3 * D1 + 3 * D3))
    assert report.weighted_direction == pytest.approx((3 * D1 + 2 * D3) / (3 * D1 + 3 * D3))


def test_the_keys_linchpins_and_whether_the_student_missed_them(report):
    assert [p.evidence for p in report.linchpins] == ["E4", "E3"]
    e4, e3 = report.linchpins
    assert e4.missing and e4.missed
    assert not e3.missing and e3.missed
    assert [(c.hypothesis, c.student) for c in e3.differing] == [("H2", None), ("H3", "N")]


def test_rankings_compare_leaders_and_tau(report):
    weighted = report.rankings[0]
    assert weighted.method == "weighted"
    assert weighted.key_leader == ("H1",) and weighted.student_leader == ("H1", "H2")
    assert not weighted.same_leader
    assert weighted.tau == pytest.approx(0.0)


def test_ids_on_one_side_only_are_listed_and_renames_are_suggested_not_matched(report):
    assert report.missing_evidence == ("E4",) and report.extra_evidence == ("E9",)
    assert report.missing_hypotheses == () and report.extra_hypotheses == ("H4",)
    assert report.renamed == (("E4", "E9"),)  # same text once spaces and case are evened out


def test_kendall_tau_b_by_hand():
    assert kendall_tau_b([0, 1, 2], [0, 1, 2]) == 1.0
    assert kendall_tau_b([0, 1, 2], [2, 1, 0]) == -1.0
    # one tie in y: pairs (a,b) tied, (a,c) concordant, (b,c) concordant → 2/√(3·2)
    assert kendall_tau_b([0, 1, 2], [0, 0, 1]) == pytest.approx(2 / math.sqrt(6))
    assert kendall_tau_b([0, 0], [0, 1]) is None  # one ranking ties everything


def test_a_student_identical_to_the_key_agrees_everywhere():
    key = matrix_from_document(parse_case_text(KEY))
    same = grade(key, key, methods=["weighted"])
    assert same.exact == same.same_direction == same.graded == 12
    assert same.weighted_exact == 1.0
    assert not any(p.missed for p in same.linchpins)
    assert same.rankings[0].same_leader and same.rankings[0].tau == pytest.approx(1.0)


def test_renderings_carry_the_numbers(report):
    text = format_grade(report, "student.yaml", "key.yaml")
    assert "Exact agreement" in text and "5 of 9 (55.6%)" in text
    assert "E4: missed (not in the student's matrix)" in text
    assert "key E4 = student E9" in text
    md = markdown_grade(report, "student.yaml", "key.yaml")
    assert md.startswith("# Grading `student.yaml` against `key.yaml`")
    assert "| Same direction | 7 of 9 (77.8%) |" in md
    assert "| E3 | H2 | II | unrated | no | no |" in md
    data = grade_data(report)
    assert data["graded"] == 9 and data["direction_share"] == pytest.approx(7 / 9)
