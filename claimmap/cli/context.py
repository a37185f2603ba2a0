"""What every command shares: the database it was pointed at, opened on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads only when a command needs it
    from claimmap.model.document import Judgement
    from claimmap.scoring.matrix import Matrix
    from claimmap.store.case_reader import CaseReader
    from claimmap.store.case_reading import CaseReading
    from claimmap.store.case_store import Store
    from claimmap.store.sqlite_editor import SqliteEditor


@dataclass
class Env:
    db: str | None
    who: str | None
    debug: bool
    _store: Store | None = field(default=None, repr=False)
    _reader: CaseReader | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            from claimmap.store.case_store import Store

            self._store = Store.open(self.db, self.who, create=_creating())
            if self._store.backup_made is not None:
                click.echo(
                    f"upgraded the database; the old one is kept at {self._store.backup_made}",
                    err=True,
                )
        return self._store

    def reader(self) -> CaseReading:
        """What a command that only reads cases reads through: a bare sqlite3 connection
        when the database is an up-to-date SQLite file (store/case_reader.py), else the
        store."""
        if self._store is None and self._reader is None:
            from claimmap.store.case_reader import CaseReader

            self._reader = CaseReader.open(self.db)
        return self._reader or self.store()

    def editor(self, *, new: bool = False) -> Store | SqliteEditor:
        """What `rate`, `add`, `set` (of an item), `remove`, `undo`, `redo`, `history` and
        `import` go through: on an up-to-date SQLite file, the same edits without loading
        SQLAlchemy (store/sqlite_editor.py), else the store. With `new`, a SQLite file that
        does not exist yet is made without SQLAlchemy too (sqlite_schema.create_file)."""
        from claimmap.store.sqlite_editor import SqliteEditor

        if self._store is None and self._reader is None:
            self._reader = SqliteEditor.open_as(self.db, self.who, create=new)
        if isinstance(self._reader, SqliteEditor):
            return self._reader
        return self.store()

    def matrix(self, case_or_file: str) -> Matrix:
        """The scoring matrix of a file (any importable format) or of a stored case."""
        return self.scored(case_or_file)[0]

    def scored(self, case_or_file: str) -> tuple[Matrix, Judgement | None]:
        """The scoring matrix and the written judgement of a file or of a stored case."""
        from claimmap.formats import registry

        path = Path(case_or_file)
        if path.is_file() and registry.import_format_for(path.name).matches(path.name):
            from claimmap.formats.casefile_matrix import matrix_from_document

            doc = registry.read_path(case_or_file)
            return matrix_from_document(doc), doc.judgement
        reader = self.reader()
        case_id = reader.case_id(case_or_file)
        return reader.matrix(case_id), reader.judgement(case_id)

    def database_name(self) -> str | None:
        """The database in use, as a user would name it (no password)."""
        opened = self._store or self._reader
        return opened.database_shown() if opened is not None else self.db

    def close(self) -> None:
        for opened in (self._store, self._reader):
            if opened is not None:
                opened.close()


def _creating() -> bool:
    """Whether the running command makes a database on purpose (sqlite_target names them)."""
    from claimmap.store.sqlite_target import CREATING_COMMANDS

    ctx = click.get_current_context(silent=True)
    return ctx is None or ctx.parent is None or ctx.info_name in CREATING_COMMANDS


pass_env = click.make_pass_decorator(Env)
