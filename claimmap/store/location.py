"""Where the database is: --db, then CLAIMMAP_DB, then the platform's user data directory."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CLAIMMAP_DB"


def default_path() -> Path:
    # imported here: with --db or CLAIMMAP_DB, a command need not load it (some 5 ms)
    import platformdirs

    return Path(platformdirs.user_data_dir("claimmap", appauthor=False)) / "claimmap.db"


def resolve_url(path_or_url: str | os.PathLike[str] | None = None, *, create: bool = True) -> str:
    """A SQLAlchemy URL; plain paths become SQLite files. The default database's folder is
    made when missing; a folder the user named is made only when `create` (sqlite_target)."""
    # here, not at the top: the start-up prefetch needs `default_path` before SQLAlchemy
    from claimmap.store import sqlite_target

    value = os.fspath(path_or_url) if path_or_url is not None else os.environ.get(ENV_VAR)
    if value is not None:
        sqlite_target.check_value(value)
    if not value:
        path = default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path.resolve()}"
    if "://" in value or value == ":memory:":
        sqlite_target.check_url(value)
        return value
    path = Path(value).expanduser().resolve()
    sqlite_target.prepare_folder(path, value, create)
    return f"sqlite:///{path}"


def database_file(db: str | None) -> str | None:
    """The SQLite file that `--db`/CLAIMMAP_DB (or the default) names, as the store resolves
    it; None for a server URL, a file that does not exist yet, or an empty value. Standard
    library only: the start-up prefetch and the CaseReader ask before SQLAlchemy loads."""
    path = _named_file(db)
    return str(path) if path is not None and path.is_file() else None


def new_database_file(db: str | None) -> Path | None:
    """Where a database that `--db`/CLAIMMAP_DB (or the default) names is to be made, when it
    does not exist yet and its folder does (the default one is made, as `resolve_url` makes
    it); None for anything else, which the Store then handles (and explains)."""
    path = _named_file(db)
    if path is None or path.exists():
        return None
    if db is None and not os.environ.get(ENV_VAR):
        path.parent.mkdir(parents=True, exist_ok=True)
    return path if path.parent.is_dir() and os.access(path.parent, os.W_OK) else None


def _named_file(db: str | None) -> Path | None:
    value = db if db is not None else os.environ.get(ENV_VAR)
    if value is not None and not value.strip():
        return None  # a slip, which resolve_url reports
    if not value:
        path = default_path()
    elif value.startswith("sqlite:///") and "?" not in value:
        path = Path(value.removeprefix("sqlite:///"))
    elif "://" in value or value == ":memory:":
        return None  # a server, or a URL with options: the Store's to read
    else:
        path = Path(value).expanduser()
    return path.resolve()
