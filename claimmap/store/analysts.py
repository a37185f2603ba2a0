"""Analysts by name: the one lookup a rating needs, kept apart from the document models so a
command-line `rate` starts without loading them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from claimmap.store.errors import StoreError
from claimmap.store.snapshot import inserted_id, table


def analyst_ids(conn: Connection, names: set[str]) -> dict[str, int]:
    """Ids of the named analysts, creating those not seen before."""
    tbl = table("analysts")
    known = {
        name: id_
        for name, id_ in conn.execute(select(tbl.c.name, tbl.c.id).where(tbl.c.name.in_(names)))
    }
    for name in sorted(names - set(known)):
        known[name] = inserted_id(conn.execute(tbl.insert().values(name=name)))
    return known


def _raters(case_id: int, name: str | None = None) -> Any:
    """The names of everyone with a rating in the case (or, given `name`, that one)."""
    tbl, ratings = table("analysts"), table("ratings")
    query = (
        select(tbl.c.name)
        .join(ratings, ratings.c.analyst_id == tbl.c.id)
        .where(ratings.c.case_id == case_id)
        .distinct()
    )
    return query if name is None else query.where(tbl.c.name == name)


def case_analysts(conn: Connection, case_id: int) -> list[str]:
    """The case's own analyst first, then everyone else with a rating in it, by name."""
    cases = table("cases")
    own = conn.scalar(select(cases.c.analyst).where(cases.c.id == case_id))
    if own is None:
        raise StoreError(f"no case with id {case_id}")
    others = set(conn.scalars(_raters(case_id))) - {own}
    return [str(own), *sorted(others)]


def knows(conn: Connection, case_id: int, name: str) -> bool:
    """Whether `name` already rated in the case (one indexed lookup, not the whole list)."""
    return conn.execute(_raters(case_id, name).limit(1)).first() is not None
