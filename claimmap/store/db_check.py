"""`claimmap db check`: is the database sound, and can every case in it be read and exported?

SQLite's own `integrity_check` and `foreign_key_check` find damaged pages and dangling rows;
claimmap's checks find what SQLite cannot know about: a missing table, a rating value or a
JSON column it cannot read, and a case that no longer validates as a case document."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.exc import DBAPIError

from claimmap.model.enums import RatingValue
from claimmap.model.references import find_reference_problems
from claimmap.store.document_export import read_document
from claimmap.store.snapshot import table
from claimmap.store.tables import metadata

_JSON_COLUMNS = {"cases": ("tags",), "evidence": ("tags",)}


def check_database(engine: Engine) -> list[str]:
    """Every problem found, one line each; an empty list means the database is sound."""
    problems: list[str] = []
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            problems += _sqlite_checks(conn)
            if any("integrity" in p for p in problems):
                return problems  # reading rows off damaged pages says nothing more
        present = set(inspect(conn).get_table_names())
        missing = sorted(set(metadata.tables) - present)
        problems += [f"table {name!r} is missing" for name in missing]
        if missing:
            return problems
        problems += _rating_values(conn)
        problems += _json_columns(conn)
        problems += _cases(conn)
    return problems


def _sqlite_checks(conn: Connection) -> list[str]:
    try:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    except DBAPIError as exc:
        return [f"integrity check failed: {exc.orig}"]
    problems = [f"integrity check: {row}" for row in rows if row != "ok"]
    for tbl, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
        problems.append(f"table {tbl!r} row {rowid} points at a missing row of {parent!r}")
    return problems


def _rating_values(conn: Connection) -> list[str]:
    ratings = table("ratings")
    allowed = [r.value for r in RatingValue]
    rows = conn.execute(
        select(ratings.c.id, ratings.c.value).where(ratings.c.value.not_in(allowed))
    ).fetchall()
    return [f"ratings row {i}: {value!r} is not one of {', '.join(allowed)}" for i, value in rows]


def _json_columns(conn: Connection) -> list[str]:
    problems = []
    for name, columns in _JSON_COLUMNS.items():
        tbl = table(name)
        for column in columns:
            for row_id, text in conn.execute(select(tbl.c.id, tbl.c[column])):
                try:
                    value: Any = json.loads(text)
                except (TypeError, ValueError):
                    problems.append(f"{name} row {row_id}: {column} is not readable JSON")
                    continue
                if not isinstance(value, list):
                    problems.append(f"{name} row {row_id}: {column} is not a JSON list")
    return problems


def _cases(conn: Connection) -> list[str]:
    cases = table("cases")
    problems = []
    for case_id, slug in conn.execute(select(cases.c.id, cases.c.slug).order_by(cases.c.id)):
        try:
            doc = read_document(conn, case_id)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            problems.append(f"case {slug!r}: {where}: {first['msg']} (cannot be exported)")
            continue
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"case {slug!r}: cannot be read ({type(exc).__name__}: {exc})")
            continue
        for problem in find_reference_problems(doc):
            problems.append(f"case {slug!r}: {problem.render()}")
    return problems
