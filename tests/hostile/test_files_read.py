"""Files that are not what they claim are refused before anything is read or stored, with the
file, the row and the column; the readers stay linear up to their limits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from claimmap.formats import table_guard
from claimmap.formats.casefile_read import CaseFileError, parse_case_text
from claimmap.formats.csv_read import parse_csv
from claimmap.formats.xlsx_matrix import dump_xlsx
from claimmap.formats.xlsx_read import parse_xlsx
from tests.conftest import SMALL_CASE
from tests.helpers.case_strategies import matrix_of

BAD_CSV = {
    "unterminated quote": (
        b'Evidence,H1,H2\na,C,N\nb,"C,N\nc,I,I\n',
        'm.csv: row 3, column "H1": a quoted cell is never closed',
    ),
    "stray quote": (b'Evidence,H1\na"b"c,C\n"x"y,N\n', "m.csv: row 3, column"),
    "ambiguous separator": (
        b"Evidence;x,H1;y\na;b,C;N\n",
        "m.csv: row 1: cannot tell which separator this file uses: comma (2 columns) and semicolon",
    ),
    "unsupported separator": (
        b"Evidence|H1|H2\na|C|N\n",
        "m.csv: row 1: columns seem separated by the vertical bar",
    ),
    "xlsx renamed": (b"PK\x03\x04\x14\x00rest", "m.csv: (top level): this looks like XLSX"),
    "gzip": (b"\x1f\x8b\x08\x00rest", "m.csv: (top level): this looks like a gzip file"),
    "binary": (
        b"Evidence,H1\na\x00b,C\n",
        "m.csv: (top level): binary content (a NUL byte at offset 13)",
    ),
    "no hypothesis column": (
        b"id,summary,source\nE1,x,S1\n",
        "m.csv: row 1: the header names no hypothesis column",
    ),
    "too many columns": (
        ("Evidence," + ",".join(f"h{i}" for i in range(1000)) + "\nx\n").encode(),
        "m.csv: row 1: 1,001 columns; claimmap reads matrices of up to 1,000 columns",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_CSV))
def test_a_csv_that_is_not_a_matrix_is_refused_with_row_and_column(name):
    data, expected = BAD_CSV[name]
    with pytest.raises(CaseFileError) as caught:
        parse_csv(data, "m.csv")
    assert expected in caught.value.render()


def test_row_and_cell_limits_refuse_with_a_reason(monkeypatch):
    monkeypatch.setattr(table_guard, "MAX_ROWS", 3)
    with pytest.raises(CaseFileError, match="over 3 rows"):
        parse_csv(b"Evidence,H1\n" + b"x,C\n" * 5, "m.csv")
    monkeypatch.setattr(table_guard, "MAX_ROWS", 100)
    monkeypatch.setattr(table_guard, "MAX_CELLS", 10)
    with pytest.raises(CaseFileError, match="12 cells; claimmap reads matrices of up to 10 cells"):
        parse_csv(b"Evidence,H1\n" + b"x,C\n" * 5, "m.csv")


def test_new_ids_skip_the_ones_a_wide_matrix_gives():
    names = [f"H{i}: given" if i % 3 == 0 else f"bare {i}" for i in range(1, 991)]
    doc = parse_csv(("Evidence," + ",".join(names) + "\nx\n").encode(), "wide.csv")
    ids = [h.id for h in doc.hypotheses]
    assert len(set(ids)) == 990
    assert ids[:6] == ["H1", "H2", "H3", "H4", "H5", "H6"]  # bare 1, bare 2, H3 given, …
    assert ids[2] == "H3" and ids[5] == "H6" and ids[-1] == "H990"
    assert {h.label for h in doc.hypotheses[2::3]} == {"given"}


def test_an_xlsx_matrix_imports_like_the_csv_it_carries(cli, tmp_path):
    doc = parse_case_text(SMALL_CASE)
    assert matrix_of(parse_xlsx(dump_xlsx(doc), "v.xlsx")) == matrix_of(doc)
    path = tmp_path / "vase.xlsx"
    path.write_bytes(dump_xlsx(doc))
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    assert "3 hypotheses, 3 evidence items, 7 ratings" in result.output


def test_a_damaged_or_inflating_workbook_is_refused(monkeypatch):
    with pytest.raises(CaseFileError, match="not an XLSX workbook"):
        parse_xlsx(b"PK\x03\x04 not really a zip", "b.xlsx")
    from claimmap.formats import xlsx_read

    monkeypatch.setattr(xlsx_read, "MAX_BYTES", 100)
    with pytest.raises(CaseFileError, match="inflates to"):
        parse_xlsx(dump_xlsx(parse_case_text(SMALL_CASE)), "b.xlsx")


def test_a_parc_file_past_the_limits_is_refused(monkeypatch):
    from claimmap.formats.achz_read import parse_achz
    from claimmap.formats.achz_write import dump_achz

    monkeypatch.setattr(table_guard, "MAX_ROWS", 2)
    with pytest.raises(CaseFileError, match="3 evidence items; claimmap reads up to 2"):
        parse_achz(dump_achz(parse_case_text(SMALL_CASE)), "v.achz")


def test_folders_and_devices_are_refused_before_reading(cli, tmp_path):
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path}: (top level): is a folder, not a file" in result.output
    result = cli("import", "/dev/zero")
    assert result.exit_code == 1
    assert "/dev/zero: (top level): is a device or socket, not a regular file" in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "claimmap.cli",
            "--db",
            str(tmp_path / "x.db"),
            "validate",
            str(fifo),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "is a FIFO (named pipe), not a regular file" in done.stderr


def test_standard_input_has_the_file_size_cap(cli, monkeypatch):
    from claimmap.formats import casefile_read

    monkeypatch.setattr(casefile_read, "MAX_BYTES", 1000)
    result = cli("import", "-", input=SMALL_CASE + "#" * 2000 + "\n")
    assert result.exit_code == 1
    assert "<stdin>: (top level): too much input; the limit is 0 MiB" in result.output


def test_a_batch_import_checks_every_file_before_storing_any(cli, tmp_path, small_file):
    other = tmp_path / "other.yaml"
    other.write_text(SMALL_CASE.replace('title: "Who', 'slug: other\n  title: "Who'), "utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: claimmap/1\ncase: {question: x}\n", "utf-8")
    result = cli("import", str(small_file), str(broken), str(other))
    assert result.exit_code == 1
    assert f"{broken}: case.title" in result.output
    assert "nothing was imported (3 files checked)" in result.output
    assert cli("list", "--json").output.strip() == "[]"

    twin = tmp_path / "twin.yaml"
    twin.write_text(SMALL_CASE, "utf-8")
    result = cli("import", str(other), str(small_file), str(twin))
    assert result.exit_code == 1
    assert (
        f"{twin}: case.slug: case slug" in result.output
        and f"slug of {small_file}" in result.output
    )
    assert cli("list", "--json").output.strip() == "[]"

    assert cli("import", str(small_file)).exit_code == 0
    result = cli("import", str(other), str(twin))
    assert result.exit_code == 1
    assert f"{twin}: case.slug: a case with slug" in result.output
    assert '"slug": "other"' not in cli("list", "--json").output
