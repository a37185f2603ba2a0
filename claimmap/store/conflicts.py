"""Undo and redo never overwrite a colleague's later work.

Each analyst undoes their own edits (see changelog.py), but the rows an edit touched may have
been changed since by someone else: undoing then would silently throw their work away. So
before replaying an entry, the rows it changed (a row captured with an edited item but the
same before and after is not rewritten by the replay, see snapshot.restore) are compared with
the state the entry left them in; when they differ, or when the replay would delete a row that a colleague's later,
still present row hangs from (a rating on a hypothesis being un-added), the replay is refused
in words that name the colleague. The comparison runs only when someone else logged a change
in the case since, so an analyst working alone pays nothing for it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from claimmap.store import snapshot
from claimmap.store.change_record import Snapshot, local_minute
from claimmap.store.driver_sql import fetch_all
from claimmap.store.errors import UndoConflict
from claimmap.store.table_facts import FOREIGN_KEYS

if TYPE_CHECKING:
    from claimmap.store.changelog import Entry
    from claimmap.store.driver_sql import AnyConnection

# Every logged edit stamps the case row's updated_at, so it differs after any later change and
# says nothing about whether the edit's own rows were touched.
_IGNORED = {"cases": {"updated_at"}}

Row = tuple[str, int]


def refuse_if_changed(
    conn: AnyConnection, entry: Entry, who: str, expected: Snapshot, target: Snapshot, undo: bool
) -> None:
    """Raise UndoConflict when replaying `entry` (rows now as `expected`, to become `target`)
    would overwrite or orphan work logged by someone other than `who` since."""
    if entry.case_id is None:
        return
    later = _later_by_others(conn, entry, who)
    if not later:
        return
    rows = _differing(expected, target)  # restore leaves the other rows alone
    deleted = _rows(expected) - _rows(target)
    changed = not _unchanged(conn, expected, rows)
    if not changed and not deleted:
        return  # the rows are as the entry left them, and nothing of theirs can hang off them
    culprit = None
    for other in later:  # newest first: name the last one to touch the rows
        theirs = _snapshots_of(conn, other)
        touched = set().union(*(_rows(s) for s in theirs))
        hanging = _present(conn, _hanging_from(theirs, deleted))
        if hanging or (changed and touched & rows):
            culprit = other
            break
    if culprit is None and not changed:
        return
    verb = "undo" if undo else "redo"
    if culprit is None:
        by = "someone changed it since, outside claimmap's change log"
    else:
        by = f"{culprit[1]} changed it since at {local_minute(culprit[2])}"
    raise UndoConflict(f"cannot {verb} {_described(entry.action)}: {by}; nothing was changed")


def _described(action: str) -> str:
    """'rate E3 × H1: N → C' → 'your rating E3 × H1'; anything else by its log action."""
    if action.startswith("rate "):
        return "your rating " + action.removeprefix("rate ").split(":")[0]
    return f"your edit “{action}”"


def _later_by_others(conn: AnyConnection, entry: Entry, who: str) -> list[tuple[int, str, str]]:
    """(id, who, at) of the entries logged in the entry's case after it by anyone else."""
    query = (
        "SELECT id, who, at FROM changes WHERE case_id = ? AND id > ? AND who != ? ORDER BY id DESC"
    )
    rows = fetch_all(conn, query, (entry.case_id, entry.id, who))
    return [(int(i), str(w), str(a)) for i, w, a in rows]


def _snapshots_of(conn: AnyConnection, other: tuple[int, str, str]) -> list[Snapshot]:
    """The before and after of an entry; an undo or redo entry has none of its own, so those
    of the entry it replayed."""
    query = 'SELECT "before", "after", ref_id FROM changes WHERE id = ?'
    ((before, after, ref_id),) = fetch_all(conn, query, (other[0],))
    if ref_id is not None:
        ((before, after, _),) = fetch_all(conn, query, (ref_id,))
    return [snapshot.from_json(text) for text in (before, after) if text]


def _rows(snap: Snapshot) -> set[Row]:
    return {(name, row_id) for name, rows in snap.items() for row_id in rows}


def _differing(one: Snapshot, other: Snapshot) -> set[Row]:
    """The rows the entry changed: those not the same in both snapshots."""
    return {
        (name, row_id)
        for name, row_id in _rows(one) | _rows(other)
        if one.get(name, {}).get(row_id) != other.get(name, {}).get(row_id)
    }


def _normal(name: str, row: dict[str, Any] | None) -> Any:
    """A row as JSON would give it back, without the columns that say nothing."""
    if row is None:
        return None
    kept = {k: v for k, v in row.items() if k not in _IGNORED.get(name, set())}
    return json.loads(json.dumps(kept, default=str))


def _current(conn: AnyConnection, rows: set[Row]) -> dict[Row, dict[str, Any]]:
    found: dict[Row, dict[str, Any]] = {}
    by_table: dict[str, list[int]] = {}
    for name, row_id in rows:
        by_table.setdefault(name, []).append(row_id)
    for name, ids in by_table.items():
        for row in snapshot.capture(conn, name, ids).get(name, {}).values():
            found[(name, row["id"])] = row
    return found


def _unchanged(conn: AnyConnection, expected: Snapshot, rows: set[Row]) -> bool:
    """Whether every row is as `expected` has it (present with those values, or absent)."""
    now = _current(conn, rows)
    return all(
        _normal(name, now.get((name, row_id))) == _normal(name, expected.get(name, {}).get(row_id))
        for name, row_id in rows
    )


def _hanging_from(snaps: list[Snapshot], deleted: set[Row]) -> set[Row]:
    """Rows in `snaps` whose foreign keys point at a row in `deleted`."""
    if not deleted:
        return set()
    found: set[Row] = set()
    for snap in snaps:
        for name, rows in snap.items():
            keys = [(c, parent) for (t, c), (parent, _) in FOREIGN_KEYS.items() if t == name]
            for column, parent in keys:
                for row_id, row in rows.items():
                    if (parent, row.get(column)) in deleted:
                        found.add((name, row_id))
    return found


def _present(conn: AnyConnection, rows: set[Row]) -> bool:
    return bool(rows) and bool(_current(conn, rows))
