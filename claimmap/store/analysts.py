"""Analysts by name: the one lookup a rating needs, kept apart from the document models so a
command-line `rate` starts without loading them."""

from __future__ import annotations

from sqlalchemy import Connection, select

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
