"""The two teaching edits of a stored case: ticking a guided-ACH check, and replacing the
teaching notes. Each is one transaction with one change-log entry, so undo and redo work as
for any other edit. Module functions over a `Store` keep `case_store.py` untouched."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, func, select

from claimmap.model import document as d
from claimmap.model.problems import InvalidDocument
from claimmap.model.validation import problems_from
from claimmap.store import change_record, snapshot
from claimmap.store.case_store import Store
from claimmap.store.document_io import Keys, insert_rows, review_rows, teaching_rows
from claimmap.store.engine import StoreError
from claimmap.store.snapshot import table


def _valid_mark(mark: str) -> str:
    """Check a mark with the same rules as a case file's `reviewed` list."""
    try:
        d.CaseDocument.model_validate(
            {"format": d.FORMAT, "case": {"title": "-", "question": "-"}, "reviewed": [mark]}
        )
    except ValidationError as exc:
        problems = problems_from(exc, {"reviewed": [mark]})
        raise StoreError("; ".join(p.message for p in problems)) from None
    return mark


def _mark_rows(conn: Connection, case_id: int, mark: str) -> list[int]:
    """Row ids holding `mark` in this case (none or one)."""
    reviews, evidence = table("reviews"), table("evidence")
    check, _, item = mark.partition(":")
    query = select(reviews.c.id).where(reviews.c.case_id == case_id, reviews.c.check_id == check)
    if item:
        ev_id = conn.scalar(
            select(evidence.c.id).where(evidence.c.case_id == case_id, evidence.c.key == item)
        )
        if ev_id is None:
            raise StoreError(f"this case has no evidence item {item!r}")
        query = query.where(reviews.c.evidence_id == ev_id)
    else:
        query = query.where(reviews.c.evidence_id.is_(None))
    return list(conn.scalars(query))


def set_reviewed(store: Store, case_id: int, mark: str, reviewed: bool = True) -> bool:
    """Tick (or untick) a check such as `across_rows` or `linchpin:E5`. Returns whether the
    case changed: ticking a ticked check is not an edit and writes no log entry."""
    _valid_mark(mark)
    with store.writing() as conn:
        present = _mark_rows(conn, case_id, mark)
        if bool(present) == reviewed:
            return False
        reviews = table("reviews")
        if reviewed:
            keys = Keys().load(conn, case_id)
            start = conn.scalar(
                select(func.max(reviews.c.position)).where(reviews.c.case_id == case_id)
            )
            rows = review_rows([mark], case_id, keys, (start or 0) + 1)
            insert_rows(conn, "reviews", rows)
            before: snapshot.Snapshot = {}
            after = snapshot.capture(conn, "reviews", _mark_rows(conn, case_id, mark))
        else:
            before = snapshot.capture(conn, "reviews", present)
            after = {}
            conn.execute(reviews.delete().where(reviews.c.id.in_(present)))
        verb = "tick" if reviewed else "untick"
        change_record.record(conn, case_id, store.who, f"{verb} {mark}", before, after)
    return True


def set_teaching(store: Store, case_id: int, teaching: dict[str, Any] | None) -> None:
    """Replace the case's teaching notes (None or an empty dict removes them)."""
    try:
        notes = d.Teaching.model_validate(teaching or {})
    except ValidationError as exc:
        raise InvalidDocument(problems_from(exc, teaching, ("teaching",))) from None
    tbl = table("teaching")
    with store.writing() as conn:
        old = list(conn.scalars(select(tbl.c.id).where(tbl.c.case_id == case_id)))
        before = snapshot.capture(conn, "teaching", old)
        conn.execute(tbl.delete().where(tbl.c.case_id == case_id))
        insert_rows(conn, "teaching", teaching_rows(notes, case_id))
        new = list(conn.scalars(select(tbl.c.id).where(tbl.c.case_id == case_id)))
        after = snapshot.capture(conn, "teaching", new)
        change_record.record(conn, case_id, store.who, "edit teaching notes", before, after)
