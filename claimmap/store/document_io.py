"""Case documents in and out of the database, in bulk: one statement per table each way."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from claimmap.model import document as d
from claimmap.store.snapshot import inserted_id, table

ITEM_TABLES = {
    "hypotheses": "hypotheses",
    "sources": "sources",
    "evidence": "evidence",
    "assumptions": "assumptions",
    "indicators": "indicators",
    "links": "links",
}


class Keys:
    """Row ids of a case's items by their user-facing keys, per table."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)

    def load(self, conn: Connection, case_id: int) -> Keys:
        for name in ITEM_TABLES.values():
            tbl = table(name)
            for row_id, key in conn.execute(
                select(tbl.c.id, tbl.c.key).where(tbl.c.case_id == case_id)
            ):
                self.ids[name][key] = row_id
        return self

    def all_keys(self) -> set[str]:
        return {key for ids in self.ids.values() for key in ids}


def _insert(conn: Connection, name: str, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert rows with a `key`; returns key → new id."""
    if not rows:
        return {}
    tbl = table(name)
    result = conn.execute(
        tbl.insert().returning(tbl.c.id, tbl.c.key, sort_by_parameter_order=True), rows
    )
    return {key: row_id for row_id, key in result}


def analyst_ids(conn: Connection, names: set[str]) -> dict[str, int]:
    """Ids of the named analysts, creating those not seen before."""
    tbl = table("analysts")
    known = {
        name: id_
        for name, id_ in conn.execute(select(tbl.c.name, tbl.c.id).where(tbl.c.name.in_(names)))
    }
    for name in sorted(names - set(known)):
        known[name] = inserted_id(conn.execute(tbl.insert().values(name=name)))
    return known


def hypothesis_values(h: d.Hypothesis, case_id: int, position: int) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "key": h.id,
        "label": h.label,
        "statement": h.statement,
        "prior": h.prior,
        "position": position,
    }


def source_values(s: d.Source, case_id: int, position: int) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "key": s.id,
        "title": s.title,
        "author": s.author,
        "kind": s.kind.value,
        "date": s.date,
        "reference": s.reference,
        "reliability": s.reliability.value,
        "notes": s.notes,
        "position": position,
    }


def evidence_values(e: d.Evidence, case_id: int, position: int, keys: Keys) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "key": e.id,
        "summary": e.summary,
        "source_id": keys.ids["sources"][e.source] if e.source else None,
        "date": e.date,
        "kind": e.kind.value,
        "credibility": e.credibility,
        "relevance": e.relevance.value if e.relevance else None,
        "notes": e.notes,
        "tags": json.dumps(e.tags, ensure_ascii=False),
        "position": position,
    }


def assumption_values(a: d.Assumption, case_id: int, position: int) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "key": a.id,
        "statement": a.statement,
        "grade": a.grade.value,
        "notes": a.notes,
        "position": position,
    }


def indicator_values(i: d.Indicator, case_id: int, position: int, keys: Keys) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "key": i.id,
        "hypothesis_id": keys.ids["hypotheses"][i.hypothesis],
        "description": i.description,
        "effect": i.effect.value,
        "status": i.status.value,
        "notes": i.notes,
        "position": position,
    }


LINK_FROM = (
    ("evidence", "from_evidence_id"),
    ("assumptions", "from_assumption_id"),
    ("hypotheses", "from_hypothesis_id"),
)
LINK_TO = (
    ("hypotheses", "to_hypothesis_id"),
    ("evidence", "to_evidence_id"),
    ("links", "to_link_id"),
)


def _link_end(ref: str, choices: tuple[tuple[str, str], ...], keys: Keys) -> dict[str, int | None]:
    columns: dict[str, int | None] = {column: None for _, column in choices}
    for name, column in choices:
        if ref in keys.ids[name]:
            columns[column] = keys.ids[name][ref]
            break
    return columns


def link_values(link: d.Link, case_id: int, position: int, keys: Keys) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "key": link.id,
        "kind": link.kind.value,
        **_link_end(link.from_, LINK_FROM, keys),
        **_link_end(link.to, LINK_TO, keys),
        "notes": link.notes,
        "position": position,
    }


def rating_rows(
    doc_evidence: list[d.Evidence],
    default_analyst: str,
    case_id: int,
    keys: Keys,
    analysts: dict[str, int],
) -> list[dict[str, Any]]:
    rows = []
    for ev in doc_evidence:
        ev_id = keys.ids["evidence"][ev.id]
        for who, cells in ((default_analyst, ev.ratings), *ev.ratings_by.items()):
            for hyp, cell in cells.items():
                rows.append(
                    {
                        "case_id": case_id,
                        "evidence_id": ev_id,
                        "hypothesis_id": keys.ids["hypotheses"][hyp],
                        "analyst_id": analysts[who],
                        "value": cell.rating.value,
                        "rationale": cell.rationale,
                    }
                )
    return rows


def write_document(
    conn: Connection, doc: d.CaseDocument, case_id: int, keys: Keys | None = None, start: int = 0
) -> Keys:
    """Insert every item of `doc` into case `case_id`. `keys` holds items already stored (an
    item added to an existing case may refer to them); new rows get positions from `start`."""
    keys = keys if keys is not None else Keys()
    keys.ids["hypotheses"].update(
        _insert(
            conn,
            "hypotheses",
            [hypothesis_values(h, case_id, start + i) for i, h in enumerate(doc.hypotheses)],
        )
    )
    hyp = keys.ids["hypotheses"]
    relations = [
        {
            "case_id": case_id,
            "kind": r.kind.value,
            "from_id": hyp[h.id],
            "to_id": hyp[r.target],
            "position": j,
        }
        for h in doc.hypotheses
        for j, r in enumerate(h.relations)
    ]
    if relations:
        conn.execute(table("hypothesis_relations").insert(), relations)
    keys.ids["sources"].update(
        _insert(
            conn,
            "sources",
            [source_values(s, case_id, start + i) for i, s in enumerate(doc.sources)],
        )
    )
    keys.ids["evidence"].update(
        _insert(
            conn,
            "evidence",
            [evidence_values(e, case_id, start + i, keys) for i, e in enumerate(doc.evidence)],
        )
    )
    names = {doc.analyst} | {who for ev in doc.evidence for who in ev.ratings_by}
    ratings = rating_rows(doc.evidence, doc.analyst, case_id, keys, analyst_ids(conn, names))
    if ratings:
        conn.execute(table("ratings").insert(), ratings)
    keys.ids["assumptions"].update(
        _insert(
            conn,
            "assumptions",
            [assumption_values(a, case_id, start + i) for i, a in enumerate(doc.assumptions)],
        )
    )
    pairs = [
        {
            "case_id": case_id,
            "assumption_id": keys.ids["assumptions"][a.id],
            "hypothesis_id": hyp[h],
            "position": j,
        }
        for a in doc.assumptions
        for j, h in enumerate(a.hypotheses)
    ]
    if pairs:
        conn.execute(table("assumption_hypotheses").insert(), pairs)
    keys.ids["indicators"].update(
        _insert(
            conn,
            "indicators",
            [indicator_values(x, case_id, start + i, keys) for i, x in enumerate(doc.indicators)],
        )
    )
    # An undercut needs the link it targets to exist first.
    waiting = list(enumerate(doc.links))
    while waiting:
        ready = [
            (i, lk) for i, lk in waiting if lk.kind != "undercut" or lk.to in keys.ids["links"]
        ]
        if not ready:
            raise ValueError(
                f"undercut links form a cycle: {', '.join(lk.id for _, lk in waiting)}"
            )
        keys.ids["links"].update(
            _insert(conn, "links", [link_values(lk, case_id, start + i, keys) for i, lk in ready])
        )
        waiting = [(i, lk) for i, lk in waiting if lk.id not in keys.ids["links"]]
    return keys
