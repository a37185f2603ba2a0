"""One case and its scores, computed once and shared by every teaching view.

The TUI usually has a score report already (its scores screen made one); it can pass it in so
nothing is scored twice. Without one, the case is scored here with the Monte Carlo switched
off: the teaching views need rankings, contributions, diagnosticity and linchpins, not
intervals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.model.document import CaseDocument
from claimmap.scoring.matrix import Matrix
from claimmap.scoring.report import score_report

#: The method whose leader, contributions and linchpins the teaching views read: PARC's
#: weighted inconsistency, the method of Heuer's own software and one the quality flags change.
DEFAULT_METHOD = "weighted"


@dataclass(frozen=True)
class Analysis:
    doc: CaseDocument
    matrix: Matrix
    report: dict[str, Any]
    method: str

    @property
    def leader(self) -> list[str]:
        return list(self.report["leader"][self.method])

    def label(self, hypothesis: str) -> str:
        return next((h.label for h in self.doc.hypotheses if h.id == hypothesis), hypothesis)


def analyse(
    doc: CaseDocument,
    report: dict[str, Any] | None = None,
    *,
    method: str = DEFAULT_METHOD,
    analyst: str | None = None,
    use_reliability: bool = False,
    matrix: Matrix | None = None,
) -> Analysis:
    """`doc` with a score report that includes `method` (made here when not given, for
    `analyst`, or the group when None, so that it matches what the caller reads next)."""
    if matrix is None:
        matrix = matrix_from_document(doc)
    if report is None:
        report = score_report(matrix, [method], analyst, draws=0, use_reliability=use_reliability)
    elif method not in report["methods"]:
        raise ValueError(f"the score report has no {method!r} method; score it with {method}")
    return Analysis(doc=doc, matrix=matrix, report=report, method=method)
