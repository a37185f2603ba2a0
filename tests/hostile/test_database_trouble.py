"""A damaged database gets one message naming it and what to do, never SQL or a traceback;
`claimmap db check` finds the damage; numeric options have bounds."""

from __future__ import annotations

import sqlite3

import pytest

from claimmap.store.db_errors import explain


def _damage(db_path, kind: str) -> None:
    conn = sqlite3.connect(db_path)
    if kind == "rating outside the enum":
        conn.execute("UPDATE ratings SET value = 'ZZ' WHERE id = (SELECT min(id) FROM ratings)")
    elif kind == "broken JSON":
        conn.execute(
            "UPDATE evidence SET tags = '[broken' WHERE id = (SELECT min(id) FROM evidence)"
        )
    elif kind == "dropped table":
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TABLE indicators")
    conn.commit()
    if kind == "corrupt page":
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    if kind == "corrupt page":
        data = bytearray(db_path.read_bytes())
        data[4096 : 4096 * 8] = b"\x5a" * (4096 * 7)
        db_path.write_bytes(bytes(data))


KINDS = ["rating outside the enum", "broken JSON", "dropped table", "corrupt page"]


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)  # damage done to a SQLite file
@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_database_gets_a_message_in_the_users_words(
    cli, small_file, db_path, tmp_path, kind
):
    assert cli("import", str(small_file)).exit_code == 0
    _damage(db_path, kind)
    commands = [("show", "1"), ("export", "1", "-o", str(tmp_path / "x.yaml"))]
    if kind in ("rating outside the enum", "corrupt page"):  # what `score` reads
        commands.append(("score", "1"))
    for args in commands:
        result = cli(*args)
        assert result.exit_code == 1, (args, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, lines
        assert str(db_path) in lines[0] and "claimmap db check" in lines[0]
        assert (
            "unexpected" not in lines[0] and "SQL" not in lines[0] and "Traceback" not in lines[0]
        )
    assert not (tmp_path / "x.yaml").exists()
    result = cli("db", "check")
    assert result.exit_code == 1
    assert "restore" in result.output and "backup" in result.output


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)  # damage done to a SQLite file
def test_db_check_names_each_problem(cli, small_file, db_path):
    assert cli("import", str(small_file)).exit_code == 0
    result = cli("db", "check")
    assert result.exit_code == 0 and result.output.strip().endswith("ok (1 cases)")
    _damage(db_path, "rating outside the enum")
    _damage(db_path, "broken JSON")
    out = cli("db", "check").output
    assert "'ZZ' is not one of CC, C, N, I, II, NA" in out
    assert "evidence row 1: tags is not readable JSON" in out
    _damage(db_path, "dropped table")
    assert "table 'indicators' is missing" in cli("db", "check").output


def test_a_full_disk_is_said_plainly(tmp_path):
    conn = sqlite3.connect(tmp_path / "small.db")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 3")
    with pytest.raises(sqlite3.Error) as caught:
        for _ in range(100):
            conn.execute("INSERT INTO t VALUES (?)", ("x" * 4000,))
    conn.close()
    said = explain(caught.value, "/data/cases.db")
    assert said == (
        "the disk holding the database /data/cases.db is full; nothing was written. "
        "Free some space and try again"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("history", "-n", "0"),
        ("history", "-n", "-5"),
        ("score", "1", "--draws", "-1"),
        ("score", "1", "--draws", "99999999999999999999"),
        ("score", "1", "--seed", "-1"),
    ],
)
def test_numeric_options_have_bounds(cli, small_file, args):
    assert cli("import", str(small_file)).exit_code == 0
    result = cli(*args)
    assert result.exit_code == 2
    assert "is not in the range" in result.output


@pytest.mark.parametrize(
    ("db", "expected"),
    [
        ("", "--db is empty"),
        ("sqlite://", "is an in-memory database, which keeps nothing"),
        ("sqlite:///:memory:", "is an in-memory database"),
        (":memory:", "is an in-memory database"),
    ],
)
def test_empty_and_in_memory_databases_are_refused(db, expected):
    from click.testing import CliRunner

    from claimmap.cli import main

    result = CliRunner().invoke(main, ["--db", db, "list"])
    assert result.exit_code == 1
    assert expected in result.output and "unexpected" not in result.output


@pytest.mark.parametrize("command", [("list",), ("show", "1"), ("export", "1"), ("history",)])
def test_a_database_in_a_missing_folder_is_refused_unless_the_command_makes_one(
    tmp_path, small_file, command
):
    from click.testing import CliRunner

    from claimmap.cli import main

    db = tmp_path / "no" / "such" / "cases.db"
    result = CliRunner().invoke(main, ["--db", str(db), *command])
    assert result.exit_code == 1
    assert f"the folder of the database {db} does not exist" in result.output
    assert not db.parent.exists()
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(small_file)])
    assert result.exit_code == 0, result.output
    assert db.is_file()


def _chattr(flag: str, *paths) -> bool:
    import subprocess

    try:
        done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True)
    except FileNotFoundError:
        return False
    return done.returncode == 0


@pytest.mark.parametrize("locked", ["file", "file and folder"])
def test_a_database_that_cannot_be_written_still_lists_shows_scores_and_exports(
    tmp_path, small_file, locked
):
    from click.testing import CliRunner

    from claimmap.cli import main

    folder = tmp_path / "media"
    folder.mkdir()
    db = folder / "cases.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "import", str(small_file)]).exit_code == 0
    paths = [db] if locked == "file" else [db, folder]
    if not _chattr("+i", *paths):
        pytest.skip("needs chattr +i (an immutable file stands in for read-only media)")
    try:
        before = db.read_bytes()
        for args in (("list",), ("show", "1"), ("score", "1", "--draws", "20"), ("export", "1")):
            result = runner.invoke(main, ["--db", str(db), *args])
            assert result.exit_code == 0, (args, result.output)
        assert "Who broke the vase" in runner.invoke(main, ["--db", str(db), "show", "1"]).output
        result = runner.invoke(main, ["--db", str(db), "rate", "1", "E1", "H1", "II"])
        assert result.exit_code == 1
        assert result.output.strip() == (
            f"claimmap: the database {db} is read-only (the file or its folder cannot be "
            "written); nothing was written"
        )
        assert db.read_bytes() == before
    finally:
        _chattr("-i", *paths)
