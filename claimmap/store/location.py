"""Where the database is: --db, then CLAIMMAP_DB, then the platform's user data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "CLAIMMAP_DB"


def default_path() -> Path:
    return Path(platformdirs.user_data_dir("claimmap", appauthor=False)) / "claimmap.db"


def resolve_url(path_or_url: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL; plain paths become SQLite files (their folder is created)."""
    value = os.fspath(path_or_url) if path_or_url is not None else os.environ.get(ENV_VAR)
    if not value:
        value = str(default_path())
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"
