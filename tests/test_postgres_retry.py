"""On PostgreSQL an edit the server aborts as a deadlock victim is run again, whole, and the
user sees only the edit done: provoked for real with a second client holding a lock."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from helpers import pg_server

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.store.postgres import WRITE_LOCK


def deadlocks(admin: str, database: str) -> int:
    with pg_server.connect(admin) as conn:
        row = conn.execute(
            "SELECT deadlocks FROM pg_stat_database WHERE datname = %s", (database,)
        ).fetchone()
        return int(row[0])


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_an_edit_aborted_as_a_deadlock_victim_is_retried(
    store: Store, small_file: Path, pg_admin: str
) -> None:
    case = store.import_document(read_case_file(small_file)).id
    database = str(store.engine.url.database)
    seen_before = deadlocks(pg_admin, database)
    import psycopg

    # Another client (as the superuser, so it may wait 10 s before looking for deadlocks and
    # claimmap is the one the server aborts) locks the case row, then wants claimmap's lock.
    other = psycopg.connect(pg_server.libpq(pg_server.on_database(pg_admin, database)))
    other.execute("SET deadlock_timeout = '10s'")
    other.execute("UPDATE cases SET title = title WHERE id = %s", (case,))
    errors: list[BaseException] = []

    def rate() -> None:
        try:
            store.rate(case, "E3", "H2", "II", "rated through a deadlock")
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=rate)
    worker.start()
    time.sleep(0.5)  # claimmap now holds its write lock and waits for the case row
    other.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")  # granted once claimmap is aborted
    other.commit()
    other.close()
    worker.join(60)
    assert not worker.is_alive() and errors == []
    # the server did abort one attempt (its statistics arrive within a second or so)
    deadline = time.monotonic() + 10
    while deadlocks(pg_admin, database) == seen_before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert deadlocks(pg_admin, database) == seen_before + 1
    (entry,) = store.history(case, limit=1)
    assert entry.action == "rate E3 × H2: unrated → II"
    assert len(store.history(case)) == 2  # the import and one rating: the retry left no trace
    e3 = store.matrix(case).evidence.index("E3")
    assert store.matrix(case).ratings[0, e3, 1] == -2
