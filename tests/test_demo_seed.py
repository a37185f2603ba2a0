"""`claimmap demo` on a brand-new database writes the sample's prepared rows
(claimmap/demo_seed.py) instead of importing its YAML: the database must end up holding what
an import makes, and anything but a brand-new SQLite database must still be imported."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimmap import demo_seed
from claimmap.cli import main
from claimmap.formats import casefile_read
from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.samples import DEMO, DEMO_SLUG, sample_dir
from claimmap.samples import resolve_target
from claimmap.store.case_store import Store
from claimmap.store.snapshot import capture_case_json
from claimmap.store.sqlite_editor import SqliteEditor

STAMPS = ("created_at", "updated_at")


def _editor(path: Path) -> SqliteEditor:
    editor = SqliteEditor.open_as(str(path), "tester", create=True)
    assert editor is not None
    return editor


def _contents(path: Path) -> dict[str, object]:
    """Every row of the database's one case, its analysts and its change log, without the
    time stamps (which differ between any two imports)."""
    conn = sqlite3.connect(path)
    try:
        ((case_id,),) = conn.execute("SELECT id FROM cases").fetchall()
        tables = json.loads(capture_case_json(conn, case_id))
        stamps = [tables["cases"]["columns"].index(s) for s in STAMPS]
        for at in stamps:
            tables["cases"]["rows"][0][at] = None
        changes = conn.execute('SELECT case_id, who, action, op, state, "before" FROM changes')
        return {
            "tables": tables,
            "analysts": conn.execute("SELECT id, name FROM analysts").fetchall(),
            "changes": changes.fetchall(),
        }
    finally:
        conn.close()


def _case_files_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every case file read (the import path); none is expected when seeded."""
    read: list[Path] = []
    real = casefile_read.read_case_file

    def reading(path: Path):  # type: ignore[no-untyped-def]
        read.append(Path(path))
        return real(path)

    monkeypatch.setattr(casefile_read, "read_case_file", reading)
    return read


def test_the_committed_rows_are_those_of_the_sample_today() -> None:
    # After a change to the sample or the schema: python -m claimmap.demo_seed
    assert demo_seed.rows_file().read_text(encoding="utf-8") == demo_seed.make_rows()


def test_a_new_database_is_seeded_with_what_an_import_would_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _case_files_read(monkeypatch)
    seeded = _editor(tmp_path / "seeded.db")
    case_id, note = resolve_target(seeded, None, demo=True)
    seeded.close()
    assert read == []  # written from the rows: the YAML was never read
    assert note == f"imported the sample case {DEMO_SLUG!r} from {DEMO}"

    imported = _editor(tmp_path / "imported.db")
    assert imported.import_document(read_case_file(sample_dir() / DEMO)).id == case_id
    imported.close()
    assert _contents(tmp_path / "seeded.db") == _contents(tmp_path / "imported.db")


def test_the_seeded_case_reads_back_as_the_sample_and_undoes_as_an_import(
    tmp_path: Path,
) -> None:
    path = tmp_path / "demo.db"
    editor = _editor(path)
    case_id, _ = resolve_target(editor, None, demo=True)
    editor.close()
    store = Store.open(str(path), who="tester")
    try:
        doc = store.export_document(case_id)
        assert doc == read_case_file(sample_dir() / DEMO)
        assert "انسحابات هيئة تحرير الشام" in doc.case.title  # the RTL title, intact
        (entry,) = store.history(case_id)
        assert entry.action == f"import case {DEMO_SLUG}"
        store.undo(case_id)
        assert store.list_cases() == []
        store.redo()
        assert store.export_document(store.case_id(DEMO_SLUG)) == doc
    finally:
        store.close()


@pytest.mark.parametrize("used_by", ["another case", "an undone import"])
def test_a_database_already_used_gets_the_sample_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, used_by: str
) -> None:
    path = tmp_path / "used.db"
    editor = _editor(path)
    other = editor.import_document(read_case_file(sample_dir() / "kpg-extinction.yaml"))
    if used_by == "an undone import":  # no case left, but its change can be redone
        editor.undo(other.id)
    read = _case_files_read(monkeypatch)
    case_id, _ = resolve_target(editor, None, demo=True)
    editor.close()
    assert read == [sample_dir() / DEMO]
    store = Store.open(str(path), who="tester")
    try:
        assert store.export_document(case_id) == read_case_file(sample_dir() / DEMO)
    finally:
        store.close()


@pytest.mark.parametrize("damage", ["stale", "missing", "garbled"])
def test_rows_that_do_not_match_the_sample_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    rows = tmp_path / "rows.json"
    if damage == "stale":  # made from another version of the sample
        seed = json.loads(demo_seed.rows_file().read_text(encoding="utf-8"))
        seed["sha256"] = "0" * 64
        rows.write_text(json.dumps(seed), encoding="utf-8")
    elif damage == "garbled":
        shutil.copy(demo_seed.rows_file(), rows)
        rows.write_bytes(rows.read_bytes()[:-200])
    monkeypatch.setattr(demo_seed, "rows_file", lambda: rows)
    read = _case_files_read(monkeypatch)
    editor = _editor(tmp_path / "new.db")
    case_id, _ = resolve_target(editor, None, demo=True)
    editor.close()
    assert read == [sample_dir() / DEMO]
    store = Store.open(str(tmp_path / "new.db"), who="tester")
    try:
        assert store.export_document(case_id) == read_case_file(sample_dir() / DEMO)
    finally:
        store.close()


def test_demo_print_on_a_new_database(tmp_path: Path) -> None:
    db = str(tmp_path / "first.db")
    result = CliRunner().invoke(main, ["--db", db, "demo", "--print"])
    assert result.exit_code == 0, result.output
    assert "انسحابات هيئة تحرير الشام في ريف إدلب" in result.output
    again = CliRunner().invoke(main, ["--db", db, "list"])
    assert again.output.count(DEMO_SLUG) == 1
