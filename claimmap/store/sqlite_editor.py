"""A command-line `rate`, `add`, `set`, `remove`, `undo` or `redo` on a SQLite file, without
SQLAlchemy: importing it took most of the command's time, against a few milliseconds for the
edit itself.

The file is opened as the CaseReader opens it (only a plainly fine, up-to-date file; the
Store takes anything else) and with the settings the Store's engine gives every connection
(engine.py): foreign keys on, the same busy timeout, synchronous=NORMAL under WAL. The
edits are the Store's own code (edit_steps.py) in one BEGIN IMMEDIATE transaction each, with
their change-log entries, so `undo`, `history` and an open TUI see them as any other edit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from claimmap.store.case_reader import CaseReader
from claimmap.store.change_record import current_user
from claimmap.store.edit_steps import EditSteps


class SqliteEditor(CaseReader, EditSteps):
    who: str = ""
    on_postgres = False

    @classmethod
    def open_as(cls, db: str | None, who: str | None, *, create: bool = False) -> Self | None:
        """An editor of the file `db` names, logging edits as `who` (default: the user), or
        None when the Store must open it. With `create`, a file that does not exist yet is
        made first, without SQLAlchemy (sqlite_schema.create_file), where it can be."""
        if create:
            from claimmap.store.location import new_database_file
            from claimmap.store.sqlite_schema import create_file

            path = new_database_file(db)
            if path is not None:
                create_file(path)
        editor = cls.open(db)
        if editor is None:
            return None
        editor.who = who or current_user()
        editor.written = set()
        editor.conn.execute("PRAGMA foreign_keys = ON")
        editor.conn.execute("PRAGMA synchronous = NORMAL")
        return editor

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock at once (as the Store's do). The
        change-log entries it commits go into `written`, as the Store's do: holding the lock,
        every entry past the newest one at its start is this transaction's."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            (newest,) = conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()
            yield conn
            ours = [i for (i,) in conn.execute("SELECT id FROM changes WHERE id > ?", (newest,))]
            conn.execute("COMMIT")
        except BaseException:
            # SQLite may have rolled back by itself (a full disk): the error to show is its own
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.written.update(ours)
