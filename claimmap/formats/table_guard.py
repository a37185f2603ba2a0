"""Checks a rating matrix passes before it is read: that it is text and not a workbook or an
archive, which separator it uses, whether its quotes close, and that it is of a size claimmap
can hold. Each refusal names the row and column as a spreadsheet shows them."""

from __future__ import annotations

import csv
import io

from claimmap.formats.casefile_read import CaseFileError
from claimmap.formats.matrix_layout import FIELD_ALIASES
from claimmap.model.problems import Problem

# A matrix past these is a mistake or an attack, not a case; under them reading stays fast.
MAX_COLUMNS = 1_000
MAX_ROWS = 200_000
MAX_CELLS = 5_000_000

SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
_OTHER_SEPARATORS = {"|": "vertical bar", ":": "colon", "^": "caret"}
_MAGIC = [
    (b"PK\x03\x04", "this looks like XLSX or another zipped file, not CSV"),
    (b"\xd0\xcf\x11\xe0", "this looks like an old Excel (.xls) workbook, not CSV"),
    (b"\x1f\x8b", "this looks like a gzip file (a PARC ACH .achz?), not CSV"),
    (b"%PDF", "this looks like a PDF, not CSV"),
]


def refuse_binary(data: bytes, filename: str) -> None:
    for magic, message in _MAGIC:
        if data.startswith(magic):
            hint = "; import the .xlsx itself" if magic == b"PK\x03\x04" else ""
            raise CaseFileError(filename, [Problem((), message + hint)])
    nul = data.find(b"\x00")
    if nul >= 0:
        problem = Problem((), f"binary content (a NUL byte at offset {nul}); not a CSV text file")
        raise CaseFileError(filename, [problem])


def _rows(text: str, separator: str, limit: int) -> list[list[str]]:
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass  # reported properly once the separator is chosen
    return rows


def separator(text: str, filename: str) -> str:
    """Comma, or the semicolon or tab that spreadsheets in many locales write instead.

    A separator fits when it splits the header into several columns and every one of the
    first rows into no more columns than the header. One that fits is used; two that fit
    with different columns are refused, since guessing would scramble the matrix."""
    fitting: dict[str, int] = {}  # separator -> columns it gives the header
    exact: set[str] = set()  # those that give every row the header's columns
    named: dict[str, int] = {}  # separator -> header cells that are claimmap's column names
    data_rows = False
    for sep in SEPARATORS:
        rows = _rows(text, sep, 50)
        if rows and len(rows[0]) > 1 and all(len(r) <= len(rows[0]) for r in rows[1:]):
            fitting[sep] = len(rows[0])
            data_rows = len(rows) > 1
            if all(len(r) == len(rows[0]) for r in rows[1:]):
                exact.add(sep)
                named[sep] = sum(cell.strip().lower() in FIELD_ALIASES for cell in rows[0])
    if len(exact) > 1:
        # A header that spells out claimmap's columns (its own export) says which one it is.
        best = max(named.values())
        if best > 1 and sum(n == best for n in named.values()) == 1:
            return max(named, key=lambda s: named[s])
    if len(exact) > 1 and data_rows:
        names = " and ".join(f"{SEPARATORS[s]} ({fitting[s]} columns)" for s in sorted(exact))
        problem = Problem(
            ("row 1",),
            f"cannot tell which separator this file uses: {names} both fit; "
            "save it again with one separator, or quote the cells that contain the other",
        )
        raise CaseFileError(filename, [problem])
    if len(exact) == 1:
        return next(iter(exact))
    if fitting:
        return max(fitting, key=lambda s: fitting[s])
    first = text.split("\n", 1)[0]
    for sep, name in _OTHER_SEPARATORS.items():
        if first.count(sep) >= 2 and not any(s in first for s in SEPARATORS):
            problem = Problem(
                ("row 1",),
                f"columns seem separated by the {name} {sep!r}; claimmap reads "
                "comma, semicolon or tab",
            )
            raise CaseFileError(filename, [problem])
    return ","


def read_table(text: str, sep: str, filename: str) -> list[list[str]]:
    """Every row, refusing unclosed or stray quotes and matrices past the size limits."""
    table: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        for row in reader:
            table.append(row)
            if len(row) > MAX_COLUMNS:
                _too_big(
                    filename, f"row {len(table)}", f"{len(row):,} columns", MAX_COLUMNS, "columns"
                )
            if len(table) > MAX_ROWS + 1:
                _too_big(filename, f"row {len(table)}", f"over {MAX_ROWS:,} rows", MAX_ROWS, "rows")
    except csv.Error as exc:
        raise CaseFileError(filename, [_quote_problem(text, sep, table, str(exc))]) from None
    cells = sum(len(row) for row in table)
    if cells > MAX_CELLS:
        _too_big(filename, "(whole file)", f"{cells:,} cells", MAX_CELLS, "cells")
    return table


def _too_big(filename: str, where: str, what: str, limit: int, unit: str) -> None:
    problem = Problem((where,), f"{what}; claimmap reads matrices of up to {limit:,} {unit}")
    raise CaseFileError(filename, [problem])


def _quote_problem(text: str, sep: str, table: list[list[str]], reason: str) -> Problem:
    """Where a quote went wrong: the record after the last good one, in the column where the
    lenient reader says its last cell began."""
    number = len(table) + 1
    lenient = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    record = lenient[number - 1] if number - 1 < len(lenient) else []
    col = max(len(record), 1)
    header = table[0] if table else []
    name = header[col - 1] if number > 1 and col - 1 < len(header) else f"#{col}"
    if "end of data" in reason:
        message = 'a quoted cell is never closed (a " with no partner)'
    else:
        message = f"a quote is misplaced ({reason})"
    return Problem((f'row {number}, column "{name}"',), message)
