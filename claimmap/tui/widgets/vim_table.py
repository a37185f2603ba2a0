"""A DataTable that also moves with vim keys (h j k l, g, G), and that never keeps cells
drawn at widths it has since outgrown."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widgets import DataTable


class VimDataTable(DataTable[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="vim-down"),
        Binding("k", "cursor_up", "Up", show=False, id="vim-up"),
        Binding("h", "cursor_left", "Left", show=False, id="vim-left"),
        Binding("l", "cursor_right", "Right", show=False, id="vim-right"),
        Binding("g", "scroll_top", "First row", show=False, id="vim-top"),
        Binding("G", "scroll_bottom", "Last row", show=False, id="vim-bottom"),
    ]

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        # DataTable measures new rows when it is next idle. A repaint that lands between the
        # rows' arrival and that idle caches their cells at the old column widths, under keys
        # the measuring leaves unchanged (Textual 8.2.8): the case list then showed "hts-" for
        # a slug until the window was resized. New widths mean those cells are stale.
        if old.width != new.width:
            self._clear_caches()
            self.refresh()
