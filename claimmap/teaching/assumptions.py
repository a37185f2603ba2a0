"""Key Assumptions Check: every assumption with its grade, the hypotheses resting on it, and
questions that push the analyst to attack it.

Two kinds of assumption are listed: the case's key assumptions (graded Solid, Caveated or
Unsupported) and evidence items of kind `assumption`, which are ungraded; for those, the
hypotheses resting on them are the ones the item is rated consistent with. The weakest come
first, since that is where a check should start.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimmap.model.document import CaseDocument
from claimmap.model.enums import EvidenceKind, Grade, RatingValue

#: Asked of every assumption.
CHALLENGE_QUESTIONS: tuple[str, ...] = (
    "What would have to be true for this to be wrong?",
    "Has it ever been wrong before, here or in a case like this one?",
    "Would it still hold if circumstances changed, and which change would break it?",
    "Is it a fact we checked or something we have come to take for granted?",
    "Who would disagree with it, and what would they point to?",
)

#: Asked according to the grade the analyst gave.
GRADE_QUESTIONS: dict[Grade | None, tuple[str, ...]] = {
    Grade.SOLID: ("What evidence makes it solid, and is that evidence independent of the case?",),
    Grade.CAVEATED: ("Which caveat matters most, and what would remove it?",),
    Grade.UNSUPPORTED: (
        "Why is it still in use if nothing supports it?",
        "Which conclusions fall if it is dropped?",
    ),
    None: ("It has no grade yet: is it solid, caveated or unsupported?",),
}

_WEAKNESS = {Grade.UNSUPPORTED: 0, None: 1, Grade.CAVEATED: 2, Grade.SOLID: 3}


@dataclass(frozen=True)
class KeyAssumption:
    id: str
    statement: str
    grade: Grade | None  # None for evidence items of kind assumption
    hypotheses: tuple[str, ...]  # the hypotheses that rest on it, in case order
    notes: str | None
    origin: str  # "assumption" (a key assumption) or "evidence" (an item of kind assumption)
    questions: tuple[str, ...]


def key_assumptions(doc: CaseDocument) -> list[KeyAssumption]:
    """Every assumption of the case, weakest grade first (case order within a grade)."""
    order = [h.id for h in doc.hypotheses]
    rows = [
        KeyAssumption(
            id=a.id,
            statement=a.statement,
            grade=a.grade,
            hypotheses=tuple(h for h in order if h in a.hypotheses),
            notes=a.notes,
            origin="assumption",
            questions=GRADE_QUESTIONS[a.grade] + CHALLENGE_QUESTIONS,
        )
        for a in doc.assumptions
    ]
    consistent = {RatingValue.C, RatingValue.CC}
    rows += [
        KeyAssumption(
            id=ev.id,
            statement=ev.summary,
            grade=None,
            hypotheses=tuple(
                h for h in order if h in ev.ratings and ev.ratings[h].rating in consistent
            ),
            notes=ev.notes,
            origin="evidence",
            questions=GRADE_QUESTIONS[None] + CHALLENGE_QUESTIONS,
        )
        for ev in doc.evidence
        if ev.kind is EvidenceKind.ASSUMPTION
    ]
    return sorted(rows, key=lambda r: _WEAKNESS[r.grade])


def assumptions_of(doc: CaseDocument, hypothesis: str) -> list[KeyAssumption]:
    """The assumptions `hypothesis` rests on, weakest first."""
    return [a for a in key_assumptions(doc) if hypothesis in a.hypotheses]


def grade_counts(doc: CaseDocument) -> dict[str, int]:
    """How many key assumptions carry each grade (every grade listed, zero included), and
    under "ungraded" how many have none yet (listed only when some have none)."""
    counts = {g.value: 0 for g in Grade}
    for a in doc.assumptions:
        key = a.grade.value if a.grade else "ungraded"
        counts[key] = counts.get(key, 0) + 1
    return counts
