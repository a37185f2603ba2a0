"""Noticing other people's commits: a cheap "has anything changed?" and the entries that did.

An open TUI asks `moved()` twice a second, so that question must cost next to nothing:

- SQLite: `PRAGMA data_version` on one long-lived connection of its own. The number changes
  only when *another* connection commits, and reading it touches no table.
- PostgreSQL: `LISTEN claimmap_changes` on a dedicated connection; `change_record.record` sends
  `pg_notify` inside the edit's transaction, so the notice arrives when it commits. Checking for
  a notice reads the socket without a round trip. Entries that send no notice (undo and redo
  replays) and servers where LISTEN is refused are caught by polling `max(changes.id)` now and
  then instead.

Only when something moved does the caller fetch the new change-log entries of its case
(`since`), with the rating rows' keys resolved so they can be applied without a reload.
"""

from __future__ import annotations

import select
import time
from dataclasses import replace
from typing import Any

from sqlalchemy import select as query_of

from claimmap.store.case_store import Store
from claimmap.store.changes import Change, RatingChange
from claimmap.store.snapshot import Snapshot, from_json, table

CHANNEL = "claimmap_changes"
POLL_EVERY = 2.0  # seconds between max(changes.id) checks when notices may be missed


def _snapshot(text: str | None) -> Snapshot:
    return from_json(text) if text else {}


class Watcher:
    """One per open screen; `close()` it when the screen goes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._raw: Any = None
        self._listening = False
        self._version: int | None = None
        self._last_poll = 0.0
        self._last_max: int | None = None
        if store.on_postgres:
            self._listen()
            self._last_max = store.newest_change(None)  # what the safety net compares with
            self._last_poll = time.monotonic()
        else:
            self._raw = self._own_connection()
            self._version = self._data_version()

    def _own_connection(self) -> Any:
        """A connection outside the pool: it is changed here (autocommit, LISTEN) and held for
        as long as the screen is open, so it must never be handed to a store transaction."""
        raw = self.store.engine.raw_connection()
        driver = raw.driver_connection  # the driver's own connection (gone from raw once detached)
        raw.detach()
        return driver

    # -- is there anything new? ---------------------------------------------------------

    def moved(self) -> bool:
        """Whether anything may have been committed since the last call (cheap)."""
        if self.store.on_postgres:
            noticed = self._notices() if self._listening else False
            return self._poll_max() or noticed
        version = self._data_version()
        moved = version != self._version
        self._version = version
        return moved

    def fileno(self) -> int | None:
        """The listening socket on PostgreSQL (readable when a notice arrives), so an event
        loop can wake on it instead of polling; None on SQLite or without LISTEN."""
        return int(self._raw.fileno()) if self._listening else None

    def wait(self, timeout: float) -> bool:
        """Block until something moved or `timeout` seconds passed (for scripts and tests; the
        TUI asks `moved()` from a timer instead). A notice crosses the network on its own
        time, so on PostgreSQL this sleeps on the listening socket."""
        deadline = time.monotonic() + timeout
        while True:
            if self.moved():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if self._listening:
                select.select([self._raw.fileno()], [], [], min(left, 0.5))
            else:
                time.sleep(min(left, 0.05))

    def _data_version(self) -> int:
        cursor = self._raw.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()

    def _listen(self) -> None:
        try:
            self._raw = self._own_connection()
            self._raw.autocommit = True
            self._raw.execute(f"LISTEN {CHANNEL}")
            self._listening = True
        except Exception:  # a pooler or a locked-down server: poll instead
            self._listening = False

    def _notices(self) -> bool:
        """Drain the notices that have arrived, without waiting for any."""
        pgconn = self._raw.pgconn
        try:
            pgconn.consume_input()
        except Exception:  # the connection dropped: fall back to polling
            self._listening = False
            return True
        got = False
        while pgconn.notifies() is not None:
            got = True
        return got

    def _poll_max(self) -> bool:
        """The safety net on PostgreSQL: has the log's newest id changed? (every POLL_EVERY s,
        or every call when LISTEN is not available)."""
        now = time.monotonic()
        if self._listening and now - self._last_poll < POLL_EVERY:
            return False
        self._last_poll = now
        newest = self.last_id(None)
        moved = newest != self._last_max
        self._last_max = newest
        return moved

    # -- what is new ----------------------------------------------------------------------

    def last_id(self, case_id: int | None) -> int:
        return self.store.newest_change(case_id)

    def since(self, case_id: int, after: int) -> list[Change]:
        """The case's entries with id > `after`, oldest first, rating rows resolved to keys."""
        return _entries(self.store, case_id, after)

    def deletion(self, case_id: int) -> Change | None:
        return deletion_of(self.store, case_id)

    def close(self) -> None:
        if self._raw is not None:
            try:
                if self._listening:
                    self._raw.execute(f"UNLISTEN {CHANNEL}")
                self._raw.close()
            except Exception:  # closing on the way out: nothing left to tell anyone
                pass
            self._raw = None


def deletion_of(store: Store, case_id: int) -> Change | None:
    """The entry that deleted the case, when it is gone (who and when, to say so)."""
    changes = table("changes")
    query = (
        query_of(changes.c.id)
        .where(changes.c.case_id == case_id, changes.c.action.like("delete case%"))
        .order_by(changes.c.id.desc())
        .limit(1)
    )
    with store.reading() as conn:
        found = conn.scalar(query)
    if found is None:
        return None
    return next((c for c in _entries(store, case_id, int(found) - 1) if c.id == found), None)


def _entries(store: Store, case_id: int, after: int) -> list[Change]:
    """The case's entries with id > `after`, oldest first, rating rows resolved to keys."""
    changes = table("changes")
    query = (
        query_of(changes)
        .where(changes.c.case_id == case_id, changes.c.id > after)
        .order_by(changes.c.id)
    )
    with store.reading() as conn:
        rows = list(conn.execute(query))
        found = [
            Change(
                r.id,
                r.case_id,
                r.at,
                r.who,
                r.action,
                r.op,
                _snapshot(r.before),
                _snapshot(r.after),
            )
            for r in rows
        ]
        return [_with_ratings(conn, c) if c.rating_only else c for c in found]


def _with_ratings(conn: Any, change: Change) -> Change:
    rows = {**change.before.get("ratings", {})}
    rows.update(change.after.get("ratings", {}))
    names: dict[str, dict[int, str]] = {}
    for name, column in (
        ("evidence", "evidence_id"),
        ("hypotheses", "hypothesis_id"),
        ("analysts", "analyst_id"),
    ):
        tbl = table(name)
        label = tbl.c.name if name == "analysts" else tbl.c.key
        ids = {row[column] for row in rows.values()}
        found = conn.execute(query_of(tbl.c.id, label).where(tbl.c.id.in_(ids)))
        names[column] = {int(i): str(k) for i, k in found}
    cells = []
    for row_id, row in rows.items():
        kept = change.after.get("ratings", {}).get(row_id)
        try:
            cells.append(
                RatingChange(
                    names["evidence_id"][row["evidence_id"]],
                    names["hypothesis_id"][row["hypothesis_id"]],
                    names["analyst_id"][row["analyst_id"]],
                    kept["value"] if kept else None,
                    kept.get("rationale") if kept else None,
                )
            )
        except KeyError:  # an item went since: no cells, so the screen reloads instead
            return change
    return replace(change, ratings=tuple(cells))
