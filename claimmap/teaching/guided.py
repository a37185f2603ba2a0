"""Guided ACH: the question, then Heuer's eight steps, each with a checklist read off the case.

Most checks are computed from the document and its scores. A few describe work the software
cannot see (rating across rows, trying to disprove); those are ticked by the analyst and kept
in the document's `reviewed` list. Per-item ticks (`linchpin:E5`) cover items that can change
as ratings change, so a new linchpin reopens its check.

Every step and check names the TUI view where the work is done (`View`), so a screen can jump
there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimmap.model.document import CaseDocument
from claimmap.teaching import guided_checks as gc
from claimmap.teaching.analysis import analyse
from claimmap.teaching.checklist import Check, View
from claimmap.teaching.steps_text import EXPLANATIONS, TITLES

__all__ = ["Check", "Step", "View", "guided_steps", "next_step", "progress"]


@dataclass(frozen=True)
class Step:
    number: int  # 0 for the question, then Heuer's 1-8
    id: str
    title: str
    explanation: str
    view: View
    checks: tuple[Check, ...]

    @property
    def done(self) -> int:
        return sum(c.complete for c in self.checks)

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def complete(self) -> bool:
        return self.done == self.total


def guided_steps(
    doc: CaseDocument, report: dict[str, Any] | None = None, *, method: str = "weighted"
) -> list[Step]:
    """The nine steps with their checklists, computed from `doc` (and `report`, a score report
    that includes `method`; made here when not given)."""
    a = analyse(doc, report, method=method)
    reviewed = set(doc.reviewed)
    checks = {
        "question": gc.question_checks(doc),
        "hypotheses": gc.hypothesis_checks(doc, reviewed),
        "evidence": gc.evidence_checks(doc),
        "matrix": gc.matrix_checks(doc, reviewed),
        "refine": gc.refine_checks(a, reviewed),
        "conclusions": gc.conclusion_checks(a, reviewed),
        "sensitivity": gc.sensitivity_checks(a, reviewed),
        "report": gc.report_checks(a, reviewed),
        "indicators": gc.indicator_checks(a),
    }
    views = {
        "question": View.CASE,
        "hypotheses": View.MATRIX,
        "evidence": View.EVIDENCE,
        "matrix": View.MATRIX,
        "refine": View.SCORES,
        "conclusions": View.SCORES,
        "sensitivity": View.SCORES,
        "report": View.SCORES,
        "indicators": View.INDICATORS,
    }
    return [
        Step(n, key, TITLES[key], EXPLANATIONS[key], views[key], tuple(checks[key]))
        for n, key in enumerate(checks)
    ]


def progress(steps: list[Step]) -> tuple[int, int]:
    """(complete checks, all checks) over every step."""
    return sum(s.done for s in steps), sum(s.total for s in steps)


def next_step(steps: list[Step]) -> Step | None:
    """The first step with an open check, or None when all are done."""
    return next((s for s in steps if not s.complete), None)
