"""The optimistic check behind every form: refuse to save over a newer version.

A form remembers the change-log id its case was read at. Saving passes it as `expected`; in the
same transaction as the save, the log entries after it (other than the saver's own) are looked
through for one whose row snapshots hold the thing being saved. If someone else changed or
deleted it meanwhile, the save is refused with who did it and when, and nothing is written.
Undo and redo entries carry no snapshot of their own: the entry they replayed is read instead.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from claimmap.store.change_record import local_minute
from claimmap.store.driver_sql import fetch_all, records
from claimmap.store.errors import StoreError
from claimmap.store.snapshot import from_json

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

Row = dict[str, Any]
Match = Callable[[str, Row], bool]  # (table name, row) -> is it the thing being saved?


class ChangedUnderneath(StoreError):
    """Someone else changed it after the form was opened; nothing was saved. `change_id`:
    their entry, so a save that means to overwrite it can say so (expected=change_id)."""

    def __init__(self, message: str, change_id: int) -> None:
        super().__init__(message)
        self.change_id = change_id


class DeletedUnderneath(ChangedUnderneath):
    """Someone else deleted it after the form was opened; nothing was saved."""


def newer(
    conn: AnyConnection, case_id: int, since: int, mine: Collection[int], match: Match
) -> tuple[Any, bool] | None:
    """The newest entry after `since` (not one of `mine`) touching a matching row, and whether
    it left the row deleted; None when nobody else touched it."""
    query = (
        'SELECT id, who, at, action, ref_id, op, "before", "after" FROM changes'
        " WHERE case_id = ? AND id > ? ORDER BY id DESC"
    )
    for entry in records(conn, query, (case_id, since)):
        if entry.id in mine:
            continue
        before, after = entry.before, entry.after
        if entry.op != "edit" and entry.ref_id is not None:  # undo or redo: read the original
            sql = 'SELECT "before", "after" FROM changes WHERE id = ?'
            originals = fetch_all(conn, sql, (entry.ref_id,))
            if not originals:
                continue
            before, after = originals[0]
            if entry.op == "undo":
                before, after = after, before
        had, has = _matching(before, match), _matching(after, match)
        if had or has:
            return entry, had and not has
    return None


def _matching(snapshot_json: str | None, match: Match) -> bool:
    snap = from_json(snapshot_json or "{}")
    return any(match(name, row) for name, rows in snap.items() for row in rows.values())


def check(
    conn: AnyConnection,
    case_id: int,
    since: int | None,
    mine: Collection[int],
    what: str,
    match: Match,
) -> None:
    """Raise ChangedUnderneath or DeletedUnderneath when someone else changed `what` (described for the message)
    after change `since`; `since` None skips the check."""
    if since is None:
        return
    found = newer(conn, case_id, since, mine, match)
    if found is None:
        return
    entry, deleted = found
    by = f"by {entry.who} at {local_minute(entry.at)}"
    if deleted:
        raise DeletedUnderneath(
            f"{what} was deleted {by} while you were editing it; nothing was saved. "
            "What you typed is kept: save it as a new item, or press Esc to drop it",
            entry.id,
        )
    raise ChangedUnderneath(
        f"{what} was changed {by} while you were editing it ({entry.action}); nothing was "
        "saved, so their version stands. What you typed is kept: save again to overwrite "
        "theirs, or press Esc to keep theirs",
        entry.id,
    )


def item_key(key: str) -> Match:
    return lambda name, row: name != "ratings" and row.get("key") == key


def case_row(case_id: int, tables: Collection[str]) -> Match:
    """The case's own row (`cases`) and/or its judgement (`judgements`)."""

    def match(name: str, row: Row) -> bool:
        if name not in tables:
            return False
        return row.get("id" if name == "cases" else "case_id") == case_id

    return match
