"""Setting or clearing one rating, in hand SQL that runs through SQLAlchemy or a bare sqlite3
connection alike: the Store rates through it, and so does a command-line `rate` on a SQLite
file without loading SQLAlchemy (store/sqlite_editor.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimmap.model.enums import RatingValue
from claimmap.store import analysts
from claimmap.store.change_record import Snapshot, record
from claimmap.store.driver_sql import execute, fetch_all, records
from claimmap.store.errors import StoreError, UnknownAnalyst

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

_ITEMS = (
    "SELECT (SELECT id FROM evidence WHERE case_id = ? AND key = ?), "
    "(SELECT id FROM hypotheses WHERE case_id = ? AND key = ?), "
    "(SELECT analyst FROM cases WHERE id = ?)"
)


def check_rating(value: str | None, analyst: str | None, who: str, on_postgres: bool) -> None:
    """What a rating must be before any transaction starts."""
    if value is not None and value not in RatingValue.__members__:
        raise StoreError(f"{value!r} is not one of {', '.join(RatingValue.__members__)}")
    if analyst is not None:
        from claimmap.model.item_check import check_analyst

        check_analyst(analyst)
    if on_postgres and analyst not in (None, who):
        raise StoreError(
            f"on PostgreSQL you rate as your database login ({who}); "
            f"to rate as {analyst}, connect as {analyst}"
        )


def rate(
    conn: AnyConnection,
    case_id: int,
    who: str,
    on_postgres: bool,
    cell: tuple[str, str, str | None, str | None],
    analyst: str | None,
    new_analyst: bool,
) -> None:
    """In the caller's write transaction: set `cell` (evidence, hypothesis, value,
    rationale), or with value None clear it, as `analyst` (default: the case's own); log it
    as `who`. See Store.rate."""
    evidence, hypothesis, value, rationale = cell
    # One round trip for both items and the case's analyst: on a server each statement is a
    # trip, and a rating is the edit an analyst makes most.
    ((ev_id, hyp_id, case_analyst),) = fetch_all(
        conn, _ITEMS, (case_id, evidence, case_id, hypothesis, case_id)
    )
    for name, key, found in (("evidence", evidence, ev_id), ("hypotheses", hypothesis, hyp_id)):
        if found is None:
            raise StoreError(f"no {name} item {key!r} in this case")
    rater = who if on_postgres else analyst or str(case_analyst)
    unchecked = on_postgres or new_analyst or rater == case_analyst
    if not unchecked and not analysts.knows(conn, case_id, rater):
        raise UnknownAnalyst(rater, analysts.case_analysts(conn, case_id))
    analyst_id = analysts.analyst_ids(conn, {rater})[rater]
    where = "evidence_id = ? AND hypothesis_id = ? AND analyst_id = ?"
    keys = (ev_id, hyp_id, analyst_id)
    present = records(conn, f"SELECT * FROM ratings WHERE {where}", keys)
    row: dict[str, Any] | None = present[0]._asdict() if present else None
    before: Snapshot = {"ratings": {row["id"]: row}} if row else {}
    old = row["value"] if row else "unrated"
    after: Snapshot = {}
    if value is None:
        if row:
            execute(conn, "DELETE FROM ratings WHERE id = ?", (row["id"],))
    elif row:
        execute(
            conn,
            "UPDATE ratings SET value = ?, rationale = ? WHERE id = ?",
            (value, rationale, row["id"]),
        )
        after = {"ratings": {row["id"]: {**row, "value": value, "rationale": rationale}}}
    else:
        (made,) = records(
            conn,
            "INSERT INTO ratings (case_id, evidence_id, hypothesis_id, analyst_id, value, "
            "rationale) VALUES (?, ?, ?, ?, ?, ?) RETURNING *",
            (case_id, *keys, value, rationale),
        )
        after = {"ratings": {made.id: made._asdict()}}
    action = f"rate {evidence} × {hypothesis}: {old} → {value or 'unrated'}"
    record(conn, case_id, who, action, before, after)
