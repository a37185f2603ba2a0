"""Read a rating matrix from an XLSX workbook: claimmap's own export, or a sheet made by hand.

The sheet named "matrix" (else the first) is read exactly like a CSV matrix (csv_read), so
the same layout rules, limits and located messages apply; rows and columns are numbered as
the spreadsheet shows them. Workbooks are zip files, so the sizes inside are checked before
anything is inflated."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from claimmap.formats import table_guard
from claimmap.formats.casefile_read import MAX_BYTES, CaseFileError
from claimmap.formats.csv_read import parse_table
from claimmap.model.document import CaseDocument
from claimmap.model.problems import Problem


def _fail(filename: str, message: str) -> CaseFileError:
    return CaseFileError(filename, [Problem((), message)])


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_zip(data: bytes, filename: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _fail(filename, "not an XLSX workbook (the zip container is damaged)") from None
    if inflated > 4 * MAX_BYTES:
        limit = 4 * MAX_BYTES // (1024 * 1024)
        raise _fail(filename, f"inflates to {inflated:,} bytes; refused above {limit} MiB")


def parse_xlsx(data: bytes, filename: str) -> CaseDocument:
    import openpyxl  # loaded only when a workbook is read

    if not data.startswith(b"PK\x03\x04"):
        raise _fail(filename, "not an XLSX workbook (it does not start like a zip file)")
    _check_zip(data, filename)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise _fail(filename, f"not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        sheet = book["matrix"] if "matrix" in book.sheetnames else book.worksheets[0]
        table: list[list[str]] = []
        for row in sheet.iter_rows(values_only=True):
            if len(row) > table_guard.MAX_COLUMNS:
                raise _fail(
                    filename,
                    f"row {len(table) + 1} has {len(row):,} columns; "
                    f"claimmap reads matrices of up to {table_guard.MAX_COLUMNS:,}",
                )
            table.append([_cell_text(v) for v in row])
            if len(table) > table_guard.MAX_ROWS + 1:
                raise _fail(filename, f"over {table_guard.MAX_ROWS:,} rows; refused")
    finally:
        book.close()
    return parse_table(table, filename)
