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

from sqlalchemy import Connection, select

from claimmap.store import conflicts, snapshot
from claimmap.store.change_record import announce, now
from claimmap.store.snapshot import table


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
    conn: Connection, case_id: int | None, who: str, state: str, newest: bool
) -> Entry | None:
    changes = table("changes")
    query = select(changes).where(
        changes.c.op == "edit", changes.c.state == state, changes.c.who == who
    )
    if case_id is not None:
        query = query.where(changes.c.case_id == case_id)
    query = query.order_by(changes.c.id.desc() if newest else changes.c.id.asc()).limit(1)
    row = conn.execute(query).first()
    if row is None:
        return None
    return Entry(row.id, row.case_id, row.at, row.who, row.action, row.op, row.state)


def _replay(conn: Connection, entry: Entry, who: str, undo: bool) -> None:
    changes = table("changes")
    before_json, after_json = conn.execute(
        select(changes.c.before, changes.c.after).where(changes.c.id == entry.id)
    ).one()
    before, after = snapshot.from_json(before_json), snapshot.from_json(after_json)
    present, target = (after, before) if undo else (before, after)
    conflicts.refuse_if_changed(conn, entry, who, present, target, undo)
    snapshot.restore(conn, present, target)
    conn.execute(
        changes.update().where(changes.c.id == entry.id).values(state="undone" if undo else "done")
    )
    replayed = snapshot.inserted_id(
        conn.execute(
            changes.insert().values(
                case_id=entry.case_id,
                at=now(),
                who=who,
                action=f"{'undo' if undo else 'redo'}: {entry.action}",
                op="undo" if undo else "redo",
                state="done",
                ref_id=entry.id,
            )
        )
    )
    # watchers hear of an undo at once, as of any edit (not only at their safety-net poll)
    announce(conn, entry.case_id, replayed)


def undo(conn: Connection, case_id: int | None, who: str) -> Entry | None:
    """Reverse `who`'s newest undoable edit (of one case, or of any); None when there is
    none."""
    entry = _pick(conn, case_id, who, "done", newest=True)
    if entry is not None:
        _replay(conn, entry, who, undo=True)
    return entry


def redo(conn: Connection, case_id: int | None, who: str) -> Entry | None:
    """Replay the edit `who` undid most recently; None when there is nothing to redo."""
    entry = _pick(conn, case_id, who, "undone", newest=False)
    if entry is not None:
        _replay(conn, entry, who, undo=False)
    return entry


def history(
    conn: Connection, case_id: int | None, limit: int = 50, who: str | None = None
) -> list[Entry]:
    """The newest `limit` entries (of one case, or of all; of one analyst, or of everyone)."""
    changes = table("changes")
    cols = [changes.c[n] for n in ("id", "case_id", "at", "who", "action", "op", "state")]
    query = select(*cols).order_by(changes.c.id.desc()).limit(limit)
    if case_id is not None:
        query = query.where(changes.c.case_id == case_id)
    if who is not None:
        query = query.where(changes.c.who == who)
    return [Entry(*row) for row in conn.execute(query)]
