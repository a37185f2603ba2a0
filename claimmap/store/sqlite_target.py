"""What a `--db` value may name before claimmap opens it as SQLite.

An empty value is a slip (an unset shell variable), not a wish for the default; an in-memory
database keeps nothing, so every edit would vanish with the process; and a path whose folder
does not exist is almost always a typo, so only the commands that make a database on purpose
create the folder: `import`, `new`, `samples`, `demo`, `open` (and claimmap without a
command), `db upgrade` and `db copy`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from claimmap.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

CREATING_COMMANDS = frozenset({"import", "new", "samples", "demo", "open", "upgrade", "copy"})


def check_value(value: str) -> None:
    if not value.strip():
        raise StoreError(
            "--db is empty (an unset variable?); give a database file or URL, or leave it out "
            "for the default database"
        )


def check_url(url: str) -> None:
    rest = url.split("://", 1)[1] if "://" in url else url
    in_memory = rest in ("", "/", "/:memory:", ":memory:") or "mode=memory" in url
    if url == ":memory:" or (url.startswith("sqlite") and in_memory):
        raise StoreError(
            f"--db {url} is an in-memory database, which keeps nothing once claimmap exits; "
            "give a database file"
        )


def prepare_folder(path: Path, given: str, create: bool) -> None:
    """Create the database's folder only for a command that makes a database on purpose."""
    if path.parent.is_dir():
        return
    if not create:
        raise StoreError(
            f"the folder of the database {given} does not exist ({path.parent}); check --db, "
            "or make the database with `claimmap import`, `claimmap new` or `claimmap samples`"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the folder {path.parent} for the database: {exc.strerror}"
        ) from None


def database_files(url: URL) -> list[Path]:
    """The SQLite file at `url` and its -wal, -shm and -journal files (none for a server):
    what an export must never be written over."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return []
    return files_of(Path(url.database))


def files_of(db: Path) -> list[Path]:
    """The SQLite file `db` and the -wal, -shm and -journal files SQLite keeps beside it."""
    return [db, *(Path(f"{db}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]


def read_only(url: str) -> str | None:
    """For a SQLite file this process cannot write (read-only media, an immutable file, a
    folder without write access): the URL of a read-only connection to it, else None. Such a
    connection takes no write lock, so `list`, `show`, `score` and `export` work; an edit is
    refused by SQLite and reported as "read-only; nothing was written"."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_file():
        return None
    folder_writable = os.access(path.parent, os.W_OK)
    if os.access(path, os.W_OK) and folder_writable:
        return None
    # Without a writable folder SQLite cannot make the WAL index (-shm) a reader needs, unless
    # told the file will not change under it.
    options = "mode=ro" if folder_writable else "mode=ro&immutable=1"
    return f"sqlite:///file:{path}?{options}&uri=true"
