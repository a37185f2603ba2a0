"""The common ground of the line-drawn tables: a fixed header line, a row cursor kept in view,
and lines padded to the width of the widget."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.scroll_view import ScrollView
from textual.strip import Strip

HEADER = Style(bold=True, color="#e0e0e0", bgcolor="#263238")


class LineView(ScrollView, can_focus=True):
    """Line 0 is the header; line y > 0 shows row `scroll_offset.y + y - 1`."""

    cursor_row = 0

    def row_at(self, y: int) -> int:
        return int(self.scroll_offset.y) + y - 1

    def finish_line(self, segments: list[Segment], width: int, style: Style) -> Strip:
        """Pad or cut the segments to the widget's width, in the widget's own style."""
        used = sum(cell_len(s.text) for s in segments)
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments).crop(0, width).apply_style(self.rich_style)

    def scroll_to_cursor_row(self) -> None:
        """Scroll just enough that the cursor's row is below the header and on screen."""
        body = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + body:
            self.scroll_to(y=self.cursor_row - body + 1, animate=False, immediate=True)
