"""Grading: a student's matrix compared with an instructor's key.

Items and hypotheses are matched by id only. Ids present on one side only are listed as
missing or extra and take no part in the cell comparison; when a student's item carries
exactly the label (summary) of a key item under another id, the pair is listed in `renamed`
so the teacher can fix the ids and grade again, but it is not matched silently.

Cells: every cell of a shared item and hypothesis that the key rates (NA included) is graded;
cells the key leaves unrated are not. A cell agrees *exactly* when the student gave the same
rating, and in *direction* when both ratings fall in the same class: consistent (C, CC),
inconsistent (I, II), or no bearing (N, NA). A cell the student left unrated disagrees on both.
The *weighted* agreements weigh each cell by the key's diagnosticity of its item, so items
that cannot tell the hypotheses apart count for nothing and the ones that decide count most.

Linchpins are the key's (its sensitivity analysis for `method`). The student *missed* one
when the item is absent or any of its graded cells disagrees in direction.

Rankings: each side is scored on its own matrix; per method, whether the leader groups are
equal and Kendall's tau-b between the two rankings over the shared hypotheses (tie groups as
ranks; None when either ranking puts every shared hypothesis in one group).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from claimmap.scoring.diagnostic import diagnosticity
from claimmap.scoring.matrix import CODE_LABELS, NA, UNRATED, Matrix
from claimmap.scoring.methods import make_methods
from claimmap.scoring.ranking import ranks, tie_groups
from claimmap.scoring.report import score_report
from claimmap.scoring.view import analyst_index, build_view


@dataclass(frozen=True)
class CellResult:
    evidence: str
    hypothesis: str
    key: str
    student: str | None  # None: the student left it unrated
    exact: bool
    same_direction: bool


@dataclass(frozen=True)
class LinchpinResult:
    evidence: str
    missing: bool  # the student has no item with this id
    differing: tuple[CellResult, ...]  # graded cells where the ratings are not identical
    missed: bool


@dataclass(frozen=True)
class RankingResult:
    method: str
    key_leader: tuple[str, ...]
    student_leader: tuple[str, ...]
    same_leader: bool
    tau: float | None


@dataclass(frozen=True)
class GradeReport:
    cells: tuple[CellResult, ...]
    exact: int
    same_direction: int
    unanswered: int
    weighted_exact: float | None  # None when no graded item is diagnostic
    weighted_direction: float | None
    linchpins: tuple[LinchpinResult, ...]
    rankings: tuple[RankingResult, ...]
    missing_evidence: tuple[str, ...]  # in the key, not in the student's matrix
    extra_evidence: tuple[str, ...]
    missing_hypotheses: tuple[str, ...]
    extra_hypotheses: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...]  # (key id, student id) with identical labels
    method: str

    @property
    def graded(self) -> int:
        return len(self.cells)

    def share(self, count: int) -> float | None:
        return count / self.graded if self.graded else None


def _direction(code: int) -> int | None:
    if code == UNRATED:
        return None
    return 0 if code == NA else int(np.sign(code))


def _layer(m: Matrix, analyst: str | None) -> np.ndarray:
    """(E, H) rating codes of one analyst (the file's own analyst when None)."""
    a = analyst_index(m, analyst if analyst is not None else m.analysts[0])
    return np.asarray(m.ratings[a])


def kendall_tau_b(x: list[int], y: list[int]) -> float | None:
    """Kendall's tau-b of two rankings given as rank numbers (equal numbers are ties)."""
    concordant = discordant = tied_x = tied_y = 0
    n = len(x)
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
            tied_x += dx == 0
            tied_y += dy == 0
            if dx and dy:
                concordant += dx == dy
                discordant += dx != dy
    pairs = n * (n - 1) // 2
    denominator = math.sqrt((pairs - tied_x) * (pairs - tied_y))
    return (concordant - discordant) / denominator if denominator else None


def _renamed(
    key: Matrix, student: Matrix, missing: list[str], extra: list[str]
) -> list[tuple[str, str]]:
    def labels(m: Matrix) -> dict[str, str]:
        # A matrix built without labels has none to compare: strict=False yields no pairs.
        pairs = zip(m.evidence, m.evidence_labels, strict=False)
        return {e: " ".join(t.split()).casefold() for e, t in pairs}

    theirs = labels(student)
    found = []
    for k, text in labels(key).items():
        if k in missing:
            found += [(k, s) for s in extra if theirs.get(s) == text]
    return found


def grade(
    student: Matrix,
    key: Matrix,
    *,
    student_analyst: str | None = None,
    key_analyst: str | None = None,
    method: str = "weighted",
    methods: list[str] | None = None,
) -> GradeReport:
    """Compare one analyst's ratings in `student` with one analyst's in `key` (each file's own
    analyst by default). `method` picks the key's linchpins; `methods` the rankings (all)."""
    k_cells, s_cells = _layer(key, key_analyst), _layer(student, student_analyst)
    s_ev = {e: i for i, e in enumerate(student.evidence)}
    s_hyp = {h: i for i, h in enumerate(student.hypotheses)}
    k_view = build_view(key, key_analyst if key_analyst is not None else key.analysts[0])
    diag = diagnosticity(k_view)
    cells, weights = [], []
    for e, ev in enumerate(key.evidence):
        for h, hyp in enumerate(key.hypotheses):
            code = int(k_cells[e, h])
            if ev not in s_ev or hyp not in s_hyp or code == UNRATED:
                continue
            theirs = int(s_cells[s_ev[ev], s_hyp[hyp]])
            answered = theirs != UNRATED
            cells.append(
                CellResult(
                    ev,
                    hyp,
                    CODE_LABELS[code],
                    CODE_LABELS[theirs] if answered else None,
                    theirs == code,
                    answered and _direction(theirs) == _direction(code),
                )
            )
            weights.append(float(diag[e]))
    w = np.array(weights)

    def weighted(flags: list[bool]) -> float | None:
        total = float(w.sum())
        return float(w[np.array(flags, dtype=bool)].sum()) / total if total > 1e-12 else None

    pins = score_report(key, [method], key_analyst or key.analysts[0], draws=0)["linchpins"]
    linchpins = []
    for pin in pins[method]:
        ev = pin["evidence"]
        mine = [c for c in cells if c.evidence == ev]
        differing = tuple(c for c in mine if not c.exact)
        missed = ev not in s_ev or any(not c.same_direction for c in mine)
        linchpins.append(LinchpinResult(ev, ev not in s_ev, differing, missed))

    missing_ev = [e for e in key.evidence if e not in s_ev]
    key_evidence, key_hypotheses = set(key.evidence), set(key.hypotheses)
    extra_ev = [e for e in student.evidence if e not in key_evidence]
    return GradeReport(
        cells=tuple(cells),
        exact=sum(c.exact for c in cells),
        same_direction=sum(c.same_direction for c in cells),
        unanswered=sum(c.student is None for c in cells),
        weighted_exact=weighted([c.exact for c in cells]),
        weighted_direction=weighted([c.same_direction for c in cells]),
        linchpins=tuple(linchpins),
        rankings=tuple(_rankings(student, key, student_analyst, key_analyst, methods)),
        missing_evidence=tuple(missing_ev),
        extra_evidence=tuple(extra_ev),
        missing_hypotheses=tuple(h for h in key.hypotheses if h not in s_hyp),
        extra_hypotheses=tuple(h for h in student.hypotheses if h not in key_hypotheses),
        renamed=tuple(_renamed(key, student, missing_ev, extra_ev)),
        method=method,
    )


def _rankings(
    student: Matrix,
    key: Matrix,
    student_analyst: str | None,
    key_analyst: str | None,
    methods: list[str] | None,
) -> list[RankingResult]:
    s_view = build_view(student, student_analyst or student.analysts[0])
    k_view = build_view(key, key_analyst or key.analysts[0])
    student_hypotheses = set(student.hypotheses)
    shared = [h for h in key.hypotheses if h in student_hypotheses]
    out = []
    for m in make_methods(methods):
        k_groups = tie_groups(m.oriented(m.scores(k_view)), k_view.hypotheses)
        s_groups = tie_groups(m.oriented(m.scores(s_view)), s_view.hypotheses)
        k_rank, s_rank = ranks(k_groups), ranks(s_groups)
        k_lead = tuple(k_groups[0]) if k_groups else ()
        s_lead = tuple(s_groups[0]) if s_groups else ()
        tau = kendall_tau_b([k_rank[h] for h in shared], [s_rank[h] for h in shared])
        out.append(RankingResult(m.name, k_lead, s_lead, set(k_lead) == set(s_lead), tau))
    return out
