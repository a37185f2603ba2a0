"""Everything the Method tab shows, computed in one go (in a worker: it scores the case).

No widgets here: `teaching_data` reads a case state and returns plain data for the views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimmap.model.document import CaseDocument
from claimmap.teaching.assumptions import KeyAssumption, key_assumptions
from claimmap.teaching.devils_advocate import Advocacy, devils_advocacy
from claimmap.teaching.guided import Step, guided_steps
from claimmap.teaching.indicators import HypothesisIndicators, indicators_by_hypothesis
from claimmap.teaching.quality import QualityRow, quality_check
from claimmap.tui.case_state import CaseState
from claimmap.tui.widgets.text_fit import clip

#: The method the teaching views read (the teaching core's default: PARC's weighted
#: inconsistency, the one the quality flags change).
METHOD = "weighted"


@dataclass(frozen=True)
class TeachingData:
    doc: CaseDocument
    report: dict[str, Any]
    steps: list[Step]
    assumptions: list[KeyAssumption]
    quality: list[QualityRow]
    indicators: list[HypothesisIndicators]
    advocacy: list[Advocacy]

    def label(self, hypothesis: str) -> str:
        return next((h.label for h in self.doc.hypotheses if h.id == hypothesis), "")

    def summary(self, evidence: str) -> str:
        return next((ev.summary for ev in self.doc.evidence if ev.id == evidence), "")


def teaching_data(state: CaseState) -> TeachingData:
    """Every teaching view, from the case's one score report (shared with the Scores tab)."""
    snap, report = state.report()
    doc = snap.rated_doc  # the checks read ratings off the items
    return TeachingData(
        doc=doc,
        report=report,
        steps=guided_steps(doc, report, method=METHOD),
        assumptions=key_assumptions(doc),
        quality=quality_check(doc, analyst=doc.analyst),
        indicators=indicators_by_hypothesis(doc),
        advocacy=devils_advocacy(doc, report, method=METHOD, analyst=doc.analyst),
    )


def short(text: str, width: int) -> str:
    """One line of at most `width` characters."""
    return clip(text, width)


#: Layout of the Method tab, shared with app.tcss: the list of views on the left, and beside
#: each view's table a side panel, which moves below it when the terminal is narrow.
MENU_WIDTH = 22
SIDE_WIDTH = 44
NARROW = 110  # terminals narrower than this stack the side panel under the table


def main_width(terminal_width: int) -> int:
    """Columns left for a view's main table."""
    side = 0 if terminal_width < NARROW else SIDE_WIDTH
    return max(30, terminal_width - MENU_WIDTH - side - 2)
