"""`claimmap db copy`: every case, rating, analyst and change-log entry from one database to
another, either way between SQLite and PostgreSQL.

Rows keep their ids, because the change log's snapshots name rows by id: that is what lets
undo and redo work on the copy exactly as on the original. So the target must hold no cases
and no log yet, and its id counters are moved past the source's (past every id the source
ever handed out, including rows since deleted whose snapshots undo may bring back). The
source is read in one transaction and the target written in one: a failed copy leaves the
target as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Connection, Table, func, select

from claimmap.store.case_store import Store, bulk_work
from claimmap.store.driver_sql import insert_sql, run
from claimmap.store.errors import StoreError
from claimmap.store.tables import metadata

TABLES: list[Table] = list(metadata.sorted_tables)  # parents before children
_BATCH = 50_000


@dataclass(frozen=True)
class Copied:
    cases: int
    ratings: int
    changes: int


def _last_ids(conn: Connection) -> dict[str, int]:
    """The highest id each table has ever handed out (not just the highest still stored)."""
    if conn.dialect.name == "sqlite":
        return {name: int(seq) for name, seq in run(conn, "SELECT name, seq FROM sqlite_sequence")}
    found = {}
    for tbl in TABLES:
        seq = run(conn, "SELECT pg_get_serial_sequence(?, 'id')", (tbl.name,)).scalar()
        if seq:
            value = run(conn, f"SELECT last_value, is_called FROM {seq}").one()
            found[tbl.name] = int(value[0]) if value[1] else 0
    return found


def _move_counters(conn: Connection, last: dict[str, int]) -> None:
    for tbl in TABLES:
        top = max(last.get(tbl.name, 0), int(conn.scalar(select(func.max(tbl.c.id))) or 0))
        if top == 0:
            continue
        if conn.dialect.name == "sqlite":
            run(conn, "DELETE FROM sqlite_sequence WHERE name = ?", (tbl.name,))
            run(conn, "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (tbl.name, top))
        else:
            run(conn, "SELECT setval(pg_get_serial_sequence(?, 'id'), ?)", (tbl.name, top))


def booleans_typed(tbl: Table, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """SQLite's driver gives a boolean column as 0 or 1, which PostgreSQL refuses for a
    boolean; the row with those made True or False (the only boolean: cases.blind_until_rated)."""
    flags = [i for i, c in enumerate(tbl.columns) if isinstance(c.type, Boolean)]
    if not flags:
        return row
    return tuple(bool(v) if i in flags and v is not None else v for i, v in enumerate(row))


def _copy_table(source: Connection, target: Connection, tbl: Table) -> int:
    columns = [c.name for c in tbl.columns]
    names = ", ".join(columns)
    rows = run(source, f"SELECT {names} FROM {tbl.name} ORDER BY id")
    insert = insert_sql(tbl.name, columns)
    count = 0
    while batch := rows.fetchmany(_BATCH):
        run(target, insert, [booleans_typed(tbl, tuple(r)) for r in batch])
        count += len(batch)
    return count


def copy_database(source: Store, target: Store) -> Copied:
    if source.engine.url == target.engine.url:
        raise StoreError("FROM and TO are the same database")
    # One snapshot of the whole source, even while others write to it.
    snapshot = {"isolation_level": "REPEATABLE READ"} if source.on_postgres else {}
    with (
        bulk_work(),
        source.engine.connect().execution_options(**snapshot) as src,
        src.begin(),
        target.writing() as dst,
    ):
        cases, changes = (
            int(dst.scalar(select(func.count()).select_from(metadata.tables[n])) or 0)
            for n in ("cases", "changes")
        )
        if cases or changes:
            raise StoreError(
                f"the target already holds {cases} cases and {changes} log entries; copy into "
                "an empty database (rows keep their ids so that undo works on the copy)"
            )
        # the analysts' names a fresh database may already list (none, normally) go first
        run(dst, "DELETE FROM analysts")
        counts = {tbl.name: _copy_table(src, dst, tbl) for tbl in TABLES}
        _move_counters(dst, _last_ids(src))
    return Copied(counts["cases"], counts["ratings"], counts["changes"])
