"""Case documents in and out of the database, in bulk: one statement per table each way."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from claimmap.model import document as d
from claimmap.model.enums import RATING_LABEL
from claimmap.model.references import COLLECTIONS
from claimmap.store.analysts import analyst_ids as analyst_ids  # re-exported for callers
from claimmap.store.document_export import LINK_FROM, LINK_TO
from claimmap.store.driver_sql import fetch_all, insert_many, insert_sql

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection


class Keys:
    """Row ids of a case's items by their user-facing keys, per table, in the case's order."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)

    def load(self, conn: AnyConnection, case_id: int) -> Keys:
        for name in COLLECTIONS:
            sql = f"SELECT id, key FROM {name} WHERE case_id = ? ORDER BY position, id"
            for row_id, key in fetch_all(conn, sql, (case_id,)):
                self.ids[name][key] = row_id
        return self


def _insert(conn: AnyConnection, name: str, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert rows with a `key`; returns key → new id. On a bare sqlite3 connection (a
    command-line `add`) row by row with its lastrowid; through SQLAlchemy, its batched
    INSERT ... RETURNING, which keeps a big import into a server to a few round trips."""
    if not rows:
        return {}
    if isinstance(conn, sqlite3.Connection):
        columns = list(rows[0])
        sql = insert_sql(name, columns)
        made: dict[str, int] = {}
        for row in rows:
            row_id = conn.execute(sql, tuple(row[c] for c in columns)).lastrowid
            assert row_id is not None, "insert returned no row id"
            made[row["key"]] = row_id
        return made
    from claimmap.store.snapshot import table

    tbl = table(name)
    result = conn.execute(
        tbl.insert().returning(tbl.c.id, tbl.c.key, sort_by_parameter_order=True), rows
    )
    return {key: row_id for row_id, key in result}


def hypothesis_values(h: d.Hypothesis, case_id: int, position: int, keys: Keys) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "key": h.id,
        "label": h.label,
        "statement": h.statement,
        "prior": h.prior,
        "position": position,
    }


def source_values(s: d.Source, case_id: int, position: int, keys: Keys) -> dict[str, Any]:
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
        "flags": json.dumps([f.value for f in e.flags]),
        "notes": e.notes,
        "tags": json.dumps(e.tags, ensure_ascii=False),
        "position": position,
    }


def assumption_values(a: d.Assumption, case_id: int, position: int, keys: Keys) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "key": a.id,
        "statement": a.statement,
        "grade": a.grade.value if a.grade else "",  # see AssumptionRow.grade
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


RATING_COLUMNS = ("case_id", "evidence_id", "hypothesis_id", "analyst_id", "value", "rationale")


def rating_rows(
    doc_evidence: list[d.Evidence],
    default_analyst: str,
    case_id: int,
    keys: Keys,
    analysts: dict[str, int],
) -> list[tuple[Any, ...]]:
    """Every rating of the items as a row of RATING_COLUMNS: plain tuples, no dict per row."""
    hyp_ids = keys.ids["hypotheses"]
    rows: list[tuple[Any, ...]] = []
    for ev in doc_evidence:
        ev_id = keys.ids["evidence"][ev.id]
        for who, cells in ((default_analyst, ev.ratings), *ev.ratings_by.items()):
            who_id = analysts[who]
            rows.extend(
                (case_id, ev_id, hyp_ids[hyp], who_id, RATING_LABEL[cell.rating], cell.rationale)
                for hyp, cell in cells.items()
            )
    return rows


def insert_ratings(conn: AnyConnection, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        insert_many(conn, "ratings", list(RATING_COLUMNS), rows)


VALUES: dict[str, Callable[[Any, int, int, Keys], dict[str, Any]]] = {
    "hypotheses": hypothesis_values,
    "sources": source_values,
    "evidence": evidence_values,
    "assumptions": assumption_values,
    "indicators": indicator_values,
    "links": link_values,
}


def relation_rows(h: d.Hypothesis, from_id: int, case_id: int, keys: Keys) -> list[dict[str, Any]]:
    hyp = keys.ids["hypotheses"]
    return [
        {
            "case_id": case_id,
            "kind": r.kind.value,
            "from_id": from_id,
            "to_id": hyp[r.target],
            "position": j,
        }
        for j, r in enumerate(h.relations)
    ]


def assumption_rows(a: d.Assumption, row_id: int, case_id: int, keys: Keys) -> list[dict[str, Any]]:
    hyp = keys.ids["hypotheses"]
    return [
        {"case_id": case_id, "assumption_id": row_id, "hypothesis_id": hyp[h], "position": j}
        for j, h in enumerate(a.hypotheses)
    ]


def teaching_rows(teaching: d.Teaching | None, case_id: int) -> list[dict[str, Any]]:
    """One row, or none when the case has no teaching notes worth keeping."""
    if teaching is None or teaching == d.Teaching():
        return []
    return [
        {
            "case_id": case_id,
            "learning_goals": json.dumps(teaching.learning_goals, ensure_ascii=False),
            "discussion_questions": json.dumps(teaching.discussion_questions, ensure_ascii=False),
            "notes": teaching.notes,
        }
    ]


def judgement_rows(judgement: d.Judgement | None, case_id: int, keys: Keys) -> list[dict[str, Any]]:
    """One row, or none when the case has no written judgement."""
    if judgement is None:
        return []
    hyp = judgement.hypothesis
    return [
        {
            "case_id": case_id,
            "bottom_line": judgement.bottom_line,
            "hypothesis_id": keys.ids["hypotheses"][hyp] if hyp is not None else None,
            "likelihood": judgement.likelihood.value,
            "confidence": judgement.confidence.value,
            "basis": judgement.basis,
            "date": judgement.date.isoformat(),
        }
    ]


def review_rows(marks: list[str], case_id: int, keys: Keys, start: int = 0) -> list[dict[str, Any]]:
    """`across_rows` → a row with no evidence; `linchpin:E5` → a row pointing at E5's row."""
    rows = []
    for i, mark in enumerate(marks):
        check, _, item = mark.partition(":")
        rows.append(
            {
                "case_id": case_id,
                "check_id": check,
                "evidence_id": keys.ids["evidence"][item] if item else None,
                "position": start + i,
            }
        )
    return rows


def insert_rows(conn: AnyConnection, name: str, rows: list[dict[str, Any]]) -> None:
    """Bulk insert through the driver's executemany with plain tuples: a million ratings in
    about a second, where per-row parameter dictionaries through the ORM layer take ten."""
    if not rows:
        return
    columns = list(rows[0])
    insert_many(conn, name, columns, [tuple(row[c] for c in columns) for row in rows])


def _insert_items(
    conn: AnyConnection, collection: str, items: list[Any], case_id: int, keys: Keys, start: int
) -> None:
    make = VALUES[collection]
    rows = [make(item, case_id, start + i, keys) for i, item in enumerate(items)]
    keys.ids[collection].update(_insert(conn, collection, rows))


def write_document(
    conn: AnyConnection, doc: d.CaseDocument, case_id: int, keys: Keys | None = None, start: int = 0
) -> Keys:
    """Insert every item of `doc` into case `case_id`. `keys` holds items already stored (an
    item added to an existing case may refer to them); new rows get positions from `start`."""
    keys = keys if keys is not None else Keys()
    _insert_items(conn, "hypotheses", doc.hypotheses, case_id, keys, start)
    insert_rows(
        conn,
        "hypothesis_relations",
        [
            row
            for h in doc.hypotheses
            for row in relation_rows(h, keys.ids["hypotheses"][h.id], case_id, keys)
        ],
    )
    _insert_items(conn, "sources", doc.sources, case_id, keys, start)
    _insert_items(conn, "evidence", doc.evidence, case_id, keys, start)
    names = {doc.analyst} | {who for ev in doc.evidence for who in ev.ratings_by}
    insert_ratings(
        conn, rating_rows(doc.evidence, doc.analyst, case_id, keys, analyst_ids(conn, names))
    )
    _insert_items(conn, "assumptions", doc.assumptions, case_id, keys, start)
    insert_rows(
        conn,
        "assumption_hypotheses",
        [
            row
            for a in doc.assumptions
            for row in assumption_rows(a, keys.ids["assumptions"][a.id], case_id, keys)
        ],
    )
    _insert_items(conn, "indicators", doc.indicators, case_id, keys, start)
    insert_rows(conn, "teaching", teaching_rows(doc.teaching, case_id))
    insert_rows(conn, "judgements", judgement_rows(doc.judgement, case_id, keys))
    insert_rows(conn, "reviews", review_rows(doc.reviewed, case_id, keys, start))
    # An undercut needs the link it targets to exist first.
    waiting = list(doc.links)
    while waiting:
        ready = [lk for lk in waiting if lk.kind != "undercut" or lk.to in keys.ids["links"]]
        if not ready:
            raise ValueError(f"undercut links form a cycle: {', '.join(lk.id for lk in waiting)}")
        positions = {lk.id: start + i for i, lk in enumerate(doc.links)}
        rows = [link_values(lk, case_id, positions[lk.id], keys) for lk in ready]
        keys.ids["links"].update(_insert(conn, "links", rows))
        waiting = [lk for lk in waiting if lk.id not in keys.ids["links"]]
    return keys
