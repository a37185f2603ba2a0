"""The rating matrix as CSV: evidence rows × hypothesis columns (see matrix_layout).

Written as UTF-8 with a byte-order mark: Excel opens a UTF-8 CSV correctly only when it
starts with one (without it, Arabic and emoji turn into mojibake); LibreOffice, pandas
(`encoding="utf-8-sig"`) and claimmap's own reader skip it. Rows end in CRLF as RFC 4180
says, and Python's csv module quotes any field holding a comma, a quote or a line break.

A cell that starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) would be run
by Excel or LibreOffice when the file is opened ("formula injection"); it is written with the
apostrophe prefix those programs read as "this is text", and so is a cell that already starts
with an apostrophe, so claimmap's reader can take exactly one off and get the text back.
"""

from __future__ import annotations

import csv
import io

from claimmap.formats.matrix_layout import rows
from claimmap.model.document import CaseDocument

BOM = "\ufeff"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: str) -> str:
    """A cell a spreadsheet will show, not run."""
    return "'" + cell if cell.startswith((*FORMULA_STARTS, "'")) else cell


def from_text(cell: str) -> str:
    """The cell `as_text` was given: one apostrophe off, where `as_text` put one on."""
    return cell[1:] if cell[:1] == "'" and cell[1:2].startswith((*FORMULA_STARTS, "'")) else cell


def dump_csv(doc: CaseDocument) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(
        [as_text(cell) if isinstance(cell, str) else cell for cell in row] for row in rows(doc)
    )
    return BOM + out.getvalue()
