"""Reading a SQLite file without SQLAlchemy, for the commands that only read one case
(`show`, `score`, `export`): importing SQLAlchemy takes a third of a second or more, longer
than such a command spends reading a small case.

Only a file that is plainly fine is read so: it exists, this process may write it and its
folder (as the Store would open it), it is already in WAL mode, and its schema is the
newest. Anything else (PostgreSQL, a missing, read-only, older, newer or damaged file) goes
to the Store, which creates, upgrades, backs up, or explains, as it always has.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from claimmap.store.case_reading import CaseReading
from claimmap.store.location import database_file
from claimmap.store.revision import HEAD_REVISION

BUSY_TIMEOUT_S = 30  # as the Store waits (engine.BUSY_TIMEOUT_MS)


class CaseReader(CaseReading):
    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, db: str | None) -> Self | None:
        """A reader of the database `db` names (as `--db` does), or None when the Store must
        open it."""
        path = database_file(db)
        if path is None or not (
            os.access(path, os.W_OK) and os.access(os.path.dirname(path), os.W_OK)
        ):
            return None
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error:
            return None
        try:
            (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.Error:  # not a claimmap database, or not one at all
            revision, mode = [], None
        if mode != "wal" or revision != [(HEAD_REVISION,)]:
            conn.close()
            return None
        return cls(conn, path)

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query in it sees the same committed state."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("ROLLBACK")  # it only read

    def database_shown(self) -> str:
        return self.path

    def close(self) -> None:
        self.conn.close()
