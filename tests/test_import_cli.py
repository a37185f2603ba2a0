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
