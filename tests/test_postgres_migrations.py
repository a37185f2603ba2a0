"""The one migration history on PostgreSQL: a new database matches the models, an older one is
upgraded by `claimmap db upgrade` with its data, and `db backup` writes a dump that restores."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers import pg_server
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from claimmap.formats.casefile_read import parse_case_text
from claimmap.store.case_store import Store
from claimmap.store.engine import current_revision, head_revision, make_engine, open_engine, upgrade
from claimmap.store.tables import metadata

CLAIMMAP = Path(sys.executable).parent / "claimmap"
REPO = Path(__file__).resolve().parents[1]

CASE = """\
format: claimmap/1
case: {title: Server case, question: Which one?}
hypotheses: [{id: H1, label: First}, {id: H2, label: Second}]
evidence:
  - {id: E1, summary: One thing, ratings: {H1: CC, H2: I}}
  - {id: E2, summary: "شيء آخر", ratings: {H2: N}}
"""


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLAIMMAP), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )


def test_a_new_postgresql_database_is_built_by_the_migrations_and_matches_the_models(
    pg_url: str,
) -> None:
    engine, made = open_engine(pg_url)
    try:
        assert made is None
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), metadata
            )
        assert diff == []
        # The CHECK written for both engines holds on the server: a link from two items at
        # once is refused.
        store = Store(engine)
        case = store.import_document(parse_case_text(CASE))
        with pytest.raises(IntegrityError, match="ck_links_one_from"), engine.begin() as conn:
            ids = conn.execute(
                text("SELECT min(id), max(id) FROM evidence WHERE case_id = :c"), {"c": case.id}
            ).one()
            hyp = conn.execute(text("SELECT min(id) FROM hypotheses")).scalar()
            conn.execute(
                text(
                    "INSERT INTO links (case_id, key, kind, from_evidence_id, "
                    "from_hypothesis_id, to_evidence_id, position) "
                    "VALUES (:c, 'L9', 'support', :e, :h, :t, 0)"
                ),
                {"c": case.id, "e": ids[0], "h": hyp, "t": ids[1]},
            )
    finally:
        engine.dispose()


def old_server_db(url: str) -> None:
    """A database at revision 0001 holding one rated case, as claimmap of that day wrote it."""
    engine = make_engine(url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO analysts (name) VALUES ('default')"))
            conn.execute(
                text(
                    "INSERT INTO cases (slug, title, question, tags, analyst, created_at, "
                    "updated_at) VALUES ('old-one', 'Old one — قديم', 'Why?', '[]', 'default', "
                    "'2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO hypotheses (case_id, key, label, statement, position) "
                    "SELECT id, 'H1', 'Only hypothesis', '', 0 FROM cases"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO evidence (case_id, key, summary, kind, tags, position) "
                    "SELECT id, 'E1', 'Seen in the old days', 'fact', '[]', 0 FROM cases"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO ratings (case_id, evidence_id, hypothesis_id, analyst_id, value, "
                    "rationale) SELECT e.case_id, e.id, h.id, a.id, 'II', 'kept across the "
                    "upgrade' FROM evidence e, hypotheses h, analysts a"
                )
            )
    finally:
        engine.dispose()


def test_db_upgrade_brings_an_older_postgresql_database_to_head_with_its_data(
    pg_url: str,
) -> None:
    old_server_db(pg_url)
    run = cli("--db", pg_url, "db", "upgrade")
    assert run.returncode == 0, run.stderr
    head = head_revision()
    assert run.stdout == f"schema at {head} (latest {head})\n"
    store = Store.open(pg_url)
    try:
        (case,) = store.list_cases()
        assert (case.slug, case.title, case.ratings) == ("old-one", "Old one — قديم", 1)
        cell = store.export_document(case.id).evidence[0].ratings["H1"]
        assert (cell.rating.value, cell.rationale) == ("II", "kept across the upgrade")
        assert store.export_document(case.id).evidence[0].flags == []  # added by 0003
        assert store.case_header(case.id).info.blind_until_rated is False  # added by 0005
        store.rate(case.id, "E1", "H1", "C")
        assert [e.action for e in store.history()] == ["rate E1 × H1: unrated → C"]
        assert store.update_case(case.id, {"blind_until_rated": True}) == ["blind_until_rated"]
        assert store.case_header(case.id).info.blind_until_rated is True
    finally:
        store.close()


def test_db_backup_on_postgresql_writes_a_dump_that_restores(
    pg_url: str, pg_admin: str, tmp_path: Path
) -> None:
    store = Store.open(pg_url)
    try:
        case = store.import_document(parse_case_text(CASE))
        store.rate(case.id, "E2", "H1", "CC", "just before the backup")
        original = store.export_document(case.id)
    finally:
        store.close()
    dump = tmp_path / "team.dump"
    run = cli("--db", pg_url, "db", "backup", str(dump))
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"backed up to {dump}\n"
    again = cli("--db", pg_url, "db", "backup", str(dump))
    assert again.returncode == 1
    assert again.stderr == f"claimmap: {dump} already exists; choose another name\n"

    with pg_server.fresh_database(pg_admin) as restored:
        target = pg_server.libpq(restored)
        done = subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={target}", str(dump)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        copy = Store.open(restored)
        try:
            assert copy.export_document(case.id) == original
            assert copy.undo(case.id).action == "rate E2 × H1: unrated → CC"
        finally:
            copy.close()


def test_db_backup_on_postgresql_without_pg_dump_says_what_to_install(
    pg_url: str, tmp_path: Path
) -> None:
    Store.open(pg_url).close()
    # the claimmap script itself stays reachable by its full path
    run = cli(
        "--db", pg_url, "db", "backup", str(tmp_path / "x.dump"), env={"PATH": "/nonexistent"}
    )
    assert run.returncode == 1
    assert run.stderr == (
        "claimmap: backing up a PostgreSQL database needs pg_dump "
        "(Debian: apt-get install postgresql-client)\n"
    )
    assert not (tmp_path / "x.dump").exists()
