"""Analysts by name: the one lookup a rating needs, kept apart from the document models so a
command-line `rate` starts without loading them. Hand SQL (driver_sql), so that it runs
through SQLAlchemy or a bare sqlite3 connection alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimmap.store.driver_sql import fetch_all, slots
from claimmap.store.errors import StoreError

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

_RATERS = (
    "SELECT DISTINCT a.name FROM analysts a JOIN ratings r ON r.analyst_id = a.id "
    "WHERE r.case_id = ?"
)


def analyst_ids(conn: AnyConnection, names: set[str]) -> dict[str, int]:
    """Ids of the named analysts, creating those not seen before."""
    wanted = sorted(names)
    known: dict[str, int] = {}
    if wanted:
        query = f"SELECT name, id FROM analysts WHERE name IN ({slots(wanted)})"
        known = {str(name): int(id_) for name, id_ in fetch_all(conn, query, tuple(wanted))}
    for name in wanted:
        if name not in known:
            ((known[name],),) = fetch_all(
                conn, "INSERT INTO analysts (name) VALUES (?) RETURNING id", (name,)
            )
    return known


def case_analysts(conn: AnyConnection, case_id: int) -> list[str]:
    """The case's own analyst first, then everyone else with a rating in it, by name."""
    own = fetch_all(conn, "SELECT analyst FROM cases WHERE id = ?", (case_id,))
    if not own:
        raise StoreError(f"no case with id {case_id}")
    lead = str(own[0][0])
    others = {str(name) for (name,) in fetch_all(conn, _RATERS, (case_id,))} - {lead}
    return [lead, *sorted(others)]


def knows(conn: AnyConnection, case_id: int, name: str) -> bool:
    """Whether `name` already rated in the case (one indexed lookup, not the whole list)."""
    return bool(fetch_all(conn, f"{_RATERS} AND a.name = ? LIMIT 1", (case_id, name)))
