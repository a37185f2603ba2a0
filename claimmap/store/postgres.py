"""PostgreSQL, the team server: what differs from SQLite lives here.

Writers serialise on one transaction-scoped advisory lock taken as their transaction begins,
the server's counterpart of SQLite's BEGIN IMMEDIATE: readers never wait (MVCC), writers queue
(up to the same 30 s as SQLite's busy timeout), and because the lock is taken before the first
read, every statement of a write transaction sees every edit committed before it. That keeps
the change log's undo stack consistent without retry loops in every caller; `retrying` still
bounds a retry for the serialization failures and deadlocks that other clients' locks can
cause.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from claimmap.store.errors import StoreError

# "claimmap" as a 63-bit number: the key of the advisory lock every writer takes.
WRITE_LOCK = int.from_bytes(b"claimmap", "big") & 0x7FFF_FFFF_FFFF_FFFF
LOCK_TIMEOUT_MS = 30_000
SUPPORTED = (
    "claimmap works with SQLite (a file path or sqlite:///PATH) and PostgreSQL "
    "(postgresql+psycopg://USER@HOST[:PORT]/DATABASE)"
)
INSTALL = 'PostgreSQL needs the psycopg driver: pip install "claimmap[postgres]"'
# SQLSTATEs worth one more try: serialization_failure, deadlock_detected.
TRANSIENT = {"40001", "40P01"}
RETRIES = 5

T = TypeVar("T")


def is_postgres(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def shown(url: str | URL) -> str:
    """The URL for messages: never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def check_url(url: str) -> str:
    """The URL to connect with, or a one-line refusal naming the two engines claimmap knows."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"cannot read the database URL {url!r}; {SUPPORTED}") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend == "sqlite" and driver in ("", "pysqlite"):
        return url
    if backend in ("postgresql", "postgres"):
        if driver not in ("", "psycopg"):
            raise StoreError(
                f"claimmap reaches PostgreSQL through psycopg 3, not {driver}: "
                "write the URL as postgresql+psycopg://USER@HOST/DATABASE"
            )
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise StoreError(INSTALL) from None
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise StoreError(f"{parsed.drivername!r} databases are not supported: {SUPPORTED}")


def make_engine(url: str) -> Engine:
    engine = create_engine(
        url,
        pool_pre_ping=True,  # a server restarted under a long TUI session is reconnected
        connect_args={"options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"},
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("claimmap_begin") == "IMMEDIATE":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    return engine


def login(conn: Connection) -> str:
    """Who the server says we are: on PostgreSQL the analyst is the database login."""
    return str(conn.exec_driver_sql("SELECT current_user").scalar())


def sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None)


def retrying(work: Callable[[], T]) -> T:
    """Run one whole transaction, again (a few times, backing off) when the server aborted it
    for a serialization failure or a deadlock; nothing of an aborted attempt was kept."""
    for attempt in range(RETRIES):
        try:
            return work()
        except DBAPIError as exc:
            if sqlstate(exc) not in TRANSIENT or attempt == RETRIES - 1:
                raise
            time.sleep(0.02 * 2**attempt)
    raise AssertionError("unreachable")


def refusal(exc: DBAPIError, who: str) -> StoreError | None:
    """The server's refusal as a one-line message, or None for other errors."""
    state = sqlstate(exc)
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    if state == "42501":  # insufficient_privilege, row-level security included
        return StoreError(f"the server refused this for {who}: {detail}")
    if state == "55P03":  # lock_not_available: lock_timeout passed
        return StoreError(f"the database stayed busy for {LOCK_TIMEOUT_MS // 1000} s; try again")
    return None


def backup(engine: Engine, target: Path) -> Path:
    """A restorable dump (pg_dump's custom format, for pg_restore) of the whole database."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise StoreError(
            "backing up a PostgreSQL database needs pg_dump "
            "(Debian: apt-get install postgresql-client)"
        )
    url = engine.url
    target = target.expanduser()
    if target.is_dir():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = target / f"{url.database}-{stamp}.dump"
    if target.exists():
        raise StoreError(f"{target} already exists; choose another name")
    target.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if url.password:  # through the environment, never on a command line others can read
        env["PGPASSWORD"] = str(url.password)
    args = [pg_dump, "--format=custom", "--no-owner", f"--file={target}"]
    for flag, value in (("--host", url.host), ("--port", url.port), ("--username", url.username)):
        if value:
            args.append(f"{flag}={value}")
    args.append(f"--dbname={url.database}")
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        message = done.stderr.strip().splitlines()
        raise StoreError(f"pg_dump failed: {message[-1] if message else done.returncode}")
    return target
