"""The rating matrix as rows of text, shared by the CSV and XLSX exports and the CSV reader.

One row per evidence item: its fields, then one column per hypothesis holding the rating code
(empty when unrated). Hypothesis columns are headed "H1: label" and sources are written
"S1: title", so a reader gets the ids back and a person sees names.
"""

from __future__ import annotations

import re

from claimmap.model.document import CaseDocument, Evidence, Hypothesis, Source

# Header names of the evidence columns, in order. "reliability" is the Admiralty letter of the
# item's source: it drives DF-QuAD, so a matrix without it would score differently.
FIELDS = ("id", "summary", "source", "reliability", "date", "kind", "credibility", "relevance")

# Header spellings a hand-made matrix may use for a field (compared case-insensitively).
FIELD_ALIASES = {
    **{name: name for name in FIELDS},
    "evidence": "summary",
    "item": "summary",
    "text": "summary",
    "source reliability": "reliability",
    "type": "kind",
}

# "H1: label" or "S1: title": an id, a colon, the rest. One space after the colon is part of
# the separator, so a label that starts with a space survives a round trip.
_ID_AND_TEXT = re.compile(r"([\w][\w.\-]{0,63})[ \t]*: ?(.*)\Z", re.DOTALL)


def id_and_text(cell: str) -> tuple[str, str] | None:
    match = _ID_AND_TEXT.match(cell)
    return (match.group(1), match.group(2)) if match else None


def hypothesis_header(hyp: Hypothesis) -> str:
    return f"{hyp.id}: {hyp.label}"


def source_cell(source: Source | None) -> str:
    return f"{source.id}: {source.title}" if source else ""


def header(doc: CaseDocument) -> list[str]:
    return [*FIELDS, *(hypothesis_header(h) for h in doc.hypotheses)]


def field_cells(ev: Evidence, sources: dict[str, Source]) -> list[str]:
    """The FIELDS of one evidence item as text, in order ('' for unset)."""
    source = sources.get(ev.source) if ev.source else None
    return [
        ev.id,
        ev.summary,
        source_cell(source),
        source.reliability.value if source else "",
        ev.date or "",
        ev.kind.value,
        ev.credibility or "",
        ev.relevance.value if ev.relevance else "",
    ]


def rating_cells(ev: Evidence, hypothesis_ids: list[str]) -> list[str]:
    return [ev.ratings[h].rating.value if h in ev.ratings else "" for h in hypothesis_ids]


def rows(doc: CaseDocument) -> list[list[str]]:
    """Header and one row per evidence item: the file's own analyst's ratings."""
    sources = {s.id: s for s in doc.sources}
    hyps = [h.id for h in doc.hypotheses]
    body = [field_cells(ev, sources) + rating_cells(ev, hyps) for ev in doc.evidence]
    return [header(doc), *body]
