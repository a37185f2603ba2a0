"""A read-only table drawn line by line: thousands of rows cost nothing until they are seen.

Used for item lists; the built-in DataTable measures every cell it is given, which takes
seconds on a case with thousands of evidence items.
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

from claimmap.tui.widgets.line_view import HEADER, LineView
from claimmap.tui.widgets.text_fit import fit

CURSOR = Style(reverse=True)
FIRST = Style(bold=True)


class LineTable(LineView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False, id="list-up"),
        Binding("down,j", "move(1)", "Down", show=False, id="list-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list-page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list-page-down"),
        Binding("home,g", "jump(0)", "First", show=False, id="list-top"),
        Binding("end,G", "jump(-1)", "Last", show=False, id="list-bottom"),
        Binding("enter", "select", "Open", show=False, id="list-select"),
    ]

    @dataclass
    class Selected(Message):
        key: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.headers: list[str] = []
        self.widths: list[int] = []
        self.rows: list[tuple[str, ...]] = []
        self.keys: list[str] = []
        self.cursor_row = 0

    def set_rows(
        self, headers: list[str], widths: list[int], rows: list[tuple[str, ...]], keys: list[str]
    ) -> None:
        """Replace the contents; the cursor stays on the same key if it is still there."""
        current = self.current()
        self.headers, self.widths, self.rows, self.keys = headers, widths, rows, keys
        if current in keys:
            self.cursor_row = keys.index(current)
        self.cursor_row = max(0, min(self.cursor_row, len(rows) - 1))
        self.virtual_size = Size(sum(widths) + len(widths), len(rows) + 1)
        self.scroll_to_cursor_row()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def current(self) -> str | None:
        return self.keys[self.cursor_row] if self.keys else None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            cells = [fit(h, w) + " " for h, w in zip(self.headers, self.widths, strict=True)]
            return self.finish_line([Segment("".join(cells), HEADER)], width, HEADER)
        index = self.row_at(y)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        base = CURSOR if index == self.cursor_row else Style()
        segments = [
            Segment(fit(text, w) + " ", (FIRST + base) if i == 0 else base)
            for i, (text, w) in enumerate(zip(self.rows[index], self.widths, strict=True))
        ]
        return self.finish_line(segments, width, base)

    def move_to(self, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self.rows) - 1))
        self.scroll_to_cursor_row()
        self.refresh()

    def action_move(self, rows: int) -> None:
        self.move_to(self.cursor_row + rows)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor_row + direction * max(1, self.size.height - 2))

    def action_jump(self, row: int) -> None:
        self.move_to(row if row >= 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        key = self.current()
        if key is not None:
            self.post_message(self.Selected(key))

    def on_click(self, event: events.Click) -> None:
        if event.y > 0:
            self.move_to(self.row_at(event.y))
