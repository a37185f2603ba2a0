"""Row snapshots: the before and after of every change, so any edit can be undone and redone.

A snapshot maps table name → {row id → row}. Capturing a row for deletion also captures every
row that would cascade with it, found from the foreign keys (table_facts.py), so undoing a
deleted hypothesis brings back its ratings too. Restoring a snapshot deletes rows the target
lacks and upserts the rest under their original ids, parents before children.

Hand SQL (driver_sql) on the tables as table_facts.py describes them, so that undo and redo
run through SQLAlchemy or a bare sqlite3 connection alike.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from claimmap.store.change_record import Snapshot
from claimmap.store.driver_sql import (
    dialect,
    execute,
    execute_many,
    fetch_all,
    insert_sql,
    slots,
    update_sql,
)
from claimmap.store.errors import StoreError
from claimmap.store.table_facts import BOOLEANS, COLUMNS, FOREIGN_KEYS, ORDER

if TYPE_CHECKING:
    from sqlalchemy import Table

    from claimmap.store.driver_sql import AnyConnection

_CHUNK = 500


def inserted_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None, "insert returned no primary key"
    return int(key[0])


def table(name: str) -> Table:
    """The SQLAlchemy table, for the store's Core statements."""
    from claimmap.store.tables import metadata

    return metadata.tables[name]


def _cascading_children(name: str) -> list[tuple[str, str]]:
    """(child table, foreign-key column) pairs whose rows go when a row of `name` goes."""
    return [
        (child, column)
        for (child, column), (parent, ondelete) in FOREIGN_KEYS.items()
        if parent == name and ondelete.upper() == "CASCADE"
    ]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _rows_where(
    conn: AnyConnection, name: str, column: str, ids: list[int]
) -> list[dict[str, Any]]:
    """The rows whose `column` is one of `ids`, as dicts of every column (booleans as bool,
    as SQLAlchemy gives them, so that snapshots compare alike however they were taken)."""
    columns = COLUMNS[name]
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        sql = f"SELECT {', '.join(columns)} FROM {name} WHERE {column} IN ({slots(chunk)})"
        for values in fetch_all(conn, sql, tuple(chunk)):
            rows.append(_booleans_typed(name, dict(zip(columns, values, strict=True))))
    return rows


def capture(
    conn: AnyConnection,
    name: str,
    ids: Iterable[int],
    *,
    cascade: bool = False,
) -> Snapshot:
    """Rows `ids` of table `name` (and, with cascade, everything that would go with them)."""
    snap: Snapshot = {}
    pending: list[tuple[str, list[int]]] = [(name, list(ids))]
    while pending:
        tbl_name, wanted = pending.pop()
        bucket = snap.setdefault(tbl_name, {})
        fresh = [i for i in wanted if i not in bucket]
        if not fresh:
            continue
        for row in _rows_where(conn, tbl_name, "id", fresh):
            bucket[row["id"]] = row
        if cascade:
            for child, column in _cascading_children(tbl_name):
                child_ids = [r["id"] for r in _rows_where(conn, child, column, fresh)]
                if child_ids:
                    pending.append((child, child_ids))
    return {k: v for k, v in snap.items() if v}


# SQLite's JSON functions are built in from 3.38 on (older builds may lack them).
_SQLITE_JSON = sqlite3.sqlite_version_info >= (3, 38)


def capture_case_json(conn: AnyConnection, case_id: int) -> str:
    """Every row of one case as snapshot JSON, encoded straight from the cursor's tuples: the
    bulk path for imports and deletions, where a dict per row would cost seconds and
    gigabytes on a million-cell case. SQLite encodes the ratings' rows itself (integers and
    text only, so its JSON reads back as the same values): a million rows as Python tuples
    took four seconds to fetch and encode, SQLite's own JSON one."""
    parts: list[str] = []
    for name in ORDER:
        columns = list(COLUMNS[name])
        key = "id" if name == "cases" else "case_id"
        if key not in columns:
            continue
        listed = ", ".join(columns)
        rows: str | None
        if name == "ratings" and dialect(conn) == "sqlite" and _SQLITE_JSON:
            sql = f"SELECT json_group_array(json_array({listed})) FROM ratings WHERE case_id = ?"
            (rows,) = fetch_all(conn, sql, (case_id,))[0]
            rows = None if rows == "[]" else rows
        else:
            found = fetch_all(conn, f"SELECT {listed} FROM {name} WHERE {key} = ?", (case_id,))
            rows = json.dumps(found, ensure_ascii=False, separators=(",", ":")) if found else None
        if rows is not None:
            head = json.dumps(name) + ':{"columns":' + json.dumps(columns)
            parts.append(f'{head},"rows":{rows}}}')
    return "{" + ",".join(parts) + "}"


def clear_case(conn: AnyConnection, case_id: int) -> None:
    """Delete every row of a case but the case row itself, children first."""
    for name in reversed(ORDER):
        if "case_id" in COLUMNS[name]:
            execute(conn, f"DELETE FROM {name} WHERE case_id = ?", (case_id,))


def restore(conn: AnyConnection, present: Snapshot, target: Snapshot) -> None:
    """Make the rows named in either snapshot look as they do in `target`. A row the same in
    both (captured along with an edited item, not changed by the edit) is left as it is now:
    rewriting it would only undo whatever a colleague has done to it since."""
    for name in reversed(ORDER):
        gone = set(present.get(name, {})) - set(target.get(name, {}))
        for chunk in _chunks(sorted(gone)):
            sql = f"DELETE FROM {name} WHERE id IN ({slots(chunk)})"
            _all_changed(name, execute(conn, sql, tuple(chunk)), len(chunk))
    for name in ORDER:
        same = present.get(name, {})
        rows = {i: row for i, row in target.get(name, {}).items() if same.get(i) != row}
        if not rows:
            continue
        existing: set[int] = set()
        for chunk in _chunks(sorted(rows)):
            sql = f"SELECT id FROM {name} WHERE id IN ({slots(chunk)})"
            existing.update(int(i) for (i,) in fetch_all(conn, sql, tuple(chunk)))
        rows = {i: _booleans_typed(name, _checked(name, row)) for i, row in rows.items()}
        for row_id in sorted(existing):
            row = rows[row_id]
            columns = [c for c in row if c != "id"]
            done = execute(conn, update_sql(name, columns), (*(row[c] for c in columns), row_id))
            _all_changed(name, done, 1)
        missing = [rows[i] for i in sorted(set(rows) - existing)]
        if missing:  # every row of a table holds all its columns
            columns = list(missing[0])
            rows_in = [tuple(row[c] for c in columns) for row in missing]
            execute_many(conn, insert_sql(name, columns), rows_in)


def _checked(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """A logged row names only the table's own columns: its names go into SQL text."""
    if not row.keys() <= set(COLUMNS[name]) or "id" not in row:
        raise StoreError(
            f"the change log holds a {name} row with columns claimmap does not know; "
            "nothing was changed (run `claimmap db check`)"
        )
    return row


def _booleans_typed(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row with its boolean columns as bool. SQLite's cursor gives 0 or 1 (so does a
    snapshot taken by capture_case_json, or one copied to a server by `db copy`), which
    PostgreSQL refuses and which would never compare equal to a logged `true`."""
    flags = BOOLEANS.get(name, ())
    if not flags:
        return row
    return {k: bool(v) if k in flags and v is not None else v for k, v in row.items()}


def _all_changed(name: str, changed: int, wanted: int) -> None:
    """Ratings are the rows a server may hide from a writer (row-level security on
    PostgreSQL makes another analyst's ratings invisible to UPDATE and DELETE rather than
    refusing them): a restore that cannot reach them all must fail, not half-happen. (Other
    tables may lose rows to cascades within the restore, so only ratings are counted.)"""
    if name == "ratings" and changed != wanted:
        raise StoreError(
            "these ratings belong to another analyst; only they or a lead can change them"
        )


def from_json(text: str) -> Snapshot:
    return from_blocks(json.loads(text))


def from_blocks(blocks: dict[str, Any]) -> Snapshot:
    """A snapshot from its decoded JSON: table name -> {"columns": [...], "rows": [[...]]}."""
    snap: Snapshot = {}
    for name, block in blocks.items():
        columns = block["columns"]
        at = columns.index("id")
        snap[name] = {row[at]: dict(zip(columns, row, strict=True)) for row in block["rows"]}
    return snap
