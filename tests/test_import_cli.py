"""Importing CSV matrices and PARC ACH files through the command line: good files are stored,
bad ones give the file, the place and the problem, exit 1, no traceback, and change nothing."""

from __future__ import annotations

import gzip
import json

import pytest


def _cases(cli) -> list[dict]:
    return json.loads(cli("list", "--json").output)


@pytest.mark.parametrize("fmt", ["csv", "achz"])
def test_export_then_import_through_the_cli(cli, small_file, tmp_path, fmt):
    assert cli("import", str(small_file)).exit_code == 0
    out = tmp_path / f"vase-copy.{fmt}"
    result = cli("export", "1", "-f", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    result = cli("import", str(out))
    assert result.exit_code == 0, result.output
    assert "3 hypotheses, 3 evidence items, 7 ratings" in result.output
    assert [c["slug"] for c in _cases(cli)] == ["who-broke-the-vase-من-كسر-المزهرية", "vase-copy"]


def test_format_option_overrides_the_suffix(cli, tmp_path):
    matrix = tmp_path / "matrix.txt"
    matrix.write_text("Evidence,Cat,Wind\nhair,C,I\n", encoding="utf-8")
    result = cli("import", "-f", "csv", str(matrix))
    assert result.exit_code == 0, result.output
    assert "2 hypotheses, 1 evidence items, 2 ratings" in result.output


BAD = {
    "m.csv": (b"Evidence,H1,H2\na,C,N\nb,N,C\nc,I,X\n", "row 4, column \"H2\": 'X' is not one"),
    "zip.achz": (b"PK\x03\x04", "not a PARC ACH file"),
    "bomb.achz": (
        gzip.compress(
            '<!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><ACH>&b;</ACH>'.encode(
                "utf-16"
            )
        ),
        "refused: the XML declares a DTD or entities",
    ),
    "short.achz": (gzip.compress("<ACH><MATRIX>".encode("utf-16"))[:-9], "damaged gzip data"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_changes_nothing(cli, small_file, tmp_path, name):
    assert cli("import", str(small_file)).exit_code == 0
    before = cli("export", "1").output
    data, expected = BAD[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    result = cli("import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}: " in result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert cli("export", "1").output == before
    assert len(_cases(cli)) == 1


def test_a_bad_matrix_in_a_batch_stores_nothing(cli, small_file, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Evidence,H1\n,C\n", encoding="utf-8")
    result = cli("import", str(small_file), str(bad))
    assert result.exit_code == 1
    assert 'row 2, column "Evidence": evidence text is empty' in result.output
    assert _cases(cli) == []


def test_validate_checks_a_matrix_without_storing_it(cli, tmp_path):
    good = tmp_path / "ok.csv"
    good.write_text("Evidence,Cat\nhair,C\n", encoding="utf-8")
    result = cli("validate", str(good))
    assert result.exit_code == 0
    assert "ok (1 hypotheses, 1 evidence items, 0 sources)" in result.output
    assert _cases(cli) == []


def test_xlsx_export_through_the_cli_is_a_workbook(cli, small_file, tmp_path):
    from openpyxl import load_workbook

    assert cli("import", str(small_file)).exit_code == 0
    out = tmp_path / "vase.xlsx"
    result = cli("export", "1", "-f", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["matrix", "scores", "evidence", "sources"]
    assert wb["matrix"].max_row == 1 + 3  # header and the three evidence items


def test_import_into_a_sqlite_file_needs_no_sqlalchemy(tmp_path):
    """`claimmap import` into a new SQLite file, and into an up-to-date one, makes and writes
    it with bare sqlite3 (store/sqlite_editor.py): SQLAlchemy never loads, and the Store
    reads back the same cases and the same logged imports."""
    import subprocess
    import sys

    from claimmap.store.case_store import Store

    repo = __import__("pathlib").Path(__file__).resolve().parents[1]
    samples = sorted(str(p) for p in (repo / "sample_cases").glob("*.yaml"))
    db = str(tmp_path / "new.db")
    probe = (
        "import sys\n"
        "from claimmap.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    for files in (samples[:1], samples[1:]):  # a new file, then one that exists
        run = subprocess.run(
            [sys.executable, "-c", probe, "--db", db, "import", *files],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip().splitlines()[-1] == "False"
    store = Store.open(db)
    try:
        assert len(store.list_cases()) == len(samples) == 3
        logged = sorted(e.action for e in store.history(None, 10))
        assert logged == sorted(f"import case {c.slug}" for c in store.list_cases())
    finally:
        store.close()
