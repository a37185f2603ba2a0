"""What one added or changed item is checked against: every item's id, per collection and in
the case's order, the case's analyst, and the two parts of a case whose references can form
loops (hypotheses' relations, undercut links).

Built from a whole CaseDocument (a form in the TUI) or from the store's key columns (a
command-line edit), so checking an edit costs what the case's keys cost, not the case."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from claimmap.model import document as d
from claimmap.model.collections import COLLECTIONS


def ids_of(doc: d.CaseDocument) -> dict[str, list[str]]:
    """Each collection's item ids, in order."""
    return {name: [item.id for item in getattr(doc, name)] for name in COLLECTIONS}


@dataclass(frozen=True)
class CaseKeys:
    ids: Mapping[str, Sequence[str]]
    analyst: str
    hypotheses: Sequence[d.Hypothesis]
    links: Sequence[d.Link]

    @classmethod
    def of(cls, doc: d.CaseDocument) -> CaseKeys:
        return cls(ids_of(doc), doc.analyst, doc.hypotheses, doc.links)
