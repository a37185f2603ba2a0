"""Row snapshots: the before and after of every change, so any edit can be undone and redone.

A snapshot maps table name → {row id → row}. Capturing a row for deletion also captures every
row that would cascade with it, found from the foreign keys in the metadata, so undoing a
deleted hypothesis brings back its ratings too. Restoring a snapshot deletes rows the target
lacks and upserts the rest under their original ids, parents before children.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Boolean, Connection, Table, select

from claimmap.store.change_record import Snapshot
from claimmap.store.driver_sql import fetch_all
from claimmap.store.errors import StoreError
from claimmap.store.tables import metadata

_CHUNK = 500
_LOGGED = [t for t in metadata.sorted_tables if t.name != "changes"]
ORDER = [t.name for t in _LOGGED]  # parents before children


def inserted_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None, "insert returned no primary key"
    return int(key[0])


def table(name: str) -> Table:
    return metadata.tables[name]


def _cascading_children(name: str) -> list[tuple[Table, str]]:
    """(child table, foreign-key column) pairs whose rows go when a row of `name` goes."""
    found = []
    for child in _LOGGED:
        for fk in child.foreign_keys:
            if fk.column.table.name == name and (fk.ondelete or "").upper() == "CASCADE":
                found.append((child, fk.parent.name))
    return found


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _rows_where(conn: Connection, tbl: Table, column: str, ids: list[int]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        result = conn.execute(select(tbl).where(tbl.c[column].in_(chunk)))
        rows.extend(dict(row._mapping) for row in result)
    return rows


def capture(
    conn: Connection,
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
        for row in _rows_where(conn, table(tbl_name), "id", fresh):
            bucket[row["id"]] = row
        if cascade:
            for child, column in _cascading_children(tbl_name):
                child_ids = [r["id"] for r in _rows_where(conn, child, column, fresh)]
                if child_ids:
                    pending.append((child.name, child_ids))
    return {k: v for k, v in snap.items() if v}


# SQLite's JSON functions are built in from 3.38 on (older builds may lack them).
_SQLITE_JSON = sqlite3.sqlite_version_info >= (3, 38)


def capture_case_json(conn: Connection, case_id: int) -> str:
    """Every row of one case as snapshot JSON, encoded straight from the cursor's tuples: the
    bulk path for imports and deletions, where a dict per row would cost seconds and
    gigabytes on a million-cell case. SQLite encodes the ratings' rows itself (integers and
    text only, so its JSON reads back as the same values): a million rows as Python tuples
    took four seconds to fetch and encode, SQLite's own JSON one."""
    parts: list[str] = []
    for tbl in _LOGGED:
        key = "id" if tbl.name == "cases" else "case_id"
        if key not in tbl.c:
            continue
        columns = [c.name for c in tbl.columns]
        listed = ", ".join(columns)
        rows: str | None
        if tbl.name == "ratings" and conn.dialect.name == "sqlite" and _SQLITE_JSON:
            sql = f"SELECT json_group_array(json_array({listed})) FROM ratings WHERE case_id = ?"
            (rows,) = fetch_all(conn, sql, (case_id,))[0]
            rows = None if rows == "[]" else rows
        else:
            found = fetch_all(conn, f"SELECT {listed} FROM {tbl.name} WHERE {key} = ?", (case_id,))
            rows = json.dumps(found, ensure_ascii=False, separators=(",", ":")) if found else None
        if rows is not None:
            head = json.dumps(tbl.name) + ':{"columns":' + json.dumps(columns)
            parts.append(f'{head},"rows":{rows}}}')
    return "{" + ",".join(parts) + "}"


def clear_case(conn: Connection, case_id: int) -> None:
    """Delete every row of a case but the case row itself, children first."""
    for tbl in reversed(_LOGGED):
        if "case_id" in tbl.c:
            conn.execute(tbl.delete().where(tbl.c.case_id == case_id))


def restore(conn: Connection, present: Snapshot, target: Snapshot) -> None:
    """Make the rows named in either snapshot look as they do in `target`. A row the same in
    both (captured along with an edited item, not changed by the edit) is left as it is now:
    rewriting it would only undo whatever a colleague has done to it since."""
    for name in reversed(ORDER):
        gone = set(present.get(name, {})) - set(target.get(name, {}))
        tbl = table(name)
        for chunk in _chunks(sorted(gone)):
            done = conn.execute(tbl.delete().where(tbl.c.id.in_(chunk)))
            _all_changed(name, done.rowcount, len(chunk))
    for name in ORDER:
        same = present.get(name, {})
        rows = {i: row for i, row in target.get(name, {}).items() if same.get(i) != row}
        if not rows:
            continue
        tbl = table(name)
        existing: set[int] = set()
        for chunk in _chunks(sorted(rows)):
            existing.update(conn.scalars(select(tbl.c.id).where(tbl.c.id.in_(chunk))))
        rows = {i: _booleans_typed(tbl, row) for i, row in rows.items()}
        for row_id in sorted(existing):
            done = conn.execute(tbl.update().where(tbl.c.id == row_id).values(rows[row_id]))
            _all_changed(name, done.rowcount, 1)
        missing = [rows[i] for i in sorted(set(rows) - existing)]
        if missing:
            conn.execute(tbl.insert(), missing)


def _booleans_typed(tbl: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A snapshot taken on SQLite straight from the cursor (capture_case_json, or one copied
    to a server by `db copy`) holds a boolean as 0 or 1, which PostgreSQL refuses."""
    flags = [c.name for c in tbl.columns if isinstance(c.type, Boolean)]
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
    snap: Snapshot = {}
    for name, block in json.loads(text).items():
        columns = block["columns"]
        at = columns.index("id")
        snap[name] = {row[at]: dict(zip(columns, row, strict=True)) for row in block["rows"]}
    return snap
