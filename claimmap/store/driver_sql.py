"""Hand-written SQL for the bulk paths, which skip SQLAlchemy's compiler for speed, written
once with `?` placeholders and given to each driver in its own parameter style.

`fetch_all`, `records`, `execute` and `execute_many` also take a bare sqlite3 connection:
on a SQLite file `show`, `score` and `export` read, and `rate`, `undo` and `redo` write,
through one without loading SQLAlchemy at all (case_reader.py, sqlite_editor.py)."""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection

    AnyConnection = Connection | sqlite3.Connection


def dialect(conn: AnyConnection) -> str:
    return "sqlite" if isinstance(conn, sqlite3.Connection) else conn.dialect.name


def marks(conn: AnyConnection, sql: str) -> str:
    """`sql` with `?` turned into the driver's placeholder (psycopg's is %s). The bulk SQL
    holds no literal `?` or `%`, so a plain replace is exact."""
    if isinstance(conn, sqlite3.Connection) or conn.dialect.paramstyle == "qmark":
        return sql
    return sql.replace("?", "%s")


def slots(values: Any) -> str:
    """`?, ?, ?`: one placeholder per value, for an IN (...) list or a VALUES row."""
    return ", ".join("?" for _ in values)


def insert_sql(table: str, columns: list[str]) -> str:
    """INSERT of one row of `columns` into `table` (names from the schema, never from input)."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({slots(columns)})"


def update_sql(table: str, columns: list[str]) -> str:
    """UPDATE of `columns` of the row whose id is the last parameter."""
    return f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"


def run(conn: Connection, sql: str, params: Any = ()) -> Any:
    return conn.exec_driver_sql(marks(conn, sql), params)


def _cursor(conn: AnyConnection, sql: str, params: Any) -> Any:
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, params)
    raw = conn.connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(marks(conn, sql), params)
    except conn.dialect.loaded_dbapi.Error as exc:
        cursor.close()
        # as SQLAlchemy would raise it, so that its callers' handlers (a refused write on
        # the server, a constraint) treat it as they treat any statement's
        from sqlalchemy.exc import DBAPIError

        base = conn.dialect.loaded_dbapi.Error
        raise DBAPIError.instance(sql, params, exc, base, dialect=conn.dialect) from exc
    except BaseException:
        cursor.close()
        raise
    return cursor


def fetch_all(conn: AnyConnection, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    """Every row as the driver's own tuples, in the connection's transaction: a million rows
    through SQLAlchemy's result objects took four times as long."""
    cursor = _cursor(conn, sql, params)
    try:
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def execute(conn: AnyConnection, sql: str, params: Any = ()) -> int:
    """One statement whose rows, if any, are not wanted; returns how many rows it changed."""
    cursor = _cursor(conn, sql, params)
    try:
        return int(cursor.rowcount)
    finally:
        cursor.close()


def execute_many(conn: AnyConnection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """One statement for each of `rows`, sent by the driver in one call."""
    if isinstance(conn, sqlite3.Connection):
        conn.executemany(sql, rows)
        return
    run(conn, sql, rows)


@lru_cache(maxsize=64)
def _row_type(columns: tuple[str, ...]) -> Any:
    return namedtuple("Record", columns)


def records(conn: AnyConnection, sql: str, params: Any = ()) -> list[Any]:
    """Every row with its columns by name (`row.key`), as SQLAlchemy's rows have them."""
    cursor = _cursor(conn, sql, params)
    try:
        make = _row_type(tuple(column[0] for column in cursor.description))
        return [make(*row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def insert_many(
    conn: AnyConnection, name: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert plain tuples in bulk: SQLite's executemany, which runs in the process; on
    PostgreSQL one COPY stream, which the server takes several times faster than even a
    pipelined INSERT per row. (The server refuses COPY into a table whose row-level security
    applies to this login, so such a login sends the pipelined INSERTs instead.)"""
    if (
        not isinstance(conn, sqlite3.Connection)
        and conn.dialect.name == "postgresql"
        and not run(conn, "SELECT row_security_active(?)", (name,)).scalar()
    ):
        raw = conn.connection.driver_connection
        assert raw is not None
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    execute_many(conn, insert_sql(name, columns), rows)
