"""The ACH matrix: evidence × hypotheses (or transposed), one coloured cell per rating.

A line-based widget rather than a DataTable: only the visible lines are ever drawn, so a case
with thousands of items opens at once and a rating repaints one line. The header and the id
and text columns stay put; the rated cells scroll sideways when they do not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from claimmap.tui.case_state import CaseState
from claimmap.tui.team_views import COMPARE, DISPUTE_STYLES, MatrixView, cell_face
from claimmap.tui.widgets.line_view import HEADER, LineView
from claimmap.tui.widgets.rating_style import STYLES, UNRATED
from claimmap.tui.widgets.text_fit import fit

ID_WIDTH = 5
CELL_WIDTH = 4  # the narrowest cell: "CC" or "H12"
COMPARE_WIDTH = 6  # two ratings side by side: "CC│II"
WIDE_CELL = 16  # the widest: room for "H1 Strategic r…" in the header
GAP = 1
MIN_TEXT, COMFORTABLE_TEXT, MAX_TEXT = 16, 60, 120
SHOWN_COLUMNS = 3  # at least this many rated columns stay in view, however narrow
ID_STYLE = Style(bold=True)
# white on slate whatever the theme (WCAG contrast 9.6:1)
CURSOR_ROW = Style(color="#ffffff", bgcolor="#37474f")
_CELL_STYLES = {value: Style.parse(style) for value, style in STYLES.items()}
_VIEW_STYLES = {name: Style.parse(style) for name, style in DISPUTE_STYLES.items()}


def layout(width: int, columns: int, narrowest: int = CELL_WIDTH) -> tuple[int, int]:
    """(text width, cell width) for a matrix `width` cells wide with `columns` rated columns.

    The text column takes what the cells leave, but never so much that fewer than three rated
    columns show; once it has a comfortable width, what is left widens the cells so that their
    headers can carry labels."""
    room = width - 1 - ID_WIDTH - GAP  # one cell for the vertical scrollbar
    text = room - columns * (narrowest + GAP)
    text = min(text, room - min(columns, SHOWN_COLUMNS) * (narrowest + GAP))
    cell = narrowest
    if columns and text > COMFORTABLE_TEXT:
        spare = text - COMFORTABLE_TEXT
        cell = min(max(WIDE_CELL, narrowest), narrowest + spare // columns)
        text = room - columns * (cell + GAP)
    return max(MIN_TEXT, min(MAX_TEXT, text)), cell


_CURSOR = Style(reverse=True, bold=True)


class MatrixTable(LineView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("C", "rate('CC')", "CC", id="rate-cc", tooltip="Very consistent"),
        Binding("c", "rate('C')", "C", id="rate-c", tooltip="Consistent"),
        Binding("n", "rate('N')", "N", id="rate-n", tooltip="Neutral"),
        Binding("i", "rate('I')", "I", id="rate-i", tooltip="Inconsistent"),
        Binding("I", "rate('II')", "II", id="rate-ii", tooltip="Very inconsistent"),
        Binding("N", "rate('NA')", "NA", id="rate-na", tooltip="Not applicable"),
        Binding("x,delete", "rate('')", "Clear", id="rate-clear", tooltip="Make the cell unrated"),
        Binding("r,enter", "rationale", "Why", id="rationale", tooltip="Edit the cell's rationale"),
        Binding("up,k", "move(-1, 0)", "Up", show=False, id="matrix-up"),
        Binding("down,j", "move(1, 0)", "Down", show=False, id="matrix-down"),
        Binding("left,h", "move(0, -1)", "Left", show=False, id="matrix-left"),
        Binding("right,l", "move(0, 1)", "Right", show=False, id="matrix-right"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="matrix-page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="matrix-page-down"),
        Binding("home,g", "jump(0)", "First row", show=False, id="matrix-top"),
        Binding("end,G", "jump(-1)", "Last row", show=False, id="matrix-bottom"),
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
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.state: CaseState | None = None
        self.rows: list[str] = []
        self.columns: list[str] = []
        self.transposed = False
        self.text_width = 34
        self.cell_width = CELL_WIDTH
        self.cursor_row = 0
        self.cursor_column = 0
        self.column_offset = 0  # first rated column shown
        self.view = MatrixView()  # whose ratings the cells show (set by the matrix pane)
        self._row_index: dict[str, int] = {}
        self._column_index: dict[str, int] = {}

    # -- contents ---------------------------------------------------------------------------

    def on_unmount(self) -> None:
        self.state = None  # a left case is freed as its screen goes: see CaseScreen.on_unmount

    def rebuild(
        self, state: CaseState, evidence: list[str], hypotheses: list[str], transposed: bool
    ) -> None:
        """Show a new order, filter or orientation, keeping the cursor on the same cell."""
        where = self.current() if self.state is not None else None
        self.state, self.transposed = state, transposed
        self.rows, self.columns = (hypotheses, evidence) if transposed else (evidence, hypotheses)
        self._row_index = {r: i for i, r in enumerate(self.rows)}
        self._column_index = {c: i for i, c in enumerate(self.columns)}
        self._lay_out()
        self.cursor_row = min(self.cursor_row, max(0, len(self.rows) - 1))
        self.cursor_column = min(self.cursor_column, max(0, len(self.columns) - 1))
        if where is not None:
            self.go_to(*where)
        self._scroll_to_cursor()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def _fixed_width(self) -> int:
        return ID_WIDTH + self.text_width + GAP

    def current(self) -> tuple[str, str] | None:
        """(evidence id, hypothesis id) under the cursor."""
        if not self.rows or not self.columns:
            return None
        row, col = self.rows[self.cursor_row], self.columns[self.cursor_column]
        return (col, row) if self.transposed else (row, col)

    def current_evidence(self) -> str | None:
        here = self.current()
        if here is not None:
            return here[0]
        return self.rows[self.cursor_row] if self.rows and not self.transposed else None

    def go_to(self, evidence: str, hypothesis: str) -> None:
        row, col = (hypothesis, evidence) if self.transposed else (evidence, hypothesis)
        if row in self._row_index and col in self._column_index:
            self._set_cursor(self._row_index[row], self._column_index[col])

    def repaint(self, state: CaseState, evidence: str, hypothesis: str) -> None:
        row = hypothesis if self.transposed else evidence
        if row in self._row_index:
            self.refresh_line(self._row_index[row] + 1)  # line 0 is the header

    # -- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._header(width)
        index = self.row_at(y)
        if self.state is None or index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        return self._row(index, width)

    def _lay_out(self) -> None:
        """Fit the text column and the cells to the widget's width (on every resize too)."""
        width = self.size.width or self.app.size.width
        narrowest = COMPARE_WIDTH if self.view.kind == COMPARE else CELL_WIDTH
        self.text_width, self.cell_width = layout(width, len(self.columns), narrowest)
        self.virtual_size = Size(
            self._fixed_width + len(self.columns) * (self.cell_width + GAP), len(self.rows) + 1
        )

    def _visible_columns(self, width: int) -> range:
        room = max(1, (width - self._fixed_width) // (self.cell_width + GAP))
        return range(self.column_offset, min(len(self.columns), self.column_offset + room))

    def _header(self, width: int) -> Strip:
        title = "hypothesis" if self.transposed else "evidence"
        segments = [Segment(fit("id", ID_WIDTH) + fit(title, self.text_width) + " ", HEADER)]
        for c in self._visible_columns(width):
            segments.append(Segment(fit(self._column_title(c), self.cell_width) + " ", HEADER))
        return self.finish_line(segments, width, HEADER)

    def _row(self, index: int, width: int) -> Strip:
        assert self.state is not None
        row = self.rows[index]
        on_cursor = index == self.cursor_row
        base = CURSOR_ROW if on_cursor else Style()
        segments = [
            Segment(fit(row, ID_WIDTH), ID_STYLE + base),
            Segment(fit(self._row_text(row), self.text_width) + " ", base),
        ]
        for c in self._visible_columns(width):
            col = self.columns[c]
            ev, hyp = (col, row) if self.transposed else (row, col)
            value, look = cell_face(self.state, self.view, ev, hyp)
            label = (value or "·").center(self.cell_width)
            style = self._style(value, look)
            if on_cursor and c == self.cursor_column:
                style = style + _CURSOR
            segments.append(Segment(label, style))
            segments.append(Segment(" ", base))
        return self.finish_line(segments, width, base)

    def _style(self, value: str | None, look: str | None) -> Style:
        if value is None:
            return self._unrated
        if look is None:
            return _CELL_STYLES[value]
        if look.startswith("rating:"):
            return _CELL_STYLES[look.removeprefix("rating:")]
        return _VIEW_STYLES.get(look) or Style.parse(look)

    @property
    def _unrated(self) -> Style:
        return Style(color=UNRATED[self.app.current_theme.dark])

    def _column_title(self, index: int) -> str:
        """A column's id, and its label where the cell is wide enough to show some of it."""
        key = self.columns[index]
        if self.cell_width <= CELL_WIDTH or self.state is None:
            return key
        label = (
            self.state.evidence(key).summary
            if self.transposed
            else self.state.hypothesis(key).label
        )
        return f"{key} {' '.join(label.split())}"

    def _row_text(self, row: str) -> str:
        assert self.state is not None
        if self.transposed:
            return self.state.hypothesis(row).label
        return self.state.evidence(row).summary

    # -- moving -----------------------------------------------------------------------------

    def _set_cursor(self, row: int, column: int) -> None:
        row = max(0, min(row, len(self.rows) - 1))
        column = max(0, min(column, len(self.columns) - 1))
        moved = (row, column) != (self.cursor_row, self.cursor_column)
        self.cursor_row, self.cursor_column = row, column
        self._scroll_to_cursor()
        self.refresh()
        if moved:
            here = self.current()
            self.post_message(self.Moved(*(here if here else (self.current_evidence(), None))))

    def _scroll_to_cursor(self) -> None:
        self.scroll_to_cursor_row()
        room = len(self._visible_columns(self.size.width or 80))
        if self.cursor_column < self.column_offset:
            self.column_offset = self.cursor_column
        elif self.cursor_column >= self.column_offset + room:
            self.column_offset = self.cursor_column - room + 1

    def action_move(self, rows: int, columns: int) -> None:
        self._set_cursor(self.cursor_row + rows, self.cursor_column + columns)

    def action_page(self, direction: int) -> None:
        self._set_cursor(
            self.cursor_row + direction * max(1, self.size.height - 2), self.cursor_column
        )

    def action_jump(self, row: int) -> None:
        self._set_cursor(row if row >= 0 else len(self.rows) - 1, self.cursor_column)

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            return
        row = self.row_at(event.y)
        column = (event.x - self._fixed_width) // (self.cell_width + GAP) + self.column_offset
        if row < len(self.rows) and event.x >= self._fixed_width:
            self._set_cursor(row, column)

    def on_resize(self) -> None:
        self._lay_out()
        self._scroll_to_cursor()
        self.refresh()

    # -- editing ----------------------------------------------------------------------------

    def _mine_shown(self) -> bool:
        """Keys rate only my own cells: in another view they would change what is not shown."""
        if self.view.editable:
            return True
        self.notify("This view is read-only: v goes back to your own ratings.", timeout=4)
        return False

    def action_rate(self, value: str) -> None:
        here = self.current()
        if here is not None and self._mine_shown():
            self.post_message(self.RateRequested(here[0], here[1], value or None))

    def action_rationale(self) -> None:
        here = self.current()
        if here is not None and self._mine_shown():
            self.post_message(self.RationaleRequested(*here))
