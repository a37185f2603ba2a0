"""Guided ACH checklists on crafted cases: what is open, what is done, and what ticks close."""

from __future__ import annotations

from claimmap.formats.casefile_read import parse_case_text
from claimmap.model.enums import ReviewCheck
from claimmap.teaching.guided import View, guided_steps, next_step, progress

BARE = """\
format: claimmap/1
case: {title: Bare, question: Which one}
hypotheses:
  - {id: H1, label: A, statement: A did it.}
  - {id: H2, label: B, relations: [{kind: duplicates, target: H1}]}
evidence:
  - {id: E1, summary: x, ratings: {H1: C}}
"""

# Weights: E1 2^(1/4)·√2 ≈ 1.682, E2 1, E3 1/√2 ≈ 0.707, E4 1.
# Weighted inconsistency: H1 0; H2 1.682 + 1 = 2.682; H3 1.682 + 0.707 = 2.389 → H1 leads.
# E2 is rated N everywhere: non-diagnostic. Removing E1, E3 or E4 narrows the lead (by 1.682,
# 0.707, 0.707); removing E2 changes nothing. No single step unseats H1, but two do, and the
# pair that leaves H1 furthest behind is E1/H3 I→N with E2/H1 N→I (H1 1, H3 0.707: H1 is
# 0.293 behind, where emptying H2's or H3's column only ties). So E2 is a linchpin too, as
# part of the smallest flip: four linchpins, E1, E2, E3 and E4.
FULL = """\
format: claimmap/1
case: {title: Full, question: Who took the cake?, description: It was there at noon.}
hypotheses:
  - {id: H1, label: Dog, statement: The dog ate it.}
  - {id: H2, label: Child, statement: The child hid it.}
  - {id: H3, label: Nobody, statement: There never was a cake.}
sources: [{id: S1, title: Kitchen camera}, {id: S2, title: Neighbour}]
evidence:
  - {id: E1, summary: Crumbs by the basket, source: S1, credibility: 2, relevance: High,
     ratings: {H1: C, H2: I, H3: I}}
  - {id: E2, summary: The door was shut, source: S2, kind: claim, credibility: 3,
     relevance: Medium, ratings: {H1: N, H2: N, H3: N}}
  - {id: E3, summary: Cakes are baked on Sundays, kind: assumption, credibility: 3,
     relevance: Low, ratings: {H1: C, H2: N, H3: I}}
  - {id: E4, summary: No sticky fingerprints, kind: absence, credibility: 3, relevance: Medium,
     ratings: {H1: N, H2: I, H3: NA}}
assumptions: [{id: A1, statement: The dog was home., hypotheses: [H1]}]
indicators:
  - {id: I1, hypothesis: H1, description: Dog refuses dinner, effect: refutes}
  - {id: I2, hypothesis: H2, description: Wrapper in the toy box}
  - {id: I3, hypothesis: H3, description: No cake on the receipt}
reviewed: [contrarian, across_rows, disprove, report, "non_diagnostic:E2", "linchpin:E1",
           "linchpin:E2", "linchpin:E3", "linchpin:E4"]
"""


def _checks(text: str) -> dict:
    return {c.id: c for s in guided_steps(parse_case_text(text)) for c in s.checks}


def test_steps_are_the_question_then_heuers_eight_with_explanations_and_views():
    steps = guided_steps(parse_case_text(FULL))
    assert [s.number for s in steps] == list(range(9))
    assert steps[0].id == "question" and steps[8].id == "indicators"
    assert all(len(s.explanation) > 100 for s in steps)
    assert steps[3].view is View.MATRIX and steps[8].view is View.INDICATORS


def test_a_bare_case_shows_what_is_missing_and_where():
    c = _checks(BARE)
    assert not c["question.asked"].complete and not c["question.context"].complete
    assert (c["hypotheses.three"].done, c["hypotheses.three"].total) == (2, 3)
    assert c["hypotheses.stated"].outstanding == ("H2",)
    assert c["hypotheses.distinct"].outstanding == ("H2=H1",)
    assert not c["evidence.assumptions"].complete and not c["evidence.absence"].complete
    assert c["evidence.sourced"].outstanding == ("E1",)
    assert c["evidence.graded"].view is View.QUALITY
    assert (c["matrix.complete"].done, c["matrix.complete"].total) == (1, 2)
    assert c["matrix.complete"].outstanding == ("E1",)
    # Only one cell assessed: E1 cannot tell the hypotheses apart.
    assert c["refine.non_diagnostic"].outstanding == ("E1",)
    # Nothing is rated against either hypothesis: they tie.
    assert c["conclusions.leader"].outstanding == ("H1", "H2")
    assert c["report.every_hypothesis"].outstanding == ("H2",)
    assert c["indicators.each"].outstanding == ("H1", "H2")


def test_a_worked_case_with_its_ticks_is_complete():
    steps = guided_steps(parse_case_text(FULL))
    done, total = progress(steps)
    assert done == total == sum(len(s.checks) for s in steps)
    assert next_step(steps) is None
    c = _checks(FULL)
    assert c["sensitivity.linchpins"].total == 4
    assert c["refine.non_diagnostic"].total == 1


def test_removing_a_tick_reopens_its_check_and_names_the_item():
    c = _checks(FULL.replace('"linchpin:E4"]', "]").replace("disprove, ", ""))
    pins = c["sensitivity.linchpins"]
    assert (pins.done, pins.total, pins.outstanding) == (3, 4, ("E4",))
    assert pins.review is ReviewCheck.LINCHPIN and pins.mark("E4") == "linchpin:E4"
    assert not c["conclusions.disprove"].complete
    assert c["conclusions.disprove"].mark() == "disprove"
    steps = guided_steps(parse_case_text(FULL.replace("disprove, ", "")))
    assert next_step(steps).id == "conclusions"


def test_a_new_linchpin_needs_its_own_tick():
    # E5 (weight 1) counts II against both challengers: removing it narrows H1's lead by 2,
    # more than any other item, so it becomes the first linchpin and is not ticked yet.
    extra = "  - {id: E5, summary: Bite marks, ratings: {H1: C, H2: II, H3: II}}\n"
    c = _checks(FULL.replace("assumptions:", extra + "assumptions:"))
    assert c["sensitivity.linchpins"].outstanding == ("E5",)


def test_computed_checks_cannot_be_ticked():
    c = _checks(FULL)
    try:
        c["matrix.complete"].mark()
    except ValueError as exc:
        assert "computed from the case" in str(exc)
    else:
        raise AssertionError("a computed check accepted a tick")


def test_the_leader_needs_an_indicator_that_would_refute_it():
    c = _checks(FULL.replace("effect: refutes", "effect: confirms"))
    assert c["indicators.leader_refuted_by"].outstanding == ("H1",)
    assert c["indicators.each"].complete
