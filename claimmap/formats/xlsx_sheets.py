"""The scores, evidence and sources sheets of the XLSX export."""

from __future__ import annotations

from collections import Counter

from claimmap.formats.score_table import ScoreTable
from claimmap.formats.xlsx_style import HEADER, WRAP, Book
from claimmap.model.document import CaseDocument

SCORE_COLUMNS = [
    "method",
    "better",
    "hypothesis",
    "label",
    "rank",
    "score",
    "P(leads)",
    "90% low",
    "90% high",
    "rated cells",
    "of cells",
]


def _header(book: Book, ws: object, rows: object, names: list[str]) -> None:
    rows.append(names, [book.style("header", ws, HEADER)] * len(names))  # type: ignore[attr-defined]


def scores_sheet(book: Book, doc: CaseDocument, table: ScoreTable) -> None:
    """One row per method and hypothesis, best first within each method."""
    ws, rows = book.sheet("scores", "A2", [34, 8, 10, 36, 6, 12, 10, 12, 12, 11, 9])
    _header(book, ws, rows, SCORE_COLUMNS)
    labels = {h.id: h.label for h in doc.hypotheses}
    for m in table.methods:
        order = sorted(range(len(table.hypotheses)), key=lambda i: (m.ranks[i], i))
        for i in order:
            h = table.hypotheses[i]
            values: list[object] = [m.label, m.better, h, labels[h], m.ranks[i], m.scores[i]]
            values += [m.p_lead[i], m.low[i], m.high[i], table.rated[i], table.cells]
            rows.append(values)
    rows.append([])
    note = (
        f"P(leads) and the 90% interval come from {table.draws} Monte Carlo draws (seed 0): "
        "each rating may move a step and each weight about ±25% (docs/scoring.md). Rated "
        "cells: how much of the hypothesis's column carries a rating; a leader whose column "
        "is not fully rated leads provisionally."
    )
    rows.append([note])


EVIDENCE_COLUMNS = [
    "id",
    "summary",
    "source",
    "date",
    "kind",
    "credibility",
    "relevance",
    "weight",
    "diagnosticity",
    "notes",
    "tags",
]


def evidence_sheet(book: Book, doc: CaseDocument, table: ScoreTable) -> None:
    ws, rows = book.sheet("evidence", "C2", [8, 50, 10, 11, 10, 10, 9, 8, 12, 40, 20])
    _header(book, ws, rows, EVIDENCE_COLUMNS)
    wrap = book.style("wrap", ws, WRAP)
    styles = [0, wrap] + [0] * 7 + [wrap]
    for ev in doc.evidence:
        values: list[object] = [ev.id, ev.summary, ev.source or "", ev.date or "", ev.kind.value]
        values += [ev.credibility or "", ev.relevance.value if ev.relevance else ""]
        values += [table.weights.get(ev.id), table.diagnosticity.get(ev.id)]
        values += [ev.notes or "", ", ".join(ev.tags)]
        rows.append(values, styles)


SOURCE_COLUMNS = ["id", "title", "author", "kind", "date", "reference", "reliability", "notes"]


def sources_sheet(book: Book, doc: CaseDocument) -> None:
    ws, rows = book.sheet("sources", "B2", [8, 40, 20, 12, 11, 40, 10, 40, 10])
    _header(book, ws, rows, [*SOURCE_COLUMNS, "cited by"])
    cited = Counter(ev.source for ev in doc.evidence if ev.source)
    for s in doc.sources:
        values: list[object] = [s.id, s.title, s.author or "", s.kind.value, s.date or ""]
        values.append(s.reference or "")
        values += [s.reliability.value, s.notes or "", cited[s.id]]
        rows.append(values)
