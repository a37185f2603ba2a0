"""Writing a change-log entry, in hand SQL that runs through SQLAlchemy or a bare sqlite3
connection alike: a command-line `rate` on a SQLite file writes its entry without loading
SQLAlchemy (store/sqlite_editor.py). Undo and redo, which read entries back, are in
changelog.py."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import sqlite3
from typing import TYPE_CHECKING, Any

from claimmap.store.driver_sql import execute, fetch_all

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

Snapshot = dict[str, dict[int, dict[str, Any]]]

WRITTEN = "claimmap_written"  # conn.info key: the entries this transaction wrote


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def local_minute(stamp: str, form: str = "%H:%M") -> str:
    """A stored UTC time stamp as the local time to the minute ("10:41", or as `form` says);
    a stamp that does not parse is shown as stored."""
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime(form)


def current_user() -> str:
    try:
        return os.environ.get("CLAIMMAP_ANALYST") or getpass.getuser()
    except Exception:
        return "analyst"


def to_json(snap: Snapshot | str) -> str:
    """Column-wise JSON: a big import stores each column name once, not once per row. (Every
    row of a table holds all of its columns.)"""
    if isinstance(snap, str):
        return snap  # already encoded by capture_case_json
    data = {}
    for name, rows in snap.items():
        columns = list(next(iter(rows.values()), {}))
        data[name] = {
            "columns": columns,
            "rows": [[row[c] for c in columns] for row in rows.values()],
        }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def record(
    conn: AnyConnection,
    case_id: int | None,
    who: str,
    action: str,
    before: Snapshot | str,
    after: Snapshot | str,
) -> int:
    """Log one edit, made in this transaction, with the rows as they were and are."""
    if case_id is not None:
        execute(
            conn,
            "UPDATE changes SET state = 'dead' WHERE case_id = ? AND state = 'undone' AND who = ?",
            (case_id, who),
        )
        execute(conn, "UPDATE cases SET updated_at = ? WHERE id = ?", (now(), case_id))
    ((change_id,),) = fetch_all(
        conn,
        'INSERT INTO changes (case_id, at, who, action, op, "before", "after", state) '
        "VALUES (?, ?, ?, ?, 'edit', ?, ?, 'done') RETURNING id",
        (case_id, now(), who, action, to_json(before), to_json(after)),
    )
    announce(conn, case_id, int(change_id))
    return int(change_id)


def announce(conn: AnyConnection, case_id: int | None, change_id: int) -> None:
    """Let watchers know (see store/watch.py): the writer learns its own entry ids, so an open
    TUI never applies its own edit twice, and on PostgreSQL every listener is told when the
    transaction commits (a notice sent inside a transaction is delivered on commit). A bare
    sqlite3 connection is a command-line edit's: nothing in its process watches."""
    if isinstance(conn, sqlite3.Connection):
        return
    conn.info.setdefault(WRITTEN, []).append(change_id)
    if conn.dialect.name == "postgresql":
        payload = f"{case_id or 0}:{change_id}"
        execute(conn, "SELECT pg_notify('claimmap_changes', ?)", (payload,))
