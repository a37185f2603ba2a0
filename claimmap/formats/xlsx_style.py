"""The XLSX export's workbook: openpyxl for its structure, the cell data streamed as XML.

openpyxl writes the workbook, the styles, frozen panes, column widths, cell comments and their
drawings. Writing each of 5,000 × 58 cells through openpyxl's cell objects takes about 4 s
even in write-only mode with lxml, so the cells themselves are written here as the same
`<sheetData>` XML (inline strings, numbers, style ids openpyxl assigned) and swapped into the
sheet part as the zip is written. Every zip entry and the document properties carry one fixed
time, so the same case gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from claimmap.formats.xml_text import xml_safe

MAX_CELL_TEXT = 32_767  # Excel's limit; longer text is cut and ends in "…"
FIXED_TIME = dt.datetime(2000, 1, 1)

# Rating colours: greens for consistent, reds for inconsistent, grey neutral, pale NA.
RATING_COLOURS = {
    "CC": "63BE7B",
    "C": "C6EFCE",
    "N": "D9D9D9",
    "I": "FFC7CE",
    "II": "F8696B",
    "NA": "F7F7F7",
}
HEADER = {
    "font": Font(bold=True),
    "fill": PatternFill("solid", fgColor="DDEBF7"),
    "alignment": Alignment(wrap_text=True, vertical="top"),
}
WRAP = {"alignment": Alignment(wrap_text=True, vertical="top")}
RATING = {
    code: {"fill": PatternFill("solid", fgColor=c), "alignment": Alignment(horizontal="center")}
    for code, c in RATING_COLOURS.items()
}


def text(value: str) -> str:
    safe = xml_safe(value)
    return safe if len(safe) <= MAX_CELL_TEXT else safe[: MAX_CELL_TEXT - 1] + "…"


def _escape(value: str) -> str:
    # A carriage return would come back as a line feed (XML normalises line ends).
    return (
        text(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


class Rows:
    """A sheet's cells as `<sheetData>` XML. Strings are always inline strings, so text that
    starts with '=' stays text; None and '' leave the cell out."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.count = 0
        self.width = 0
        self.letters: list[str] = []
        self._cache: dict[tuple[Any, int], str] = {}

    def append(self, values: Sequence[Any], styles: Sequence[int] = ()) -> None:
        self.count += 1
        n = self.count
        while len(self.letters) < len(values):
            self.letters.append(get_column_letter(len(self.letters) + 1))
        self.width = max(self.width, len(values))
        cells = []
        for i, value in enumerate(values):
            if value is None or value == "":
                continue
            style = styles[i] if i < len(styles) else 0
            cells.append(f'<c r="{self.letters[i]}{n}"{self._body(value, style)}')
        self.parts.append(f'<row r="{n}">{"".join(cells)}</row>')

    def _body(self, value: Any, style: int) -> str:
        """A cell after its reference; short texts (rating codes, kinds) are cached."""
        key = (value, style)
        if key in self._cache:
            return self._cache[key]
        s = f' s="{style}"' if style else ""
        if isinstance(value, str):
            body = f'{s} t="inlineStr"><is><t xml:space="preserve">{_escape(value)}</t></is></c>'
        else:
            body = f"{s}><v>{value!r}</v></c>"
        if isinstance(value, str) and len(value) <= 12:
            self._cache[key] = body
        return body

    def xml(self) -> str:
        return "<sheetData>" + "".join(self.parts) + "</sheetData>"

    def dimension(self) -> str:
        return f"A1:{get_column_letter(max(self.width, 1))}{max(self.count, 1)}"


class Book:
    def __init__(self) -> None:
        self.wb = Workbook(write_only=True)
        self.rows: list[Rows] = []  # per worksheet, in order
        self._styles: dict[str, int] = {}

    def sheet(self, title: str, freeze: str, widths: Sequence[float]) -> tuple[Any, Rows]:
        ws = self.wb.create_sheet(title)
        ws.freeze_panes = freeze
        for i, size in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = size
        rows = Rows()
        self.rows.append(rows)
        return ws, rows

    def style(self, name: str, ws: WriteOnlyWorksheet, settings: dict[str, Any]) -> int:
        """The workbook's style id for these settings (registered once through openpyxl)."""
        if name not in self._styles:
            template = WriteOnlyCell(ws)
            for key, value in settings.items():
                setattr(template, key, value)
            self._styles[name] = template.style_id
        return self._styles[name]

    def save(self) -> bytes:
        props = self.wb.properties
        props.created = props.modified = FIXED_TIME
        props.creator = "claimmap"
        out = io.BytesIO()
        with _StableZip(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            # openpyxl numbers worksheet parts in workbook order (ExcelWriter._write_worksheets).
            archive.sheets = {f"xl/worksheets/sheet{i}.xml": r for i, r in enumerate(self.rows, 1)}
            ExcelWriter(self.wb, archive).save()
        return out.getvalue()


def note(value: str) -> Comment:
    return Comment(text(value), "claimmap", width=300, height=100)


_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>.*</sheetData>", re.DOTALL)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


class _StableZip(zipfile.ZipFile):
    """Fixed timestamps on every entry; sheet parts get their streamed cell data."""

    sheets: dict[str, Rows]

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        name = arcname or str(filename)
        with open(filename, "rb") as handle:
            data = handle.read()
        rows = self.sheets.get(name)
        if rows is not None:
            cells = rows.xml().encode("utf-8")
            data = _SHEET_DATA.sub(lambda _: cells, data, count=1)
            dim = f'<dimension ref="{rows.dimension()}"/>'.encode()
            data = _DIMENSION.sub(lambda _: dim, data, count=1)
        self.writestr(name, data)
