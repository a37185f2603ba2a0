"""A head start on a big case's ratings while the program is still starting.

`claimmap open` spends its first second importing the interface, SQLAlchemy and pydantic,
and only then reads the case; on a case of a million ratings the bulk read of the rating
rows (cells_sql) is most of another second. SQLite runs that query without holding
Python's lock, so `start` sends the same query from a thread on a read-only connection of
its own, at once, and the matrix reader later `take`s the answer instead of asking again.

The answer is used only when it is the answer to the very query the reader would send
(same database file, same text, same case), and when nothing has been committed between
the two reads: every edit, undo and redo writes a change-log row in its own transaction,
and a migration changes the schema's revision, so both, read in the prefetch's transaction
and again in the reader's (cells_sql.STATE_SQL), tell. Anything else (another database,
PostgreSQL, a case named in a way this does not resolve, an error in the thread) leaves the
reader to read as it always did.

With `halves`, a big case is read in two halves at once, by rating id, each on a connection
of its own: SQLite builds the two texts on two cores in about half the time. The halves
count only when both saw the same state (no commit fell between their two snapshots). Only
`score` and `export` ask for it: they wait for the rows, while the interface imports on one
core meanwhile, which a second reader slowed (big case: `score` 3.2 -> 2.9 s, `export -f
json` 3.0-3.6 -> 2.5-3.2 s; `open` 2.3-2.5 -> 2.6-2.7 s, so not there; `show` reads one
analyst's layer, where it lost 0.1 s).

Standard library only, so that it can start before the heavy imports.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from claimmap.store.cells_sql import STATE_SQL, cells_sql
from claimmap.store.location import database_file


@dataclass
class _Job:
    done: threading.Event = field(default_factory=threading.Event)
    case_id: int | None = None
    sql: str = ""
    halves: bool = False
    rows: list[tuple[Any, ...]] | None = None
    state: tuple[Any, ...] | None = None  # cells_sql.STATE_SQL in the prefetch's snapshot


SPLIT_ABOVE = 200_000  # rating ids spanned before the read is split in two (a few tenths of a s)

_jobs: dict[str, _Job] = {}  # by database file
_lock = threading.Lock()
used = {"taken": 0, "refused": 0}  # what became of the prefetches: the tests look


def start(
    db: str | None,
    case: str,
    *,
    rationales: bool = True,
    colleagues: bool = True,
    halves: bool = False,
) -> None:
    """Read `case`'s rating rows in the background, for the reader to `take`: with
    `rationales`, which rows carry one (the interface and the exports read them so; `score`
    reads the matrix alone); without `colleagues`, the case analyst's alone (`show`); with
    `halves`, a big case in two halves at once (see the module's docstring)."""
    path = database_file(db)
    if path is None:
        return
    job = _Job(halves=halves)
    with _lock:
        _jobs[path] = job
    threading.Thread(
        target=_read,
        args=(job, path, case, rationales, colleagues),
        name="claimmap-prefetch",
        daemon=True,
    ).start()


def _read(job: _Job, path: str, case: str, rationales: bool, colleagues: bool) -> None:
    try:
        _read_rows(job, path, case, rationales, colleagues)
    except Exception:  # a head start only: whatever went wrong, the reader reads for itself
        job.rows = None
    finally:
        job.done.set()


def _connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, isolation_level=None)


def _read_rows(job: _Job, path: str, case: str, rationales: bool, colleagues: bool) -> None:
    conn = _connect(path)
    try:
        conn.execute("BEGIN")  # one snapshot for the rows and the state they are checked by
        case_id = _case_id(conn, case)
        if case_id is None:
            return
        (h_low,) = conn.execute(
            "SELECT min(id) FROM hypotheses WHERE case_id = ?", (case_id,)
        ).fetchone()
        # the analysts as the matrix reader lists them (its `only` keeps their order)
        names = conn.execute("SELECT id, name FROM analysts").fetchall()
        if h_low is None or not names:
            return
        ids = [int(i) for i, _ in names]
        only = None
        if not colleagues:  # the case analyst's own layer
            (lead,) = conn.execute("SELECT analyst FROM cases WHERE id = ?", (case_id,)).fetchone()
            only = [int(i) for i, name in names if name == lead]
        sql = cells_sql("sqlite", h_low, min(ids), max(ids) - min(ids) + 1, rationales, only)
        job.state = tuple(conn.execute(STATE_SQL).fetchone())
        job.rows = _rows(conn, path, sql, case_id, job.state, job.halves)
        job.case_id, job.sql = case_id, sql
    finally:
        conn.close()


def _rows(
    conn: sqlite3.Connection,
    path: str,
    sql: str,
    case_id: int,
    state: tuple[Any, ...],
    halves: bool,
) -> list[tuple[Any, ...]] | None:
    """The answer to `sql`: read whole, or (`halves`, on a big case) in two halves by rating
    id at once, the second on a connection of its own, joined as one row of three texts like
    the whole read's."""
    if not halves:
        return conn.execute(sql, (case_id,)).fetchall()
    ends = [
        conn.execute(f"SELECT {end}(id) FROM ratings WHERE case_id = ?", (case_id,)).fetchone()[0]
        for end in ("min", "max")
    ]
    if None in ends or ends[1] - ends[0] < SPLIT_ABOVE or (os.cpu_count() or 1) < 2:
        return conn.execute(sql, (case_id,)).fetchall()
    middle = (ends[0] + ends[1]) // 2
    half = sql + " AND id BETWEEN ? AND ?"
    upper: list[Any] = []

    def read_upper() -> None:
        other = _connect(path)
        try:
            other.execute("BEGIN")
            if tuple(other.execute(STATE_SQL).fetchone()) == state:  # the same snapshot
                upper.extend(other.execute(half, (case_id, middle + 1, ends[1])).fetchall())
        finally:
            other.close()

    helper = threading.Thread(target=read_upper, name="claimmap-prefetch-2", daemon=True)
    helper.start()
    (lower,) = conn.execute(half, (case_id, ends[0], middle)).fetchall()
    helper.join()
    if not upper:
        return None  # a commit fell between the two snapshots: the reader reads for itself
    return [tuple(_joined(a, b) for a, b in zip(lower, upper[0], strict=True))]


def _joined(first: str | None, second: str | None) -> str | None:
    """Two comma-separated texts as one (group_concat gives NULL for no rows)."""
    parts = [part for part in (first, second) if part]
    return ",".join(parts) if parts else None


def _case_id(conn: sqlite3.Connection, ref: str) -> int | None:
    """The case by id, slug or exact title, as the store resolves it (its last resort, the
    slug made from a title, is left to the store)."""
    rows = conn.execute("SELECT id, slug, title FROM cases").fetchall()
    for column, wanted in ((0, int(ref) if ref.isdigit() else None), (1, ref), (2, ref)):
        found = [row[0] for row in rows if wanted is not None and row[column] == wanted]
        if len(found) == 1:
            return int(found[0])
    return None


def take(
    database: str | None, sql: str, case_id: int, state: Callable[[], tuple[Any, ...]]
) -> list[tuple[Any, ...]] | None:
    """The prefetched rows of `sql` for `case_id` in `database`, if they are still what the
    caller's transaction would read (`state` reads STATE_SQL in it); else None. Waits for a
    prefetch still under way: it started earlier."""
    with _lock:
        job = _jobs.pop(database, None) if database else None
    if job is None:
        return None
    job.done.wait()
    fits = job.rows is not None and job.case_id == case_id and job.sql == sql
    if not fits or job.state != state():
        used["refused"] += 1
        return None
    used["taken"] += 1
    return job.rows
