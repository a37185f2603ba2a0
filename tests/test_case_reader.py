"""The SQLAlchemy-free reader of SQLite files (store/case_reader.py): it reads what the Store
reads, and it steps aside for every file the Store must create, upgrade or explain."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from test_migrations import old_db

from claimmap.cli import main
from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_reader import CaseReader
from claimmap.store.case_store import Store
from claimmap.store.errors import StoreError
from tests.test_case_columns import TEAM_CASE


@pytest.fixture
def team_db(tmp_path: Path) -> tuple[str, int]:
    """A SQLite file holding the two-analyst case with a written judgement, and a second case."""
    path = str(tmp_path / "team.db")
    source = tmp_path / "team.yaml"
    source.write_text(TEAM_CASE, encoding="utf-8")
    store = Store.open(path, who="tester")
    try:
        case_id = store.import_document(read_case_file(source)).id
        source.write_text(TEAM_CASE.replace("case:\n", "case:\n  slug: second\n"), "utf-8")
        store.import_document(read_case_file(source), replace=False)
        store.update_case(
            case_id,
            {
                "judgement": {
                    "bottom_line": "The cat did it — القطة",
                    "hypothesis": "H2",
                    "likelihood": "likely",
                    "confidence": "moderate",
                }
            },
        )
    finally:
        store.close()
    return path, case_id


def test_the_reader_reads_what_the_store_reads(team_db) -> None:
    path, case_id = team_db
    reader = CaseReader.open(path)
    assert reader is not None
    store = Store.open(path)
    try:
        slug = store.resolve_case(str(case_id)).slug
        title = store.resolve_case(str(case_id)).title
        for ref in (str(case_id), slug, title, title.upper()):
            assert reader.case_id(ref) == store.case_id(ref) == case_id
        assert reader.export_document(case_id) == store.export_document(case_id)
        header = reader.case_header(case_id)
        assert header == store.case_header(case_id)
        assert header.judgement is not None
        assert header.judgement.hypothesis == "H2"  # the row's id mapped back to its key
        assert header.judgement.bottom_line == "The cat did it — القطة"
        ours, theirs = reader.matrix(case_id), store.matrix(case_id)
        assert ours.analysts == theirs.analysts == ("default", "ana")
        assert np.array_equal(ours.ratings, theirs.ratings)
        assert (ours.hypotheses, ours.evidence) == (theirs.hypotheses, theirs.evidence)
        shell, lead_only, _ = reader.case_columns(case_id, rationales=False, colleagues=False)
        assert lead_only.analysts == ("default",)
        assert shell == store.case_columns(case_id, rationales=False, colleagues=False)[0]
    finally:
        store.close()
        reader.close()


def test_an_unknown_case_is_named_with_the_known_ones(team_db) -> None:
    reader = CaseReader.open(team_db[0])
    assert reader is not None
    with pytest.raises(StoreError, match=r"no case 'nope'.*known: .*second"):
        reader.case_id("nope")
    reader.close()


def _older(path: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")


def _rollback_journal(path: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _not_a_database(path: str) -> None:
    Path(path).write_bytes(b"not SQLite at all\n" * 100)


@pytest.mark.parametrize("spoil", [_older, _rollback_journal, _not_a_database])
def test_a_file_the_store_must_upgrade_or_explain_is_left_to_it(team_db, spoil) -> None:
    path, _ = team_db
    fine = CaseReader.open(path)
    assert fine is not None
    fine.close()
    spoil(path)
    assert CaseReader.open(path) is None


@pytest.mark.parametrize("db", ["", "  ", "postgresql+psycopg://x@localhost/db", "missing.db"])
def test_values_that_name_no_existing_file_are_left_to_the_store(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CaseReader.open(db) is None


def test_an_older_database_is_still_upgraded_by_a_command_that_reads(tmp_path: Path) -> None:
    db = old_db(tmp_path / "old.db")
    result = CliRunner().invoke(main, ["--db", str(db), "show", "old-one"])
    assert result.exit_code == 0, result.output
    assert "upgraded the database; the old one is kept at" in result.output
    assert "Old one hypothesis 2" in result.output
    upgraded = CaseReader.open(str(db))  # at the newest schema now
    assert upgraded is not None
    upgraded.close()


def test_damage_read_by_the_reader_is_reported_with_the_file(team_db) -> None:
    path, case_id = team_db
    with sqlite3.connect(path) as conn:  # damage done by some other program
        conn.execute("UPDATE ratings SET value = 'maybe' WHERE case_id = ?", (case_id,))
    result = CliRunner().invoke(main, ["--db", path, "export", "-f", "json", str(case_id)])
    assert result.exit_code == 1
    assert f"case {case_id} in the database {path} holds a value claimmap cannot read" in (
        result.output
    )
    assert "Traceback" not in result.output
