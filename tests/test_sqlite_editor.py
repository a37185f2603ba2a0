"""`claimmap rate` on a SQLite file rates through a bare sqlite3 connection
(store/sqlite_editor.py): the same edit, logged the same way, as the Store's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_migrations import old_db

from claimmap.cli import main
from claimmap.cli.edit_commands import _case_fields, _fields
from claimmap.formats.casefile_read import read_case_file
from claimmap.scoring.matrix import RATING_CODES, UNRATED
from claimmap.store.case_store import Store
from claimmap.store.snapshot import from_json
from claimmap.store.sqlite_editor import SqliteEditor
from tests.conftest import SMALL_CASE


@pytest.fixture
def small_db(tmp_path: Path) -> str:
    source = tmp_path / "vase.yaml"
    source.write_text(SMALL_CASE, encoding="utf-8")
    path = str(tmp_path / "edit.db")
    store = Store.open(path, who="tester")
    store.import_document(read_case_file(source))
    store.close()
    return path


def _cli(db: str, *args: str):
    return CliRunner().invoke(main, ["--db", db, *args])


def _log(db: str) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT who, action, state FROM changes ORDER BY id").fetchall()


def test_a_rating_is_stored_logged_and_undone_as_the_stores_are(small_db) -> None:
    logged = len(_log(small_db))
    run = _cli(small_db, "--who", "rita", "rate", "1", "E3", "H2", "II", "-r", "قال ذلك")
    assert run.exit_code == 0, run.output
    assert _log(small_db)[logged:] == [("rita", "rate E3 × H2: unrated → II", "done")]
    store = Store.open(small_db, who="rita")
    try:
        matrix = store.matrix(1)
        cell = matrix.evidence.index("E3"), matrix.hypotheses.index("H2")
        assert matrix.ratings[0][cell] == RATING_CODES["II"]
        _, _, why = store.case_columns(1)
        assert why[("default", "E3", "H2")] == "قال ذلك"
        undone = store.undo(1)  # the Store takes back what the editor wrote
        assert undone is not None and undone.action == "rate E3 × H2: unrated → II"
        matrix = store.matrix(1)
        assert matrix.ratings[0][cell] == UNRATED
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["rate", "1", "E99", "H1", "C"], "no evidence item 'E99' in this case"),
        (["rate", "1", "E1", "H1", "C", "--as", "zed"], "zed is not an analyst of this case yet"),
    ],
)
def test_a_refused_rating_writes_nothing_and_holds_no_lock(small_db, args, said) -> None:
    logged = _log(small_db)
    run = _cli(small_db, *args)
    assert run.exit_code == 1
    assert said in run.output and "Traceback" not in run.output
    assert _log(small_db) == logged
    assert _cli(small_db, "rate", "1", "E1", "H1", "CC").exit_code == 0  # the lock was let go
    assert len(_log(small_db)) == len(logged) + 1


def test_the_editor_connection_has_the_stores_settings(small_db) -> None:
    editor = SqliteEditor.open_as(small_db, None)
    assert editor is not None
    try:
        assert editor.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert editor.conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
        assert editor.conn.execute("PRAGMA busy_timeout").fetchone() == (30_000,)
    finally:
        editor.close()


def test_an_older_database_is_upgraded_by_the_store_before_a_rating(tmp_path: Path) -> None:
    db = str(old_db(tmp_path / "old.db"))
    assert SqliteEditor.open_as(db, None) is None
    run = _cli(db, "rate", "old-one", "E1", "H1", "C")
    assert run.exit_code == 0, run.output
    assert "upgraded the database" in run.output
    assert "E1 × H1: C" in run.output


def test_undo_through_the_editor_refuses_over_a_colleagues_later_change(small_db) -> None:
    assert _cli(small_db, "--who", "rita", "rate", "1", "E3", "H2", "II").exit_code == 0
    assert _cli(small_db, "--who", "bob", "rate", "1", "E3", "H2", "C").exit_code == 0
    logged = _log(small_db)
    run = _cli(small_db, "--who", "rita", "undo", "1")
    assert run.exit_code == 1
    assert "cannot undo your rating E3 × H2: bob changed it since at" in run.output
    assert _log(small_db) == logged  # nothing was written
    run = _cli(small_db, "--who", "bob", "undo", "1")  # bob's own edit is his to take back
    assert run.output == "undone: rate E3 × H2: II → C\n"
    assert _cli(small_db, "--who", "bob", "redo", "1").output == "redone: rate E3 × H2: II → C\n"


def test_a_logged_row_naming_unknown_columns_is_refused_not_written_as_sql(small_db) -> None:
    assert _cli(small_db, "rate", "1", "E3", "H2", "II").exit_code == 0
    assert _cli(small_db, "rate", "1", "E3", "H2", "CC").exit_code == 0  # undo would update
    with sqlite3.connect(small_db) as conn:  # a hostile or damaged change log
        newest = "(SELECT max(id) FROM changes)"
        (before,) = conn.execute(f"SELECT before FROM changes WHERE id = {newest}").fetchone()
        hostile = before.replace('"value"', '"value = (SELECT 1) --"')
        assert hostile != before
        conn.execute(f"UPDATE changes SET before = ? WHERE id = {newest}", (hostile,))
    logged = _log(small_db)
    run = _cli(small_db, "undo", "1")
    assert run.exit_code == 1
    assert "the change log holds a ratings row with columns claimmap does not know" in run.output
    assert _log(small_db) == logged
    with sqlite3.connect(small_db) as conn:
        assert conn.execute("SELECT value FROM ratings WHERE value = 'CC'").fetchall() == [("CC",)]


def _rows(db: str, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


_ITEM_EDITS = [
    ("add", "1", "evidence", "summary=A draught was felt at noon.", "source=S2", "kind=fact"),
    ("add", "1", "hypothesis", "label=الطفل", "relations=[{kind: not_exclusive, target: H3}]"),
    ("set", "1", "E1", "credibility=5", "ratings={H1: CC, H4: II}", "tags=[hall, ذيل]"),
    ("set", "1", "A1", "hypotheses=[H2]", "notes="),
    ("set", "1", "H2", "relations=[{kind: subsumes, target: H1}]"),
]


def _copy_for_the_store(db: str, tmp_path: Path) -> tuple[str, Store]:
    """A copy of `db` and a Store on it as rita, to make there the edits the command line
    makes on `db`: the two must then hold and log the same rows."""
    copy = str(tmp_path / "by-store.db")
    with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return copy, Store.open(copy, who="rita")


def test_items_added_and_changed_by_the_editor_are_stored_and_logged_as_the_stores_are(
    small_db, tmp_path: Path
) -> None:
    # The same edits on two copies: through the command line (the editor, sqlite3) and
    # through the Store (SQLAlchemy). Every table and every change-log snapshot must agree.
    by_store, store = _copy_for_the_store(small_db, tmp_path)
    try:
        for command, _case, what, *pairs in _ITEM_EDITS:
            data = _fields(tuple(pairs))  # the command line's own reading of FIELD=VALUE
            if command == "add":
                kind = {"evidence": "evidence", "hypothesis": "hypotheses"}[what]
                store.add_item(1, kind, data)
            else:
                store.update_item(1, what, data)
    finally:
        store.close()
    for command, *args in _ITEM_EDITS:
        run = _cli(small_db, "--who", "rita", command, *args)
        assert run.exit_code == 0, run.output
    for table in (
        "hypotheses",
        "hypothesis_relations",
        "evidence",
        "ratings",
        "analysts",
        "assumption_hypotheses",
        "assumptions",
    ):
        sql = f"SELECT * FROM {table} ORDER BY id"
        assert _rows(small_db, sql) == _rows(by_store, sql), table
    log = "SELECT who, action, op, state, before, after FROM changes ORDER BY id"
    assert _rows(small_db, log) == _rows(by_store, log)
    assert _log(small_db)[-5:] == [
        ("rita", "add evidence E4", "done"),
        ("rita", "add hypothesis H4", "done"),
        ("rita", "edit evidence E1 (credibility, ratings, tags)", "done"),
        ("rita", "edit assumption A1 (hypotheses, notes)", "done"),
        ("rita", "edit hypothesis H2 (relations)", "done"),
    ]
    assert _rows(small_db, "SELECT label FROM hypotheses WHERE key = 'H4'") == [("الطفل",)]


def test_an_item_edit_by_the_editor_is_undone_and_redone_by_the_store(small_db) -> None:
    before = _rows(small_db, "SELECT * FROM ratings ORDER BY id")
    run = _cli(small_db, "set", "1", "E1", "ratings={H2: CC}")
    assert run.exit_code == 0, run.output
    assert _rows(small_db, "SELECT * FROM ratings ORDER BY id") != before
    store = Store.open(small_db)
    try:
        undone = store.undo(1)
        assert undone is not None and undone.action == "edit evidence E1 (ratings)"
    finally:
        store.close()
    assert _rows(small_db, "SELECT * FROM ratings ORDER BY id") == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["add", "1", "evidence", "id=H1", "summary=x"], "duplicate id 'H1'"),
        (["add", "1", "link", "kind=support", "from=E9", "to=H1"], "E9"),
        (["set", "1", "E2", "source=S9"], "S9"),
        (["set", "1", "E2", "credibility=7"], "credibility"),
        (["set", "1", "Z9", "notes=x"], "this case has no item 'Z9'"),
    ],
)
def test_a_refused_item_edit_writes_nothing_and_holds_no_lock(small_db, args, said) -> None:
    logged, items = _log(small_db), _rows(small_db, "SELECT * FROM evidence ORDER BY id")
    run = _cli(small_db, *args)
    assert run.exit_code == 1, run.output
    assert said in run.output and "Traceback" not in run.output
    assert _log(small_db) == logged
    assert _rows(small_db, "SELECT * FROM evidence ORDER BY id") == items
    assert _cli(small_db, "set", "1", "E2", "notes=still writable").exit_code == 0


def test_a_constraint_the_checks_missed_is_reported_without_sql_and_rolled_back(small_db):
    # a gap in validation (here a trigger stands in for one) must not reach the user as SQL
    with sqlite3.connect(small_db) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE UPDATE ON evidence "
            "BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END"
        )
    logged = _log(small_db)
    run = _cli(small_db, "set", "1", "E1", "notes=x")
    assert run.exit_code == 1
    assert "that edit would store the same thing twice or leave a dangling reference" in (
        run.output
    )
    assert "Traceback" not in run.output and "INSERT" not in run.output
    assert _log(small_db) == logged


def test_a_hypothesis_removed_by_the_editor_goes_with_what_hangs_on_it_and_comes_back(
    small_db,
) -> None:
    tables = (
        "hypotheses",
        "ratings",
        "hypothesis_relations",
        "assumption_hypotheses",
        "indicators",
        "links",
        "judgements",
    )
    before = {t: _rows(small_db, f"SELECT * FROM {t} ORDER BY id") for t in tables}
    run = _cli(small_db, "--who", "rita", "remove", "1", "H1")  # asks first, by slug
    assert run.exit_code == 1 and "Remove H1 from 'who-broke-the-vase" in run.output
    assert _rows(small_db, "SELECT count(*) FROM hypotheses WHERE key = 'H1'") == [(1,)]
    run = _cli(small_db, "--who", "rita", "remove", "1", "H1", "--yes")
    assert run.exit_code == 0, run.output
    # H1's ratings (E1, E2, E3), its assumption pair, its indicator and the link into it
    assert "1 hypotheses" in run.output and "3 ratings" in run.output
    assert "1 indicators" in run.output and "1 assumption_hypotheses" in run.output
    assert _rows(small_db, "SELECT key FROM hypotheses ORDER BY id") == [("H2",), ("H3",)]
    assert _log(small_db)[-1] == ("rita", "delete hypothesis H1", "done")
    store = Store.open(small_db, who="rita")
    try:
        undone = store.undo(1)
        assert undone is not None and undone.action == "delete hypothesis H1"
    finally:
        store.close()
    assert {t: _rows(small_db, f"SELECT * FROM {t} ORDER BY id") for t in tables} == before


def test_a_cited_source_is_not_removed_by_the_editor(small_db) -> None:
    logged = _log(small_db)
    run = _cli(small_db, "remove", "1", "S2", "--yes")
    assert run.exit_code == 1
    assert "source S2 is still cited by evidence E2" in run.output
    assert "Traceback" not in run.output and _log(small_db) == logged


_CASE_EDITS = [
    ("case", "title=Who broke it? من كسرها؟", "tags=hall, قطة"),
    (
        "judgement",
        "bottom_line=The cat did it",
        "hypothesis=H1",
        "likelihood=likely",
        "confidence=low",
    ),
    ("teaching", "notes=Ask who saw the cat", "learning_goals=[weigh absence]"),
    ("judgement", "confidence=high"),
]


def _without_times(text: str) -> object:
    """A logged snapshot with its time stamps left out (two copies are edited seconds apart)."""
    snap = from_json(text)
    for rows in snap.values():
        for row in rows.values():
            row.pop("updated_at", None)
            row.pop("created_at", None)
    return snap


def test_case_fields_changed_by_the_editor_are_stored_and_logged_as_the_stores_are(
    small_db, tmp_path: Path
) -> None:
    by_store, store = _copy_for_the_store(small_db, tmp_path)
    try:
        for part, *pairs in _CASE_EDITS:
            fields = _case_fields(tuple(pairs))  # the command line's own reading
            store.update_case(1, fields if part == "case" else {part: fields})
    finally:
        store.close()
    for part, *pairs in _CASE_EDITS:
        run = _cli(small_db, "--who", "rita", "set", "1", part, *pairs)
        assert run.exit_code == 0, run.output
    for sql in (
        "SELECT title, question, description, tags, blind_until_rated FROM cases",
        "SELECT * FROM teaching ORDER BY id",
        "SELECT case_id, bottom_line, hypothesis_id, likelihood, confidence, basis FROM judgements",
    ):
        assert _rows(small_db, sql) == _rows(by_store, sql), sql
    log = "SELECT who, action, op, state, before, after FROM changes ORDER BY id"
    mine, theirs = _rows(small_db, log), _rows(by_store, log)
    assert [row[:4] for row in mine] == [row[:4] for row in theirs]
    assert [[_without_times(t) for t in row[4:]] for row in mine] == [
        [_without_times(t) for t in row[4:]] for row in theirs
    ]
    assert mine[-1][1] == "edit case judgement"
    assert _rows(small_db, "SELECT title FROM cases") == [("Who broke it? من كسرها؟",)]


def test_a_refused_case_edit_by_the_editor_writes_nothing(small_db) -> None:
    logged = _log(small_db)
    fields = ("bottom_line=x", "hypothesis=H9", "likelihood=likely", "confidence=low")
    run = _cli(small_db, "set", "1", "judgement", *fields)
    assert run.exit_code == 1
    assert "unknown hypothesis 'H9' (known: H1, H2, H3)" in run.output
    run = _cli(small_db, "set", "1", "case", "title=")
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert _log(small_db) == logged


def test_the_editor_knows_its_own_edits_from_a_colleagues(small_db) -> None:
    # as the Store does (`written`): a form saved twice against the same reading is the
    # analyst's own change the second time, while a colleague's change in between is not
    from claimmap.store.stale import ChangedUnderneath

    (read_at,) = _rows(small_db, "SELECT max(id) FROM changes")[0]
    editor = SqliteEditor.open_as(small_db, "rita")
    assert editor is not None
    try:
        editor.update_item(1, "E1", {"notes": "first"}, expected=read_at)
        editor.update_item(1, "E1", {"notes": "second"}, expected=read_at)
        mine = {i for (i,) in _rows(small_db, f"SELECT id FROM changes WHERE id > {read_at}")}
        assert editor.written == mine and len(mine) == 2
        assert _cli(small_db, "--who", "bob", "set", "1", "E1", "notes=bob's").exit_code == 0
        with pytest.raises(ChangedUnderneath, match="changed by bob"):
            editor.update_item(1, "E1", {"notes": "third"}, expected=read_at)
    finally:
        editor.close()
    assert _rows(small_db, "SELECT notes FROM evidence WHERE key = 'E1'") == [("bob's",)]


def test_a_transaction_sqlite_ended_itself_leaves_its_own_error_to_tell(small_db) -> None:
    # on a full disk SQLite rolls back by itself; a second ROLLBACK would fail and hide why
    editor = SqliteEditor.open_as(small_db, None)
    assert editor is not None
    try:
        with pytest.raises(OSError, match="disk is full"), editor.writing() as conn:
            conn.execute("ROLLBACK")
            raise OSError("disk is full")
        assert not editor.conn.in_transaction
        assert _cli(small_db, "set", "1", "E2", "notes=written after").exit_code == 0
    finally:
        editor.close()
