"""Files an output option (`-o`) must never name: the database in use and its journals."""

from __future__ import annotations

from pathlib import Path

from claimmap.cli.context import Env


def database_files(env: Env) -> list[Path]:
    """The SQLite database this command uses and its -wal, -shm and -journal files; none for
    a server database. Found from the URL alone, so nothing is opened or created to ask."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from claimmap.store.errors import StoreError
    from claimmap.store.location import resolve_url

    try:
        url = make_url(resolve_url(env.db, create=False))
    except (ArgumentError, ValueError, OSError, StoreError):
        return []
    from claimmap.store.sqlite_target import database_files as files_of

    return files_of(url)
