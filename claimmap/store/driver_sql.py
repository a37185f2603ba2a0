"""Hand-written SQL for the bulk paths, which skip SQLAlchemy's compiler for speed, written
once with `?` placeholders and given to each driver in its own parameter style."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def marks(conn: Connection, sql: str) -> str:
    """`sql` with `?` turned into the driver's placeholder (psycopg's is %s). The bulk SQL
    holds no literal `?` or `%`, so a plain replace is exact."""
    if conn.dialect.paramstyle == "qmark":
        return sql
    return sql.replace("?", "%s")


def run(conn: Connection, sql: str, params: Any = ()) -> Any:
    return conn.exec_driver_sql(marks(conn, sql), params)
