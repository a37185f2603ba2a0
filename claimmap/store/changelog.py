"""The change log: one entry per mutation, and undo and redo built on it.

Undo restores an entry's `before` snapshot; redo restores its `after`. Each analyst (the
entry's `who`) has a stack of their own: undo takes back the caller's newest edit, never a
colleague's, and a new edit marks only the caller's undone entries of that case `dead`. Undo
and redo write log entries of their own, so the log is a full history, but those entries are
never themselves undone. When a colleague changed the same rows since, undo and redo refuse
(see conflicts.py) rather than overwrite their work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimmap.store import conflicts, snapshot
from claimmap.store.change_record import announce, now
from claimmap.store.driver_sql import execute, fetch_all

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

_ENTRY = "SELECT id, case_id, at, who, action, op, state FROM changes"


@dataclass(frozen=True)
class Entry:
    id: int
    case_id: int | None
    at: str
    who: str
    action: str
    op: str
    state: str


def _pick(
    conn: AnyConnection, case_id: int | None, who: str, state: str, newest: bool
) -> Entry | None:
    query = f"{_ENTRY} WHERE op = 'edit' AND state = ? AND who = ?"
    params: tuple[object, ...] = (state, who)
    if case_id is not None:
        query += " AND case_id = ?"
        params += (case_id,)
    query += f" ORDER BY id {'DESC' if newest else 'ASC'} LIMIT 1"
    found = fetch_all(conn, query, params)
    return Entry(*found[0]) if found else None


def _replay(conn: AnyConnection, entry: Entry, who: str, undo: bool) -> None:
    query = 'SELECT "before", "after" FROM changes WHERE id = ?'
    ((before_json, after_json),) = fetch_all(conn, query, (entry.id,))
    before, after = snapshot.from_json(before_json), snapshot.from_json(after_json)
    present, target = (after, before) if undo else (before, after)
    conflicts.refuse_if_changed(conn, entry, who, present, target, undo)
    snapshot.restore(conn, present, target)
    state = "undone" if undo else "done"
    execute(conn, "UPDATE changes SET state = ? WHERE id = ?", (state, entry.id))
    verb = "undo" if undo else "redo"
    ((replayed,),) = fetch_all(
        conn,
        'INSERT INTO changes (case_id, at, who, action, op, "before", "after", state, ref_id) '
        "VALUES (?, ?, ?, ?, ?, '{}', '{}', 'done', ?) RETURNING id",
        (entry.case_id, now(), who, f"{verb}: {entry.action}", verb, entry.id),
    )
    # watchers hear of an undo at once, as of any edit (not only at their safety-net poll)
    announce(conn, entry.case_id, int(replayed))


def undo(conn: AnyConnection, case_id: int | None, who: str) -> Entry | None:
    """Reverse `who`'s newest undoable edit (of one case, or of any); None when there is
    none."""
    entry = _pick(conn, case_id, who, "done", newest=True)
    if entry is not None:
        _replay(conn, entry, who, undo=True)
    return entry


def redo(conn: AnyConnection, case_id: int | None, who: str) -> Entry | None:
    """Replay the edit `who` undid most recently; None when there is nothing to redo."""
    entry = _pick(conn, case_id, who, "undone", newest=False)
    if entry is not None:
        _replay(conn, entry, who, undo=False)
    return entry


def history(
    conn: AnyConnection, case_id: int | None, limit: int = 50, who: str | None = None
) -> list[Entry]:
    """The newest `limit` entries (of one case, or of all; of one analyst, or of everyone)."""
    where: list[str] = []
    params: list[object] = []
    if case_id is not None:
        where.append("case_id = ?")
        params.append(case_id)
    if who is not None:
        where.append("who = ?")
        params.append(who)
    query = _ENTRY + (f" WHERE {' AND '.join(where)}" if where else "")
    rows = fetch_all(conn, f"{query} ORDER BY id DESC LIMIT ?", (*params, limit))
    return [Entry(*row) for row in rows]
