"""The checklist of each guided step, computed from the case and its scores."""

from __future__ import annotations

from claimmap.model.document import CaseDocument
from claimmap.model.enums import EvidenceFlag, EvidenceKind, RatingValue, RelationKind
from claimmap.model.enums import ReviewCheck as R
from claimmap.teaching.analysis import Analysis
from claimmap.teaching.checklist import Check, View
from claimmap.teaching.checklist import count_check as _count
from claimmap.teaching.checklist import flag_check as _flag
from claimmap.teaching.checklist import ticked as _ticked
from claimmap.teaching.checklist import ticked_items as _ticked_items


def question_checks(doc: CaseDocument) -> list[Check]:
    q = doc.case.question.strip()
    return [
        _flag(
            "question.asked",
            "The focus question is written as a question",
            q.endswith(("?", "؟")),
            View.CASE,
        ),
        _flag(
            "question.context",
            "The background to the question is described",
            bool((doc.case.description or "").strip()),
            View.CASE,
        ),
    ]


def hypothesis_checks(doc: CaseDocument, reviewed: set[str]) -> list[Check]:
    ids = [h.id for h in doc.hypotheses]
    dupes = [
        f"{h.id}={r.target}"
        for h in doc.hypotheses
        for r in h.relations
        if r.kind is RelationKind.DUPLICATES
    ]
    return [
        Check("hypotheses.three", "At least three hypotheses", min(len(ids), 3), 3, View.MATRIX),
        _count(
            "hypotheses.stated",
            "Every hypothesis has a full statement",
            ids,
            [h.id for h in doc.hypotheses if h.statement.strip()],
            View.MATRIX,
        ),
        _flag(
            "hypotheses.distinct",
            "No hypothesis duplicates another",
            not dupes,
            View.MATRIX,
            tuple(dupes),
        ),
        _ticked(
            "hypotheses.contrarian",
            "A contrarian hypothesis is included (one nobody favours)",
            R.CONTRARIAN,
            reviewed,
            View.MATRIX,
        ),
    ]


def evidence_checks(doc: CaseDocument) -> list[Check]:
    kinds = {ev.kind for ev in doc.evidence}
    reported = [ev.id for ev in doc.evidence if ev.kind in (EvidenceKind.FACT, EvidenceKind.CLAIM)]
    return [
        _flag("evidence.listed", "Evidence is listed", bool(doc.evidence), View.EVIDENCE),
        _flag(
            "evidence.assumptions",
            "Assumptions are written down (as evidence or key assumptions)",
            EvidenceKind.ASSUMPTION in kinds or bool(doc.assumptions),
            View.ASSUMPTIONS,
        ),
        _flag(
            "evidence.absence",
            "Absent evidence is considered (an item of kind 'absence')",
            EvidenceKind.ABSENCE in kinds,
            View.EVIDENCE,
        ),
        _count(
            "evidence.sourced",
            "Every fact and claim names its source",
            reported,
            [ev.id for ev in doc.evidence if ev.source],
            View.EVIDENCE,
        ),
        _count(
            "evidence.graded",
            "Every item has a credibility and a relevance",
            [ev.id for ev in doc.evidence],
            [ev.id for ev in doc.evidence if ev.credibility and ev.relevance],
            View.QUALITY,
        ),
    ]


def matrix_checks(doc: CaseDocument, reviewed: set[str]) -> list[Check]:
    hyps = [h.id for h in doc.hypotheses]
    open_rows = tuple(ev.id for ev in doc.evidence if any(h not in ev.ratings for h in hyps))
    rated = sum(h in ev.ratings for ev in doc.evidence for h in hyps)
    return [
        Check(
            "matrix.complete",
            "Every cell is rated (NA counts as rated)",
            rated,
            len(hyps) * len(doc.evidence),
            View.MATRIX,
            None,
            open_rows,
        ),
        _ticked(
            "matrix.across_rows",
            "The matrix was rated across rows: one item against every hypothesis",
            R.ACROSS_ROWS,
            reviewed,
            View.MATRIX,
        ),
    ]


def refine_checks(a: Analysis, reviewed: set[str]) -> list[Check]:
    retracted = {ev.id for ev in a.doc.evidence if EvidenceFlag.RETRACTED in ev.flags}
    flat = [e for e in a.report["diagnosticity"]["non_diagnostic"] if e not in retracted]
    return [
        _ticked_items(
            "refine.non_diagnostic",
            "Each non-diagnostic item has been looked at",
            R.NON_DIAGNOSTIC,
            flat,
            reviewed,
            View.SCORES,
        ),
    ]


def conclusion_checks(a: Analysis, reviewed: set[str]) -> list[Check]:
    leader = a.leader
    unique = len(leader) == 1 and len(a.doc.hypotheses) > 1
    return [
        _flag(
            "conclusions.leader",
            "One hypothesis is least inconsistent with the evidence",
            unique,
            View.SCORES,
            tuple(leader),
        ),
        _ticked(
            "conclusions.disprove",
            "Each hypothesis was tested by trying to reject it",
            R.DISPROVE,
            reviewed,
            View.SCORES,
        ),
    ]


def sensitivity_checks(a: Analysis, reviewed: set[str]) -> list[Check]:
    pins = [p["evidence"] for p in a.report["linchpins"][a.method]]
    assumptions = [x.id for x in a.doc.assumptions]
    linked = [x.id for x in a.doc.assumptions if x.hypotheses]
    return [
        _ticked_items(
            "sensitivity.linchpins",
            "Each linchpin item has been re-examined",
            R.LINCHPIN,
            pins,
            reviewed,
            View.SCORES,
        ),
        _count(
            "sensitivity.assumptions",
            "Each key assumption is linked to the hypotheses resting on it",
            assumptions,
            linked,
            View.ASSUMPTIONS,
        ),
    ]


def report_checks(a: Analysis, reviewed: set[str]) -> list[Check]:
    rateable = {v.value for v in RatingValue} - {RatingValue.NA.value}
    judged = {
        h for ev in a.doc.evidence for h, c in ev.ratings.items() if c.rating.value in rateable
    }
    hyps = [h.id for h in a.doc.hypotheses]
    return [
        _count(
            "report.every_hypothesis",
            "Every hypothesis has evidence rated against it",
            hyps,
            sorted(judged),
            View.MATRIX,
        ),
        _ticked(
            "report.written",
            "The write-up weighs every hypothesis, not only the leader",
            R.REPORT,
            reviewed,
            View.SCORES,
        ),
    ]


def indicator_checks(a: Analysis) -> list[Check]:
    watched = {i.hypothesis for i in a.doc.indicators}
    refuters = {i.hypothesis for i in a.doc.indicators if i.effect.value == "refutes"}
    hyps = [h.id for h in a.doc.hypotheses]
    return [
        _count(
            "indicators.each",
            "Every hypothesis has an indicator to watch",
            hyps,
            sorted(watched),
            View.INDICATORS,
        ),
        _count(
            "indicators.leader_refuted_by",
            "The leading hypothesis has an indicator that would refute it",
            a.leader,
            sorted(refuters),
            View.INDICATORS,
        ),
    ]
