"""The PostgreSQL server the tests run on: the throwaway cluster `.ci/postgres` starts, found
through CLAIMMAP_TEST_PG_URL. Without it, tests that need it are skipped with the reason, or
fail in CI (`CI` set), where a missing server must not pass silently."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from sqlalchemy.engine import make_url

URL_VAR = "CLAIMMAP_TEST_PG_URL"
TESTER = "tester"  # conftest sets CLAIMMAP_ANALYST to the same name


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI must run the PostgreSQL tests; see .ci/run)")
    pytest.skip(why)


def libpq(url: str) -> str:
    """A SQLAlchemy URL as a libpq connection string for psycopg."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(libpq(url), autocommit=True)


def admin_url() -> str:
    url = os.environ.get(URL_VAR)
    if not url:
        _unavailable(f"no PostgreSQL test server: set {URL_VAR} (`bash .ci/postgres start DIR`)")
        raise AssertionError("unreachable")
    try:
        with connect(url) as conn:
            conn.execute(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tester') "
                "THEN CREATE ROLE tester LOGIN CREATEROLE; END IF; END $$"
            )
    except ImportError:
        _unavailable('psycopg is not installed: pip install -e ".[test]"')
    except Exception as exc:
        _unavailable(f"PostgreSQL test server at {url} is unreachable: {exc}")
    return url


def on_database(url: str, database: str) -> str:
    return make_url(url).set(database=database).render_as_string(hide_password=False)


def as_login(url: str, login: str) -> str:
    return make_url(url).set(username=login).render_as_string(hide_password=False)


@contextmanager
def fresh_database(admin: str) -> Iterator[str]:
    name = f"cm_{uuid.uuid4().hex[:16]}"
    with connect(admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}" OWNER {TESTER}')
    try:
        yield as_login(make_url(admin).set(database=name).render_as_string(False), TESTER)
    finally:
        with connect(admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ensure_login(url: str, who: str) -> None:
    """A login `who` that may do what the database's owner may (a member of `tester`), for
    tests where several named writers share one database. Logins are cluster-wide and kept
    (the cluster is thrown away); memberships are idempotent."""
    from psycopg import sql

    with connect(url) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (who,)).fetchone() is None:
            _create_login(conn, who)
        conn.execute(sql.SQL("GRANT tester TO {}").format(sql.Identifier(who)))


def _create_login(conn: Any, who: str) -> None:
    from psycopg import sql
    from psycopg.errors import DuplicateObject

    with suppress(DuplicateObject):  # a concurrent test made it first
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(who)))
