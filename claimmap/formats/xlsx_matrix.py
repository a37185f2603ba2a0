"""The case as an XLSX workbook with four sheets:

* **matrix** — the CSV layout (matrix_layout) with rating cells coloured, each rationale as a
  cell comment, the header row and the id and summary columns frozen;
* **scores** — every method's score, rank, probability of leading and 90 % interval;
* **evidence** — every item's fields, notes, tags, weight and diagnosticity;
* **sources** — every source with its reliability and how many items cite it.

Text that XML cannot hold is replaced (xml_text), text past Excel's 32,767 characters is cut,
and text is never read as a formula. The same case gives the same bytes.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell

from claimmap.formats import matrix_layout as layout
from claimmap.formats.score_table import score_table
from claimmap.formats.xlsx_sheets import evidence_sheet, scores_sheet, sources_sheet
from claimmap.formats.xlsx_style import HEADER, RATING, WRAP, Book, note
from claimmap.model.document import CaseDocument

FIELD_WIDTHS = [8, 50, 28, 6, 11, 10, 8, 9]


def _matrix_sheet(book: Book, doc: CaseDocument) -> None:
    # Header row, id and summary stay in view.
    ws, rows = book.sheet("matrix", "C2", FIELD_WIDTHS + [14] * len(doc.hypotheses))
    names = layout.header(doc)
    rows.append(names, [book.style("header", ws, HEADER)] * len(names))
    wrap = book.style("wrap", ws, WRAP)
    rating_styles = {code: book.style(code, ws, s) for code, s in RATING.items()}
    field_styles = [0, wrap] + [0] * (len(layout.FIELDS) - 2)
    sources = {s.id: s for s in doc.sources}
    hyps = [h.id for h in doc.hypotheses]
    ws.append([])  # openpyxl's own rows only place the comments; the cells come from `rows`
    for ev in doc.evidence:
        codes = layout.rating_cells(ev, hyps)
        rows.append(
            layout.field_cells(ev, sources) + codes,
            field_styles + [rating_styles.get(c, 0) for c in codes],
        )
        commented: list[WriteOnlyCell | None] = [None] * (len(layout.FIELDS) + len(hyps))
        for i, h in enumerate(hyps):
            cell = ev.ratings.get(h)
            if cell is not None and cell.rationale:
                commented[len(layout.FIELDS) + i] = WriteOnlyCell(ws, value=cell.rating.value)
                commented[len(layout.FIELDS) + i].comment = note(cell.rationale)  # type: ignore[union-attr]
        ws.append(commented if any(commented) else [])


def dump_xlsx(doc: CaseDocument) -> bytes:
    book = Book()
    scores = score_table(doc)
    _matrix_sheet(book, doc)
    scores_sheet(book, doc, scores)
    evidence_sheet(book, doc, scores)
    sources_sheet(book, doc)
    return book.save()
