"""The ACH matrix: evidence × hypotheses (or transposed), one coloured cell per rating."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from claimmap.tui.case_state import CaseState
from claimmap.tui.widgets.rating_style import rating_text
from claimmap.tui.widgets.vim_table import VimDataTable

FIXED_COLUMNS = 2  # id and the text; the rated cells come after


class MatrixTable(VimDataTable):
    """Rows and columns are keyed by item ids, so a rating repaints one cell, not the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("C", "rate('CC')", "CC", id="rate-cc", tooltip="Very consistent"),
        Binding("c", "rate('C')", "C", id="rate-c", tooltip="Consistent"),
        Binding("n", "rate('N')", "N", id="rate-n", tooltip="Neutral"),
        Binding("i", "rate('I')", "I", id="rate-i", tooltip="Inconsistent"),
        Binding("I", "rate('II')", "II", id="rate-ii", tooltip="Very inconsistent"),
        Binding("N", "rate('NA')", "NA", id="rate-na", tooltip="Not applicable"),
        Binding("x,delete", "rate('')", "Clear", id="rate-clear", tooltip="Make the cell unrated"),
        Binding("r,enter", "rationale", "Why", id="rationale", tooltip="Edit the cell's rationale"),
    ]

    @dataclass
    class RateRequested(Message):
        evidence: str
        hypothesis: str
        value: str | None

    @dataclass
    class RationaleRequested(Message):
        evidence: str
        hypothesis: str

    @dataclass
    class Moved(Message):
        evidence: str | None
        hypothesis: str | None

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self.transposed = False
        self.text_width = 34

    def rebuild(
        self,
        state: CaseState,
        evidence: list[str],
        hypotheses: list[str],
        transposed: bool,
        text_width: int,
    ) -> None:
        """Lay the whole table out again (after a load, sort, filter or transpose)."""
        where = self.current()
        self.transposed, self.text_width = transposed, text_width
        self.clear(columns=True)
        rows, cols = (hypotheses, evidence) if transposed else (evidence, hypotheses)
        self.add_column("id", key="#id", width=4)
        self.add_column("hypothesis" if transposed else "evidence", key="#text", width=text_width)
        for col in cols:
            self.add_column(col, key=col, width=4)
        for row in rows:
            text = self._row_text(state, row)
            cells = [self._cell(state, row, col) for col in cols]
            self.add_row(Text(row, style="bold"), text, *cells, key=row)
        if where is not None:
            self.go_to(*where)
        elif rows and cols:
            self.cursor_coordinate = self.cursor_coordinate._replace(column=FIXED_COLUMNS)

    def _row_text(self, state: CaseState, row: str) -> Text:
        if self.transposed:
            label = state.doc.hypotheses[state.hypothesis_index[row]].label
        else:
            label = state.evidence(row).summary
        return Text(label.replace("\n", " "), no_wrap=True, overflow="ellipsis")

    def _cell(self, state: CaseState, row: str, col: str) -> Text:
        ev, hyp = (col, row) if self.transposed else (row, col)
        cell = state.cell(ev, hyp)
        return rating_text(cell.rating.value if cell else None)

    def repaint(self, state: CaseState, evidence: str, hypothesis: str) -> None:
        row, col = (hypothesis, evidence) if self.transposed else (evidence, hypothesis)
        with contextlib.suppress(CellDoesNotExist):  # filtered out; the next rebuild shows it
            self.update_cell(row, col, self._cell(state, row, col))

    def current(self) -> tuple[str, str] | None:
        """(evidence id, hypothesis id) under the cursor, or None on the id and text columns."""
        if self.row_count == 0:
            return None
        try:
            row_key, col_key = self.coordinate_to_cell_key(self.cursor_coordinate)
        except CellDoesNotExist:
            return None
        row, col = str(row_key.value), str(col_key.value)
        if col.startswith("#"):
            return None
        return (col, row) if self.transposed else (row, col)

    def current_evidence(self) -> str | None:
        here = self.current()
        if here is not None:
            return here[0]
        if self.row_count and not self.transposed:
            return str(self.coordinate_to_cell_key(self.cursor_coordinate)[0].value)
        return None

    def go_to(self, evidence: str, hypothesis: str) -> None:
        row, col = (hypothesis, evidence) if self.transposed else (evidence, hypothesis)
        try:
            r, c = self.get_row_index(row), self.get_column_index(col)
        except Exception:  # the item is filtered out or gone; stay where we are
            return
        self.cursor_coordinate = self.cursor_coordinate._replace(row=r, column=c)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        here = self.current()
        self.post_message(self.Moved(*(here if here else (self.current_evidence(), None))))

    def action_rate(self, value: str) -> None:
        here = self.current()
        if here is not None:
            self.post_message(self.RateRequested(here[0], here[1], value or None))

    def action_rationale(self) -> None:
        here = self.current()
        if here is not None:
            self.post_message(self.RationaleRequested(*here))
