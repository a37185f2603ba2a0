"""Opening a database: SQLite settings that make edits durable and concurrent, and migrations.

WAL lets readers work while one writer commits; write transactions start with BEGIN IMMEDIATE
so two processes queue on the busy timeout instead of failing with "database is locked" when
a read transaction tries to upgrade to a write. PostgreSQL's counterpart is in postgres.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from claimmap.store import postgres, sqlite_schema, sqlite_target
from claimmap.store.db_errors import explain
from claimmap.store.errors import StoreError
from claimmap.store.revision import HEAD_REVISION, migrations_dir

if TYPE_CHECKING:  # Alembic loads only when a database needs creating or upgrading
    from alembic.config import Config


BUSY_TIMEOUT_MS = 30_000


__all__ = ["HEAD_REVISION", "StoreError", "make_engine", "open_engine"]


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # With WAL (set once by open_engine) a commit survives a killed process; only a power
        # cut can lose the last transactions.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("claimmap_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    url = postgres.check_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_settings(engine)
        return engine
    return postgres.make_engine(url)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _stored_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database (Alembic's own table), read directly."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _stored_revision(conn)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def sqlite_path(engine: Engine) -> Path | None:
    url = make_url(str(engine.url))
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def backup(engine: Engine, target: Path) -> Path:
    """A consistent copy made with SQLite's online backup, safe while others write; on
    PostgreSQL a pg_dump archive."""
    if engine.dialect.name == "postgresql":
        return postgres.backup(engine, target)
    path = sqlite_path(engine)
    if path is None:
        raise StoreError("backup works on SQLite files and PostgreSQL databases only")
    target = target.expanduser()
    if target.is_dir():
        target = target / f"{path.stem}-{_stamp()}.db"
    if target.exists():
        raise StoreError(f"{target} already exists; choose another name")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _use_wal(engine: Engine) -> None:
    """Switch a claimmap database to WAL (it stays so). Changing the journal mode needs a
    moment alone with the file and does not always wait on the busy timeout, so retry."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        raw = engine.raw_connection()  # outside any transaction, which the switch requires
        try:
            cursor = raw.cursor()
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        finally:
            raw.close()
        time.sleep(0.05)


def _migrate(conn: Connection, url: str, migrate: bool) -> Path | None:
    """Inside the caller's write transaction: check what the database is, back it up and
    upgrade it if it is older. Holding the write lock makes a second process wait here and
    then find the work done, rather than migrate (and back up) the same file twice."""
    revision = _stored_revision(conn)
    if revision == HEAD_REVISION:
        return None
    if revision is None:
        tables = set(inspect(conn).get_table_names())
        if tables:
            raise StoreError(
                f"{url} holds tables ({', '.join(sorted(tables)[:5])}) but is not a claimmap "
                "database; use another file"
            )
        # a new SQLite file: the migrations' end result at once, without Alembic
        if conn.dialect.name == "sqlite" and sqlite_schema.create(
            conn, migrations_dir(), HEAD_REVISION
        ):
            return None
    from alembic import command
    from alembic.script import ScriptDirectory

    if revision is not None:
        try:
            ScriptDirectory.from_config(_alembic_config()).get_revision(revision)
        except Exception:
            raise StoreError(
                f"{url} was written by a newer claimmap (schema {revision}); upgrade claimmap"
            ) from None
        if not migrate:
            raise StoreError(f"{url} needs an upgrade: run `claimmap db upgrade`")
    made = None
    path = sqlite_path(conn.engine)
    if revision is not None and path is not None:
        made = backup(conn.engine, path.with_name(f"{path.name}.bak-{_stamp()}"))
    config = _alembic_config()
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
    return made


def open_engine(url: str, *, migrate: bool = True) -> tuple[Engine, Path | None]:
    """An engine on an up-to-date schema. A new database is created by the migrations (a new
    SQLite file from their end result, sqlite_schema.py); an older one is first copied to a
    timestamped backup beside it, then upgraded. Returns the backup's path when one was made."""
    shown = postgres.shown(url)
    read_only = sqlite_target.read_only(url)
    if read_only is not None:
        return _open_read_only(read_only, shown), None
    engine = make_engine(url)
    try:
        with (
            engine.connect().execution_options(claimmap_begin="IMMEDIATE") as conn,
            conn.begin(),
        ):
            made = _migrate(conn, shown, migrate)
        if url.startswith("sqlite"):
            _use_wal(engine)
    except StoreError:
        engine.dispose()
        raise
    except DBAPIError as exc:  # a file that is not SQLite, a server that is down...
        engine.dispose()
        said = explain(
            exc, shown, general=False
        )  # one line: libpq adds its hints on lines of their own
        raise StoreError(
            said or f"cannot open database {shown}: {' '.join(str(exc.orig).split())}"
        ) from None
    except sqlite3.Error as exc:
        engine.dispose()
        raise StoreError(
            explain(exc, shown, general=False) or f"cannot open database {shown}: {exc}"
        ) from None
    return engine, made


def _open_read_only(url: str, shown: str) -> Engine:
    """A database this process cannot write: read as it is, neither created nor upgraded."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            revision = _stored_revision(conn)
    except (DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        raise StoreError(
            explain(exc, shown, general=False) or f"cannot open database {shown}: {exc}"
        ) from None
    if revision != HEAD_REVISION:
        engine.dispose()
        raise StoreError(
            f"the database {shown} is read-only and not at the current schema ({revision}); "
            "copy it somewhere writable and run `claimmap db upgrade` there"
        )
    return engine
