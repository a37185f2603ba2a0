"""The rating matrix as CSV: evidence rows × hypothesis columns (see matrix_layout).

Written as UTF-8 with a byte-order mark: Excel opens a UTF-8 CSV correctly only when it
starts with one (without it, Arabic and emoji turn into mojibake); LibreOffice, pandas
(`encoding="utf-8-sig"`) and claimmap's own reader skip it. Rows end in CRLF as RFC 4180
says, and Python's csv module quotes any field holding a comma, a quote or a line break.
"""

from __future__ import annotations

import csv
import io

from claimmap.formats.matrix_layout import rows
from claimmap.model.document import CaseDocument

BOM = "\ufeff"


def dump_csv(doc: CaseDocument) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows(doc))
    return BOM + out.getvalue()
