"""Files an output option (`-o`) must never name: the database in use and its journals."""

from __future__ import annotations

from pathlib import Path

from claimmap.cli.context import Env


def database_files(env: Env) -> list[Path]:
    """The SQLite database this command uses and its -wal, -shm and -journal files; none for
    a server database. Found from the URL alone, so nothing is opened or created to ask."""
    from claimmap.store import sqlite_target
    from claimmap.store.errors import StoreError
    from claimmap.store.location import resolve_url

    try:
        resolved = resolve_url(env.db, create=False)
    except (ValueError, OSError, StoreError):
        return []
    plain = resolved.removeprefix("sqlite:///")
    if plain != resolved and "?" not in plain:  # a file's path: no need to load SQLAlchemy
        return sqlite_target.files_of(Path(plain))
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return sqlite_target.database_files(make_url(resolved))
    except ArgumentError:
        return []
