"""Devil's advocacy: the strongest case against the leading hypothesis, in one place.

For each leader (more than one when tied) it gathers the evidence that speaks against it most,
ordered by its contribution to the leader's weighted inconsistency (weight × how
inconsistent), the assumptions the leader rests on (weakest first), the consistent evidence
it leans on, the runner-up, and the smallest set of rating changes that would unseat it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from claimmap.model.document import CaseDocument
from claimmap.scoring.matrix import Matrix
from claimmap.scoring.methods import make_methods
from claimmap.scoring.report import cell_label, contribution_cells
from claimmap.scoring.view import build_view
from claimmap.teaching.analysis import DEFAULT_METHOD, analyse
from claimmap.teaching.assumptions import KeyAssumption, assumptions_of

QUESTIONS: tuple[str, ...] = (
    "If this hypothesis were false, which of the items it leans on would you still expect to see?",
    "Which item against it have you explained away, and would you accept that excuse from a rival?",
    "Which of its sources gains if it is believed?",
    "What is the best argument for the runner-up, put as its supporters would put it?",
)


@dataclass(frozen=True)
class EvidenceNote:
    evidence: str
    summary: str
    rating: str  # the leader's cell: a rating, or the group's mean as "+0.50"
    weight: float
    flags: tuple[str, ...]
    contribution: float  # to the leader's weighted inconsistency (0 for items it leans on)


@dataclass(frozen=True)
class Advocacy:
    hypothesis: str
    label: str
    method: str
    runner_up: tuple[str, ...]
    margin: float | None
    against: tuple[EvidenceNote, ...]  # most damaging first
    leaning_on: tuple[EvidenceNote, ...]  # rated consistent with it, heaviest first
    assumptions: tuple[KeyAssumption, ...]
    flip: tuple[dict[str, Any], ...]  # the smallest flip's cell changes, from the score report
    questions: tuple[str, ...] = QUESTIONS


def devils_advocacy(
    doc: CaseDocument,
    report: dict[str, Any] | None = None,
    *,
    method: str = DEFAULT_METHOD,
    analyst: str | None = None,
    use_reliability: bool = False,
    matrix: Matrix | None = None,
) -> list[Advocacy]:
    """One brief per leading hypothesis of `method` (an empty list without hypotheses).
    A given `report` must be for the same analyst; without one, the case is scored for it."""
    a = analyse(
        doc, report, method=method, analyst=analyst, use_reliability=use_reliability, matrix=matrix
    )
    cells = a.report["contributions"].get("weighted")
    if cells is not None:  # the report's own figures, with its weights
        use_reliability = bool(a.report["use_reliability"])
    view = build_view(a.matrix, analyst, use_reliability=use_reliability)
    if cells is None:  # only what a brief reads, not a whole score report
        cells = contribution_cells(view, make_methods(["weighted"])[0].contributions(view))
    summaries = {ev.id: ev.summary for ev in doc.evidence}
    flags = {ev.id: tuple(f.value for f in ev.flags) for ev in doc.evidence}
    ranking = a.report["ranking"][method]
    briefs = []
    for hyp in a.leader:
        h = view.hypotheses.index(hyp)

        def note(e: int, contribution: float, h: int = h) -> EvidenceNote:
            ev = view.evidence[e]
            weight = float(view.weights[e])
            label = cell_label(float(view.values[e, h]))
            return EvidenceNote(ev, summaries[ev], label, weight, flags[ev], contribution)

        hurt = [(float(cells.get(ev, {}).get(hyp) or 0.0), e) for e, ev in enumerate(view.evidence)]
        against = [note(e, c) for c, e in sorted(hurt, key=lambda t: (-t[0], t[1])) if c > 0]
        fits = np.flatnonzero(view.rated[:, h] & (view.values[:, h] > 0))
        leaning = sorted(fits.tolist(), key=lambda e: (-view.weights[e], e))
        briefs.append(
            Advocacy(
                hypothesis=hyp,
                label=a.label(hyp),
                method=method,
                runner_up=tuple(ranking[1]) if len(ranking) > 1 else (),
                margin=a.report["margin"][method],
                against=tuple(against),
                leaning_on=tuple(note(e, 0.0) for e in leaning),
                assumptions=tuple(assumptions_of(doc, hyp)),
                flip=tuple(a.report["flip"][method]["changes"]),
            )
        )
    return briefs
