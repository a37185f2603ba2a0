"""A brand-new SQLite database's schema as the migrations leave it at HEAD_REVISION, kept in
db/sqlite_schema.json: created from those statements, a first start needs neither Alembic nor
the migrations replayed one by one (0.4 s; Rails' schema.rb does the same). Every older
database is still upgraded by the migrations, and PostgreSQL is always created by them.

tests/test_migrations.py holds the file to what the migrations make, statement for statement;
after a new migration, `python -m claimmap.store.sqlite_schema` writes it again.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

FILE = "sqlite_schema.json"


def dump(conn: sqlite3.Connection) -> list[str]:
    """The statements that made a database's tables and indexes, in the order they were made
    (the ones SQLite makes itself, such as sqlite_sequence and unique indexes, left out)."""
    query = (
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid"
    )
    return [sql for (sql,) in conn.execute(query)]


def stored(folder: Path) -> tuple[str, list[str]]:
    """(revision, statements) as kept in the migrations folder."""
    data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    return data["revision"], data["statements"]


def _making(folder: Path, revision: str) -> list[tuple[str, tuple[str, ...]]] | None:
    """The statements (with their parameters) that make the schema of `revision` and record
    it; None when the file is missing or holds another revision."""
    try:
        kept, statements = stored(folder)
    except (OSError, ValueError, KeyError):
        return None
    if kept != revision:
        return None
    recorded = ("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))
    return [*((statement, ()) for statement in statements), recorded]


def create(conn: Connection, folder: Path, revision: str) -> bool:
    """Make the schema of `revision` in an empty SQLite database inside the caller's
    transaction; False (nothing done) when the file is missing or holds another revision."""
    making = _making(folder, revision)
    for statement, params in making or ():
        conn.exec_driver_sql(statement, params)
    return making is not None


def create_file(path: Path) -> bool:
    """A new database at `path` made from the schema file with a bare sqlite3 connection (no
    SQLAlchemy, for the interface's first start), in WAL mode as the Store leaves it. False,
    with nothing made, when `path` exists by then (another process was quicker) or the file
    is stale or missing: the Store then makes the database as it always does."""
    from claimmap.store.case_reader import BUSY_TIMEOUT_S
    from claimmap.store.revision import HEAD_REVISION, migrations_dir

    making = _making(migrations_dir(), HEAD_REVISION)
    if making is None:
        return False
    try:
        with open(path, "xb"):  # never over a file that appeared meanwhile
            pass
    except OSError:
        return False
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        for statement, params in making:
            conn.execute(statement, params)
        conn.execute("COMMIT")
    except sqlite3.Error:
        # left empty: the Store takes an empty file for a new database, and says what is wrong
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        return False
    finally:
        conn.close()
    return True


def migrated_schema() -> list[str]:
    """What the migrations make of an empty SQLite database, now."""
    from claimmap.store.engine import make_engine, upgrade

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "schema.db"
        engine = make_engine(f"sqlite:///{path}")
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        conn = sqlite3.connect(path)
        try:
            return dump(conn)
        finally:
            conn.close()


def main() -> None:
    from claimmap.store.revision import HEAD_REVISION, migrations_dir

    target = migrations_dir() / FILE
    data = {"revision": HEAD_REVISION, "statements": migrated_schema()}
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target} ({len(data['statements'])} statements, revision {HEAD_REVISION})")


if __name__ == "__main__":
    main()
