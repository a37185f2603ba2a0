"""Opening a database: SQLite settings that make edits durable and concurrent, and migrations.

WAL lets readers work while one writer commits; write transactions start with BEGIN IMMEDIATE
so two processes queue on the busy timeout instead of failing with "database is locked" when
a read transaction tries to upgrade to a write.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """A problem a user can act on; the command line prints it without a traceback."""


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable in WAL mode up to power loss
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("claimmap_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_settings(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("claimmap") / "db"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
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
    """A consistent copy made with SQLite's online backup, safe while others write."""
    path = sqlite_path(engine)
    if path is None:
        raise StoreError("backup works on SQLite files only; use your server's tools otherwise")
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


def open_engine(url: str, *, migrate: bool = True) -> tuple[Engine, Path | None]:
    """An engine on an up-to-date schema. A new database is created by the migrations; an
    older one is first copied to a timestamped backup beside it, then upgraded. Returns the
    backup's path when one was made."""
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except Exception as exc:  # a file that is not SQLite, a server that is down...
        raise StoreError(f"cannot open database {url}: {exc}") from None
    head = head_revision()
    if revision == head:
        return engine, None
    if revision is None:
        tables = set(inspect(engine).get_table_names())
        if tables:
            raise StoreError(
                f"{url} holds tables ({', '.join(sorted(tables)[:5])}) but is not a claimmap "
                "database; use another file"
            )
        upgrade(engine)
        return engine, None
    try:
        ScriptDirectory.from_config(_alembic_config()).get_revision(revision)
    except Exception:
        raise StoreError(
            f"{url} was written by a newer claimmap (schema {revision}); upgrade claimmap"
        ) from None
    if not migrate:
        raise StoreError(f"{url} needs an upgrade: run `claimmap db upgrade`")
    made = None
    path = sqlite_path(engine)
    if path is not None:
        made = backup(engine, path.with_name(f"{path.name}.bak-{_stamp()}"))
    upgrade(engine)
    return engine, made
