"""Read a CSV rating matrix into a case: claimmap's own export, or a matrix made by hand.

A hand-made matrix needs only a header row, a first column of evidence text and one column
per hypothesis holding CC, C, N, I, II or NA (any case; "C C" and "N/A" too; blank = unrated).
Columns named like claimmap's (id, summary, source, reliability, date, kind, credibility,
relevance) are read as those fields wherever they stand. A hypothesis header "H2: Wind"
gives the id H2 and the label "Wind"; a bare "Wind" gets the next free id.

Problems name the row and column as a spreadsheet shows them (the header is row 1):
`m.csv: row 4, column "H2": 'X' is not one of CC, C, N, I, II, NA`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimmap.formats import table_guard
from claimmap.formats.casefile_read import CaseFileError
from claimmap.formats.csv_matrix import from_text
from claimmap.formats.imported import (
    FreshIds,
    case_info,
    empty_document,
    finish,
    level_word,
    rating_code,
)
from claimmap.formats.matrix_layout import FIELD_ALIASES, id_and_text
from claimmap.model.document import CaseDocument
from claimmap.model.problems import Loc, Problem


def _where(row: int, column: str) -> str:
    return f'row {row}, column "{column}"'


@dataclass
class _Layout:
    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)  # field name -> column index
    hypotheses: list[tuple[int, str]] = field(default_factory=list)  # (column, hypothesis id)


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(
            (),
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the sheet as “CSV UTF-8”",
        )
        raise CaseFileError(filename, [problem]) from None


def _layout(
    headers: list[str], doc: dict[str, Any], problems: list[Problem], ids: FreshIds
) -> _Layout:
    layout = _Layout(headers)
    for col, text in enumerate(headers):
        name = FIELD_ALIASES.get(text.strip().lower())
        if name and name not in layout.fields:
            layout.fields[name] = col
    if "summary" not in layout.fields and headers and 0 not in layout.fields.values():
        layout.fields["summary"] = 0  # a hand-made matrix: evidence text comes first
    taken = set(layout.fields.values())
    parsed = [
        (col, id_and_text(text), text) for col, text in enumerate(headers) if col not in taken
    ]
    ids.used.update(pair[0] for _, pair, _ in parsed if pair)
    for col, pair, text in parsed:
        if not text.strip():
            problems.append(Problem((_where(1, f"#{col + 1}"),), "hypothesis column has no header"))
            continue
        hyp_id, label = pair if pair else (ids.take("H"), text)
        doc["hypotheses"].append({"id": hyp_id, "label": label if label.strip() else hyp_id})
        layout.hypotheses.append((col, hyp_id))
    return layout


class _Reader:
    """Builds the document row by row and remembers where each item came from."""

    def __init__(
        self, layout: _Layout, doc: dict[str, Any], problems: list[Problem], ids: FreshIds
    ):
        self.layout, self.doc, self.problems, self.ids = layout, doc, problems, ids
        self.rows: list[int] = []  # CSV row of evidence[i]
        self.source_rows: list[int] = []  # CSV row where sources[k] first appeared
        self.sources: dict[str, dict[str, Any]] = {}  # cell text -> source

    def cell(self, cells: list[str], name: str) -> str:
        col = self.layout.fields.get(name)
        return cells[col] if col is not None and col < len(cells) else ""

    def add_row(self, number: int, cells: list[str]) -> None:
        item: dict[str, Any] = {"summary": self.cell(cells, "summary")}
        if not item["summary"].strip():
            self.problem(number, "summary", "evidence text is empty")
        given_id = self.cell(cells, "id").strip()
        if given_id:
            self.ids.used.add(given_id)
        item["id"] = given_id or self.ids.take("E", len(self.rows) + 1)
        for name in ("date", "kind", "credibility", "relevance"):
            value = self.cell(cells, name).strip()
            if value:
                item[name] = value.lower() if name == "kind" else level_word(value)
        self.add_source(number, cells, item)
        ratings = {}
        for col, hyp_id in self.layout.hypotheses:
            try:
                code = rating_code(cells[col] if col < len(cells) else "")
            except ValueError as exc:
                self.problems.append(Problem((_where(number, self.layout.headers[col]),), str(exc)))
                continue
            if code is not None:
                ratings[hyp_id] = code
        item["ratings"] = ratings
        self.doc["evidence"].append(item)
        self.rows.append(number)

    def add_source(self, number: int, cells: list[str], item: dict[str, Any]) -> None:
        text = self.cell(cells, "source")
        reliability = self.cell(cells, "reliability").strip().upper()
        if not text.strip():
            if reliability:
                self.problem(number, "reliability", "reliability given without a source")
            return
        source = self.sources.get(text)
        if source is None:
            pair = id_and_text(text)
            if pair:
                self.ids.used.add(pair[0])
            source_id = pair[0] if pair else self.ids.take("S")
            source = {"id": source_id, "title": pair[1] if pair and pair[1] else text}
            self.sources[text] = source
            self.doc["sources"].append(source)
            self.source_rows.append(number)
        if reliability:
            known = source.setdefault("reliability", reliability)
            if known != reliability:
                self.problem(
                    number,
                    "reliability",
                    f"{reliability!r} conflicts with {known!r} given earlier for {text.strip()!r}",
                )
        item["source"] = source["id"]

    def problem(self, number: int, name: str, message: str) -> None:
        column = self.layout.headers[self.layout.fields.get(name, 0)]
        self.problems.append(Problem((_where(number, column),), message))

    def place(self, loc: Loc) -> str | None:
        """evidence[3].ratings.H2 -> 'row 5, column "H2: Wind"', and so on."""
        headers, fields = self.layout.headers, self.layout.fields
        if len(loc) >= 3 and loc[0] == "evidence" and isinstance(loc[1], int):
            row, name = self.rows[loc[1]], str(loc[2])
            if name == "ratings" and len(loc) >= 4:
                cols = [c for c, h in self.layout.hypotheses if h == loc[3]]
                return _where(row, headers[cols[0]]) if cols else None
            return _where(row, headers[fields[name]]) if name in fields else f"row {row}"
        if len(loc) >= 2 and loc[0] == "hypotheses" and isinstance(loc[1], int):
            return _where(1, headers[self.layout.hypotheses[loc[1]][0]])
        if len(loc) >= 3 and loc[0] == "sources" and isinstance(loc[1], int):
            name = "reliability" if loc[2] == "reliability" else "source"
            col = fields.get(name, fields.get("source", 0))
            return _where(self.source_rows[loc[1]], headers[col])
        return None


def parse_csv(data: bytes, filename: str) -> CaseDocument:
    table_guard.refuse_binary(data, filename)
    text = _decode(data, filename)
    table = table_guard.read_table(text, table_guard.separator(text, filename), filename)
    return parse_table([[from_text(cell) for cell in row] for row in table], filename)


def parse_table(table: list[list[str]], filename: str) -> CaseDocument:
    """A matrix already split into rows and cells (from CSV or a workbook) as a case."""
    while table and not any(c.strip() for c in table[-1]):
        table.pop()
    if not table:
        raise CaseFileError(filename, [Problem((), "the file is empty")])
    doc = empty_document(case_info(filename))
    problems: list[Problem] = []
    ids = FreshIds()
    layout = _layout(table[0], doc, problems, ids)
    if not layout.hypotheses and not problems:
        message = "the header names no hypothesis column (expected one after the evidence text)"
        raise CaseFileError(filename, [Problem(("row 1",), message)])
    rows = _Reader(layout, doc, problems, ids)
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        extra = [c for c in cells[len(layout.headers) :] if c.strip()]
        if extra:
            problems.append(Problem((f"row {number}",), "more cells than header columns"))
        rows.add_row(number, cells)
    return finish(doc, filename, problems, rows.place)
