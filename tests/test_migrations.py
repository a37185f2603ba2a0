"""The schema comes from the migrations, older databases are upgraded after a backup, and the
`claimmap db` commands and the packaging keep that working."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from claimmap.formats.casefile_read import parse_case_text
from claimmap.store import engine as engine_module
from claimmap.store import sqlite_schema
from claimmap.store.case_store import Store
from claimmap.store.engine import (
    HEAD_REVISION,
    StoreError,
    current_revision,
    head_revision,
    make_engine,
    migrations_dir,
    open_engine,
    upgrade,
)
from claimmap.store.tables import metadata

REPO = Path(__file__).resolve().parents[1]
CLAIMMAP = Path(sys.executable).parent / "claimmap"
BACKUP_NAME = r"\.bak-\d{8}T\d{12}Z"  # <name>.bak-YYYYmmddTHHMMSSffffffZ


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may touch the user's real database."""
    monkeypatch.setenv("CLAIMMAP_DB", str(tmp_path / "default-must-not-be-used.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("CLAIMMAP_ANALYST", raising=False)


CASE = """\
format: claimmap/1
case: {title: Current case, question: Which one?}
hypotheses: [{id: H1, label: First}, {id: H2, label: Second}]
evidence:
  - {id: E1, summary: One thing, ratings: {H1: CC, H2: I}}
  - {id: E2, summary: Another thing, ratings: {H2: N}}
"""


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLAIMMAP), *args], capture_output=True, text=True, timeout=120, cwd=REPO
    )


def sql(db: Path, statement: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(statement).fetchall()
    finally:
        conn.close()


def revision_in_file(db: Path) -> str:
    (row,) = sql(db, "SELECT version_num FROM alembic_version")
    return str(row[0])


def tables_in_file(db: Path) -> set[str]:
    return {r[0] for r in sql(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def backups_beside(db: Path) -> list[Path]:
    return sorted(
        p for p in db.parent.iterdir() if re.fullmatch(re.escape(db.name) + BACKUP_NAME, p.name)
    )


def current_db(path: Path) -> Path:
    store = Store.open(str(path), who="me")
    try:
        store.import_document(parse_case_text(CASE))
    finally:
        store.close()
    return path


def old_db(path: Path) -> Path:
    """A database at revision 0001 (no change log yet) holding two cases, written with raw SQL
    as claimmap of that day would have."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    engine.dispose()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO analysts (id, name) VALUES (1, 'default')")
        for case_id, slug, title in ((1, "old-one", "Old one"), (2, "old-two", "Old two")):
            conn.execute(
                "INSERT INTO cases (id, slug, title, question, description, tags, analyst, "
                "created_at, updated_at) VALUES (?, ?, ?, 'Why?', NULL, '[]', 'default', "
                "'2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')",
                (case_id, slug, title),
            )
            for n in (1, 2):
                conn.execute(
                    "INSERT INTO hypotheses (case_id, key, label, statement, prior, position) "
                    "VALUES (?, ?, ?, '', NULL, ?)",
                    (case_id, f"H{n}", f"{title} hypothesis {n}", n - 1),
                )
            conn.execute(
                "INSERT INTO evidence (case_id, key, summary, source_id, date, kind, credibility, "
                "relevance, notes, tags, position) "
                "VALUES (?, 'E1', 'Seen in the old days', NULL, NULL, 'fact', NULL, NULL, NULL, '[]', 0)",
                (case_id,),
            )
            conn.execute(
                "INSERT INTO ratings (case_id, evidence_id, hypothesis_id, analyst_id, value, rationale) "
                "SELECT ?, e.id, h.id, 1, 'II', 'kept across the upgrade' FROM evidence e, hypotheses h "
                "WHERE e.case_id = ? AND h.case_id = ? AND h.key = 'H2'",
                (case_id, case_id, case_id),
            )
    conn.close()
    assert revision_in_file(path) == "0001"
    return path


# -- a new database -------------------------------------------------------------------------


def test_migrations_are_one_line_from_0001_to_head() -> None:
    script = ScriptDirectory(str(migrations_dir()))
    assert migrations_dir() == REPO / "db"  # the source tree's top-level folder
    assert script.get_heads() == [head_revision()]
    assert head_revision() == HEAD_REVISION  # the constant that spares opening Alembic
    chain = [r.revision for r in script.walk_revisions()][::-1]
    assert chain[:2] == ["0001", "0002"]
    files = sorted(p.name.split("_")[0] for p in (REPO / "db/versions").glob("0*.py"))
    assert chain == files


def test_new_database_is_built_by_the_migrations_and_matches_the_models(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    engine, made = open_engine(f"sqlite:///{db}")
    try:
        assert made is None  # nothing to back up
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), metadata
            )
        assert diff == []
    finally:
        engine.dispose()
    assert revision_in_file(db) == head_revision()
    assert sql(db, "PRAGMA journal_mode") == [("wal",)]
    assert {
        "cases",
        "hypotheses",
        "evidence",
        "ratings",
        "changes",
        "alembic_version",
    } <= tables_in_file(db)


def _schema(db: Path) -> list[tuple[str, ...]]:
    return sql(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")


def test_a_new_sqlite_file_gets_the_migrations_end_result_without_alembic(
    tmp_path: Path,
) -> None:
    """db/sqlite_schema.json is what the migrations make, statement for statement (if this
    fails after a new migration: `python -m claimmap.store.sqlite_schema`); a new file made
    from it is the file the migrations make, and opening it loads no Alembic."""
    revision, statements = sqlite_schema.stored(migrations_dir())
    assert (revision, statements) == (HEAD_REVISION, sqlite_schema.migrated_schema())

    by_migrations = tmp_path / "migrated.db"
    engine = make_engine(f"sqlite:///{by_migrations}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    probe = (
        "import sys\n"
        "from claimmap.store.engine import open_engine\n"
        "engine, _ = open_engine(f'sqlite:///{sys.argv[1]}')\n"
        "engine.dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    new = tmp_path / "new.db"
    run = subprocess.run(
        [sys.executable, "-c", probe, str(new)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
    assert len(_schema(new)) > 30
    assert _schema(new) == _schema(by_migrations)
    assert revision_in_file(new) == HEAD_REVISION


def test_without_a_schema_of_the_current_revision_the_migrations_make_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stale file (or none) is never used: the migrations make the new database."""
    made = []
    for stale in ({"revision": "0001", "statements": ["CREATE TABLE wrong (x)"]}, None):
        folder = tmp_path / f"db-{len(made)}"
        shutil.copytree(migrations_dir(), folder)
        (folder / sqlite_schema.FILE).unlink()
        if stale is not None:
            (folder / sqlite_schema.FILE).write_text(json.dumps(stale), encoding="utf-8")
        monkeypatch.setattr(engine_module, "migrations_dir", lambda folder=folder: folder)
        db = tmp_path / f"new-{len(made)}.db"
        engine, _ = open_engine(f"sqlite:///{db}")
        engine.dispose()
        made.append(db)
    reference = tmp_path / "reference.db"
    monkeypatch.undo()
    engine, _ = open_engine(f"sqlite:///{reference}")
    engine.dispose()
    for db in made:
        assert "wrong" not in tables_in_file(db)
        assert _schema(db) == _schema(reference)


def test_a_new_file_made_without_sqlalchemy_is_the_file_the_store_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`claimmap demo` on a first start makes its database with a bare sqlite3 connection
    (sqlite_schema.create_file): the same schema, revision and WAL mode as the Store's, never
    over a file that exists, and nothing at all from a stale schema file."""
    from claimmap.store import revision as revision_module

    reference = tmp_path / "by-store.db"
    engine, _ = open_engine(f"sqlite:///{reference}")
    engine.dispose()
    new = tmp_path / "bare.db"
    assert sqlite_schema.create_file(new)
    assert _schema(new) == _schema(reference)
    assert revision_in_file(new) == HEAD_REVISION
    assert sql(new, "PRAGMA journal_mode") == [("wal",)]
    engine, made = open_engine(f"sqlite:///{new}")  # the Store takes it as it is
    engine.dispose()
    assert made is None

    existing = tmp_path / "existing.db"
    existing.write_bytes(b"not to be touched")
    assert not sqlite_schema.create_file(existing)
    assert existing.read_bytes() == b"not to be touched"

    # only a plain path (or the default) is made so: a URL, with its options, is the Store's
    from claimmap.store.location import new_database_file

    assert new_database_file(str(tmp_path / "plain.db")) == tmp_path / "plain.db"
    assert new_database_file(f"sqlite:///{tmp_path}/options.db?timeout=10") is None
    assert new_database_file(str(tmp_path / "no-such-folder" / "x.db")) is None

    folder = tmp_path / "stale-db"
    shutil.copytree(migrations_dir(), folder)
    stale = {"revision": "0001", "statements": ["CREATE TABLE wrong (x)"]}
    (folder / sqlite_schema.FILE).write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(revision_module, "migrations_dir", lambda: folder)
    assert not sqlite_schema.create_file(tmp_path / "from-stale.db")
    assert not (tmp_path / "from-stale.db").exists()


def test_the_schema_comparison_does_see_a_missing_migration(tmp_path: Path) -> None:
    """The check above can fail: a database one migration behind differs from the models."""
    engine = make_engine(f"sqlite:///{tmp_path / 'behind.db'}")
    try:
        upgrade(engine, "0001")
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        upgrade(engine, "0002")
        with engine.connect() as conn:
            diff_0002 = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    added = [d[1].name for d in diff if isinstance(d, tuple) and d[0] == "add_table"]
    assert sorted(added) == ["changes", "judgements", "reviews", "teaching"]
    added = [d[1].name for d in diff_0002 if isinstance(d, tuple) and d[0] == "add_table"]
    columns = [
        (d[2], d[3].name) for d in diff_0002 if isinstance(d, tuple) and d[0] == "add_column"
    ]
    assert sorted(added) == ["judgements", "reviews", "teaching"]
    assert sorted(columns) == [("cases", "blind_until_rated"), ("evidence", "flags")]


# -- an older database ----------------------------------------------------------------------


def test_older_database_is_backed_up_then_upgraded_on_open(tmp_path: Path) -> None:
    db = old_db(tmp_path / "old.db")
    store = Store.open(str(db), who="me")
    try:
        made = store.backup_made
        assert made is not None
        assert made.parent == db.parent
        assert re.fullmatch(re.escape(db.name) + BACKUP_NAME, made.name), made.name
        assert backups_beside(db) == [made]
        # the backup is the database as it was: still at 0001, intact, with its cases
        assert revision_in_file(made) == "0001"
        assert sql(made, "PRAGMA integrity_check") == [("ok",)]
        assert "changes" not in tables_in_file(made)
        assert sql(made, "SELECT slug FROM cases ORDER BY id") == [("old-one",), ("old-two",)]
        # the database itself is at head, and the data survived
        assert current_revision(store.engine) == head_revision()
        summaries = store.list_cases()
        assert [(c.slug, c.hypotheses, c.evidence, c.ratings) for c in summaries] == [
            ("old-one", 2, 1, 1),
            ("old-two", 2, 1, 1),
        ]
        doc = store.export_document(summaries[0].id)
        assert [h.label for h in doc.hypotheses] == ["Old one hypothesis 1", "Old one hypothesis 2"]
        cell = doc.evidence[0].ratings["H2"]
        assert (cell.rating.value, cell.rationale) == ("II", "kept across the upgrade")
        # the new change log works on the old data
        store.rate(summaries[0].id, "E1", "H1", "C", "first edit after the upgrade")
        assert [e.action for e in store.history()] == ["rate E1 × H1: unrated → C"]
        # 0005's setting reads as off for the old cases, and can be switched on
        assert store.case_header(summaries[1].id).info.blind_until_rated is False
        store.update_case(summaries[1].id, {"blind_until_rated": True})
        assert store.export_document(summaries[1].id).case.blind_until_rated is True
    finally:
        store.close()
    assert revision_in_file(db) == head_revision()
    # opening it again makes no second backup
    again = Store.open(str(db))
    try:
        assert again.backup_made is None
    finally:
        again.close()
    assert backups_beside(db) == [made]


def test_cli_db_upgrade_on_an_old_database_backs_up_and_reports(tmp_path: Path) -> None:
    db = old_db(tmp_path / "old.db")
    run = cli("--db", str(db), "db", "upgrade")
    assert run.returncode == 0, run.stderr
    head = head_revision()
    lines = run.stdout.splitlines()
    assert lines[0] == f"schema at {head} (latest {head})"
    (made,) = backups_beside(db)
    assert lines[1:] == [f"the previous database is kept at {made}"]
    assert revision_in_file(made) == "0001"
    assert revision_in_file(db) == head


def test_cli_db_upgrade_on_a_current_database_makes_no_backup(tmp_path: Path) -> None:
    db = current_db(tmp_path / "current.db")
    before = sorted(tmp_path.iterdir())
    run = cli("--db", str(db), "db", "upgrade")
    assert run.returncode == 0, run.stderr
    head = head_revision()
    assert run.stdout == f"schema at {head} (latest {head})\n"
    assert backups_beside(db) == []
    assert [p for p in sorted(tmp_path.iterdir()) if p not in before] == []


# -- backups ------------------------------------------------------------------------------------


def test_cli_db_backup_makes_a_readable_copy_with_the_latest_edits(tmp_path: Path) -> None:
    db = current_db(tmp_path / "live.db")
    # Keep a writer open, so its last edit is still only in the write-ahead log: a plain file
    # copy would miss it, the online backup must not.
    store = Store.open(str(db), who="me")
    try:
        (case,) = store.list_cases()
        store.rate(case.id, "E2", "H1", "CC", "written just before the backup")
        assert (tmp_path / "live.db-wal").stat().st_size > 0
        copy = tmp_path / "copies" / "copy.db"
        run = cli("--db", str(db), "db", "backup", str(copy))
        assert run.returncode == 0, run.stderr
        assert run.stdout == f"backed up to {copy}\n"
        assert sql(copy, "PRAGMA integrity_check") == [("ok",)]
        original = store.list_cases()
        original_doc = store.export_document(case.id)
    finally:
        store.close()
    copied = Store.open(str(copy))
    try:
        assert copied.backup_made is None
        assert copied.list_cases() == original
        assert copied.export_document(case.id) == original_doc
        assert copied.export_document(case.id).evidence[1].ratings["H1"].rating.value == "CC"
    finally:
        copied.close()


def test_cli_db_backup_refuses_an_existing_target(tmp_path: Path) -> None:
    db = current_db(tmp_path / "live.db")
    target = tmp_path / "precious.db"
    target.write_bytes(b"do not overwrite me")
    run = cli("--db", str(db), "db", "backup", str(target))
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stderr == f"claimmap: {target} already exists; choose another name\n"
    assert target.read_bytes() == b"do not overwrite me"


def test_backup_into_a_folder_names_the_copy(tmp_path: Path) -> None:
    db = current_db(tmp_path / "live.db")
    folder = tmp_path / "backups"
    folder.mkdir()
    store = Store.open(str(db))
    try:
        made = store.backup(folder)
    finally:
        store.close()
    assert made.parent == folder
    assert re.fullmatch(r"live-\d{8}T\d{12}Z\.db", made.name), made.name
    assert revision_in_file(made) == head_revision()
    assert sql(made, "SELECT slug FROM cases") == [("current-case",)]


# -- files that are not claimmap databases --------------------------------------------------------


def assert_clean_refusal(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stdout == ""
    assert run.stderr.startswith("claimmap: ")
    return run.stderr


def test_a_file_that_is_not_a_database_is_refused_cleanly(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("these are my notes, not a database\n" * 20, encoding="utf-8")
    before = bogus.read_bytes()
    message = assert_clean_refusal(cli("--db", str(bogus), "list"))
    assert "cannot open database" in message
    assert str(bogus) in message
    assert "not a database" in message
    assert bogus.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_file_that_is_not_a_database_gives_a_one_line_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("these are my notes, not a database\n", encoding="utf-8")
    message = assert_clean_refusal(cli("--db", str(bogus), "list"))
    assert len(message.splitlines()) == 1, message


def foreign_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
        conn.execute("INSERT INTO recipes VALUES ('bread', 240)")
    conn.close()
    return path


def test_a_sqlite_database_of_something_else_is_refused_cleanly(tmp_path: Path) -> None:
    other = foreign_db(tmp_path / "recipes.db")
    message = assert_clean_refusal(cli("--db", str(other), "list"))
    assert len(message.splitlines()) == 1, message
    assert "recipes" in message and "not a claimmap database" in message
    # nothing of claimmap's was added, and the data is intact
    assert tables_in_file(other) == {"recipes"}
    assert sql(other, "SELECT * FROM recipes") == [("bread", 240)]
    assert backups_beside(other) == []


def test_a_refused_sqlite_database_keeps_its_journal_mode(tmp_path: Path) -> None:
    other = foreign_db(tmp_path / "recipes.db")
    assert sql(other, "PRAGMA journal_mode") == [("delete",)]
    assert_clean_refusal(cli("--db", str(other), "list"))
    assert sql(other, "PRAGMA journal_mode") == [("delete",)]


def test_a_database_from_a_newer_claimmap_is_refused(tmp_path: Path) -> None:
    db = current_db(tmp_path / "future.db")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    with pytest.raises(StoreError, match=r"newer claimmap.*upgrade claimmap"):
        Store.open(str(db))
    message = assert_clean_refusal(cli("--db", str(db), "list"))
    assert len(message.splitlines()) == 1, message
    assert "9999_from_the_future" in message
    assert "upgrade claimmap" in message
    # refused without touching it: no backup, no downgrade, the data still there
    assert backups_beside(db) == []
    assert revision_in_file(db) == "9999_from_the_future"
    assert sql(db, "SELECT slug FROM cases") == [("current-case",)]
    # `db upgrade` refuses it the same way rather than "upgrading" it
    assert "upgrade claimmap" in assert_clean_refusal(cli("--db", str(db), "db", "upgrade"))
    assert revision_in_file(db) == "9999_from_the_future"


# -- packaging ----------------------------------------------------------------------------------


@pytest.mark.skipif(
    os.environ.get("CLAIMMAP_SKIP_WHEEL") == "1", reason="CLAIMMAP_SKIP_WHEEL=1: no wheel build"
)
def test_wheel_ships_the_migrations_and_sample_cases(tmp_path: Path) -> None:
    """A non-editable install has everything: build the wheel (pip fetches hatchling, which
    may need the network; set CLAIMMAP_SKIP_WHEEL=1 to skip) and run from its contents."""
    out = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = out.glob("claimmap-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        needed = {
            "claimmap/db/env.py",
            "claimmap/db/script.py.mako",
            "claimmap/db/sqlite_schema.json",
            *(f"claimmap/db/versions/{p.name}" for p in (REPO / "db/versions").glob("0*.py")),
            "claimmap/sample_cases/hts-idlib-2018.yaml",
            # the demo's rows for a brand-new database (claimmap/demo_seed.py)
            "claimmap/sample_cases/hts-idlib-2018.rows.json",
        }
        assert "claimmap/db/versions/0001_domain_tables.py" in needed
        assert needed - names == set()
        site = tmp_path / "site"
        zf.extractall(site)

    # Run from the unpacked wheel instead of the source tree: the migrations create a database
    # and the sample case is found inside the package.
    probe = (
        "import claimmap, sys\n"
        "from claimmap.store.case_store import Store\n"
        "from claimmap.formats.samples import DEMO, sample_dir\n"
        "from claimmap.formats.casefile_read import read_case_file\n"
        "store = Store.open(sys.argv[1])\n"
        "case = store.import_document(read_case_file(sample_dir() / DEMO))\n"
        "print(claimmap.__file__)\n"
        "print(sample_dir())\n"
        "print(case.slug)\n"
        "from claimmap.demo_seed import make_rows, rows_file\n"
        "print(rows_file().read_text(encoding='utf-8') == make_rows())\n"
    )
    db = tmp_path / "from-wheel.db"
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-c", probe, str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    module_file, samples, slug, rows_current = run.stdout.splitlines()
    assert rows_current == "True"  # the wheel's demo rows are those of its sample
    assert Path(module_file).is_relative_to(site)
    assert Path(samples) == site / "claimmap" / "sample_cases"
    assert slug
    assert revision_in_file(db) == head_revision()
    shutil.rmtree(site)


def test_the_judgement_migration_is_plain_portable_sql() -> None:
    """0004 renders for PostgreSQL as plain CREATE TABLE with a SET NULL foreign key, so the
    same migration serves both databases."""
    from io import StringIO

    from alembic.config import Config
    from alembic.operations import Operations

    out = StringIO()
    context = MigrationContext.configure(
        dialect_name="postgresql", opts={"as_sql": True, "output_buffer": out}
    )
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config).get_revision("0004")
    assert script is not None
    with Operations.context(context):
        script.module.upgrade()
    text = out.getvalue()
    assert "CREATE TABLE judgements" in text
    assert "ON DELETE SET NULL" in text
    assert "AUTOINCREMENT" not in text and "PRAGMA" not in text


def test_the_blind_setting_migration_adds_a_column_in_place() -> None:
    """0005 is a plain ADD COLUMN on both engines: a batch would rebuild `cases` on SQLite,
    and dropping the old table cascades to every item of every case."""
    from io import StringIO

    from alembic.config import Config
    from alembic.operations import Operations

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config).get_revision("0005")
    assert script is not None
    for dialect, false in (("sqlite", "0"), ("postgresql", "false")):
        out = StringIO()
        context = MigrationContext.configure(
            dialect_name=dialect, opts={"as_sql": True, "output_buffer": out}
        )
        with Operations.context(context):
            script.module.upgrade()
        statements = [s.strip() for s in out.getvalue().split(";") if s.strip()]
        assert statements == [
            f"ALTER TABLE cases ADD COLUMN blind_until_rated BOOLEAN DEFAULT {false} NOT NULL"
        ]
