"""Indicators grouped by the hypothesis they bear on, with what has been seen so far.

An indicator describes something that may happen; `effect` says whether seeing it would
confirm or refute its hypothesis, and `status` whether it has been observed, shown not to
happen (`refuted`), or not seen yet. So an observed confirming indicator, or a refuted
refuting one, points towards the hypothesis; an observed refuting indicator, or a refuted
confirming one, points away from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimmap.model.document import CaseDocument
from claimmap.model.enums import IndicatorEffect, IndicatorStatus


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    description: str
    effect: IndicatorEffect
    status: IndicatorStatus
    notes: str | None

    @property
    def direction(self) -> int:
        """+1 points towards the hypothesis, -1 away from it, 0 nothing seen yet."""
        if self.status is IndicatorStatus.NOT_SEEN:
            return 0
        seen = self.status is IndicatorStatus.OBSERVED
        confirms = self.effect is IndicatorEffect.CONFIRMS
        return 1 if seen == confirms else -1


@dataclass(frozen=True)
class HypothesisIndicators:
    hypothesis: str
    label: str
    indicators: tuple[IndicatorRow, ...]

    @property
    def counts(self) -> dict[str, int]:
        """How many indicators have each status (every status listed, zero included)."""
        counts = {s.value: 0 for s in IndicatorStatus}
        for i in self.indicators:
            counts[i.status.value] += 1
        return counts

    @property
    def towards(self) -> int:
        return sum(i.direction > 0 for i in self.indicators)

    @property
    def away(self) -> int:
        return sum(i.direction < 0 for i in self.indicators)


def indicators_by_hypothesis(doc: CaseDocument) -> list[HypothesisIndicators]:
    """One group per hypothesis in case order, including hypotheses with no indicator yet (so
    the gap shows); indicators keep case order within a group."""
    return [
        HypothesisIndicators(
            hypothesis=h.id,
            label=h.label,
            indicators=tuple(
                IndicatorRow(i.id, i.description, i.effect, i.status, i.notes)
                for i in doc.indicators
                if i.hypothesis == h.id
            ),
        )
        for h in doc.hypotheses
    ]
