"""A case's shell: the parts the interface shows first (model/shown.py), made from its
stored rows (document_rows) with the standard library and the enums alone, so that the
matrix paints before the document models load. The values are as stored, which validation
let in when they were written; the document, built from the same rows later, validates
them again and reports damage."""

from __future__ import annotations

from typing import NamedTuple

from claimmap.model.enums import EvidenceKind, Level, Reliability, SourceKind
from claimmap.store.document_rows import CaseRows, json_list


class CaseInfoShell(NamedTuple):
    slug: str | None
    title: str
    question: str
    blind_until_rated: bool


class HypothesisShell(NamedTuple):
    id: str
    label: str


class SourceShell(NamedTuple):
    id: str
    title: str
    kind: SourceKind
    reliability: Reliability


class EvidenceShell(NamedTuple):
    id: str
    summary: str
    source: str | None
    date: str | None
    kind: EvidenceKind
    credibility: str | None
    relevance: Level | None
    tags: tuple[str, ...]
    notes: str | None


class CaseShell(NamedTuple):
    case: CaseInfoShell
    analyst: str
    hypotheses: tuple[HypothesisShell, ...]
    evidence: tuple[EvidenceShell, ...]
    sources: tuple[SourceShell, ...]


def case_shell(rows: CaseRows) -> CaseShell:
    """The shell of the case in `rows`; a value outside its enum raises ValueError, as the
    document's validation would."""
    case, source_key = rows.header.case, rows.keys["sources"]
    return CaseShell(
        case=CaseInfoShell(case.slug, case.title, case.question, bool(case.blind_until_rated)),
        analyst=case.analyst,
        hypotheses=tuple(HypothesisShell(h.key, h.label) for h in rows.hypotheses),
        evidence=tuple(
            EvidenceShell(
                id=e.key,
                summary=e.summary,
                source=source_key[e.source_id] if e.source_id else None,
                date=e.date,
                kind=EvidenceKind(e.kind),
                credibility=e.credibility,
                relevance=Level(e.relevance) if e.relevance else None,
                tags=tuple(json_list(e.tags)),
                notes=e.notes,
            )
            for e in rows.evidence
        ),
        sources=tuple(
            SourceShell(s.key, s.title, SourceKind(s.kind), Reliability(s.reliability))
            for s in rows.sources
        ),
    )
