"""Evidence quality flags: they change the weights (and, for retracted items, the counts),
the score report shows what they did, and the store keeps them."""

from __future__ import annotations

import math

import pytest

from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.formats.casefile_read import parse_case_text
from claimmap.model.problems import InvalidDocument
from claimmap.scoring.matrix import Matrix
from claimmap.scoring.report import score_report
from claimmap.scoring.text import format_report
from claimmap.scoring.view import build_view
from claimmap.scoring.weights import flag_factor

# Worked by hand. PARC weights: High = √2, Medium = 1; Admiralty credibility 3 = 1.
#   E1  High × High = 2,       partisan    × 1/√2      → √2       ≈ 1.414214   H1: I   H2: C
#   E2  3 × Medium = 1,        second_hand × 2^(-1/4)  → 2^(-1/4) ≈ 0.840896   H1: N   H2: II
#   E3  High × (none) = √2,    retracted   × 0         → 0                     H1: II  H2: CC
# weighted (Σ w·inconsistency), lower wins:
#   without flags  H1 = 2·1 + √2·2 ≈ 4.828427   H2 = 1·2 = 2            → H2 leads
#   with flags     H1 = √2·1       ≈ 1.414214   H2 = 2^(-1/4)·2 ≈ 1.681793 → H1 leads
# inconsistency (unweighted count): the retracted E3 drops out of it too:
#   without flags  H1 = 1 + 2 = 3, H2 = 2 → H2 leads;   with flags  H1 = 1, H2 = 2 → H1 leads
CASE = """\
format: claimmap/1
case: {title: Flags, question: Which one?}
hypotheses: [{id: H1, label: One}, {id: H2, label: Two}]
evidence:
  - {id: E1, summary: a, credibility: High, relevance: High, flags: [partisan],
     ratings: {H1: I, H2: C}}
  - {id: E2, summary: b, credibility: 3, relevance: Medium, flags: [second_hand],
     ratings: {H1: N, H2: II}}
  - {id: E3, summary: c, credibility: High, flags: [retracted], ratings: {H1: II, H2: CC}}
"""


def _unflagged(text: str) -> str:
    for flag in ("partisan", "second_hand", "retracted"):
        text = text.replace(f"flags: [{flag}],", "")
    return text


def test_flag_factors_sit_on_the_weight_ladder_and_multiply():
    assert flag_factor([]) == 1.0
    assert flag_factor(["partisan"]) == pytest.approx(1 / math.sqrt(2))
    assert flag_factor(["second_hand"]) == pytest.approx(2**-0.25)
    assert flag_factor(["partisan", "second_hand"]) == pytest.approx(2**-0.75)
    assert flag_factor(["retracted", "partisan"]) == 0.0
    with pytest.raises(ValueError, match="unknown flag 'biased'"):
        flag_factor(["biased"])


def test_flags_change_the_weighted_scores_and_the_leader():
    plain = score_report(matrix_from_document(parse_case_text(_unflagged(CASE))), draws=0)
    flagged = score_report(matrix_from_document(parse_case_text(CASE)), draws=0)
    assert plain["scores"]["weighted"]["H1"] == pytest.approx(2 + 2 * math.sqrt(2))
    assert plain["scores"]["weighted"]["H2"] == pytest.approx(2.0)
    assert plain["leader"]["weighted"] == ["H2"]
    assert flagged["scores"]["weighted"]["H1"] == pytest.approx(math.sqrt(2))
    assert flagged["scores"]["weighted"]["H2"] == pytest.approx(2 * 2**-0.25)
    assert flagged["leader"]["weighted"] == ["H1"]
    assert flagged["weights"] == pytest.approx({"E1": math.sqrt(2), "E2": 2**-0.25, "E3": 0.0})


def test_a_retracted_item_leaves_the_unweighted_counts_too():
    plain = score_report(matrix_from_document(parse_case_text(_unflagged(CASE))), draws=0)
    flagged = score_report(matrix_from_document(parse_case_text(CASE)), draws=0)
    assert plain["scores"]["inconsistency"] == {"H1": 3.0, "H2": 2.0}
    assert flagged["scores"]["inconsistency"] == {"H1": 1.0, "H2": 2.0}
    assert "E3" not in flagged["contributions"]["squared"]
    assert "E3" in plain["contributions"]["squared"]


def test_flags_scale_the_dfquad_base_score():
    view = build_view(matrix_from_document(parse_case_text(CASE)))
    # E1: ½ · w_cred(High) · w_rel(none) · partisan = ½ · √2 · 1 · 1/√2 = ½
    assert view.base.tolist() == pytest.approx([0.5, 0.5 * 2**-0.25, 0.0])


def test_the_report_shows_what_each_flag_did():
    report = score_report(matrix_from_document(parse_case_text(CASE)), draws=0)
    assert report["flags"]["E1"] == pytest.approx(
        {"flags": ["partisan"], "factor": 2**-0.5, "weight_before_flags": 2.0, "weight": 2**0.5}
    )
    assert report["flags"]["E3"]["weight"] == 0.0
    text = format_report(report)
    assert "E1 partisan: 2.000 → 1.414" in text
    assert "E3 retracted: 1.414 → 0.000 (left out of every method)" in text
    unflagged = score_report(matrix_from_document(parse_case_text(_unflagged(CASE))), draws=0)
    assert unflagged["flags"] == {}
    assert "Quality flags" not in format_report(unflagged)


def test_matrix_refuses_flags_of_the_wrong_length():
    with pytest.raises(ValueError, match="flags needs one entry per evidence item"):
        Matrix.build(["H1"], ["E1", "E2"], [], flags=[["partisan"]])


def test_a_flag_outside_the_vocabulary_or_repeated_is_refused_with_its_place():
    with pytest.raises(InvalidDocument) as bad:
        parse_case_text(CASE.replace("[partisan]", "[biased]"))
    assert "evidence[0].flags[0]" in str(bad.value)
    assert "'biased' is not one of retracted, second_hand, partisan" in str(bad.value)
    with pytest.raises(InvalidDocument, match="'partisan' is listed twice"):
        parse_case_text(CASE.replace("[partisan]", "[partisan, partisan]"))


def test_the_store_keeps_flags_and_scores_them_like_the_file(store):
    doc = parse_case_text(CASE)
    case = store.import_document(doc)
    assert [e.flags for e in store.export_document(case.id).evidence] == [
        e.flags for e in doc.evidence
    ]
    from_store = score_report(store.matrix(case.id), draws=0)
    from_file = score_report(matrix_from_document(doc), draws=0)
    assert from_store["scores"] == from_file["scores"]
    assert from_store["flags"] == from_file["flags"]
    # An edit of the flags goes through the ordinary item update and changes the score.
    store.update_item(case.id, "E1", {"flags": []})
    assert score_report(store.matrix(case.id), draws=0)["weights"]["E1"] == pytest.approx(2.0)
