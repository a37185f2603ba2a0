"""A Static whose updates lay the screen out again only when its height changes.

`Static.update` asks for a layout of the whole screen every time, which on a big case's
matrix costs 30-50 ms: more than the rest of a keystroke. The score row, the detail pane and
the status line change with every rating, but almost never in height."""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static


class SteadyStatic(Static):
    _shown: tuple[int, int] | None = None  # (width, height) of the content last laid out

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        width = self.content_size.width
        super().update(content, layout=False)
        height = self.get_content_height(self.size, self.app.size, width) if width > 0 else -1
        if layout and (width <= 0 or self._shown != (width, height)):
            self.refresh(layout=True)
        self._shown = (width, height) if width > 0 else None
