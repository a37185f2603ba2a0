"""A DataTable that also moves with vim keys (h j k l, g, G), and that never keeps cells
drawn at widths it has since outgrown."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widgets import DataTable

from claimmap.tui.widgets.let_go import drop_caches


class VimDataTable(DataTable[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="vim-down"),
        Binding("k", "cursor_up", "Up", show=False, id="vim-up"),
        Binding("h", "cursor_left", "Left", show=False, id="vim-left"),
        Binding("l", "cursor_right", "Right", show=False, id="vim-right"),
        Binding("g", "scroll_top", "First row", show=False, id="vim-top"),
        Binding("G", "scroll_bottom", "Last row", show=False, id="vim-bottom"),
    ]

    def on_unmount(self) -> None:
        # gone for good: its rows and what it drew from them go now (see let_go.py)
        # before and after: `clear` forgets its caches' rings without unlinking them, and
        # fills two of them again as it goes (its row offsets, Textual 8.2.8)
        drop_caches(self)
        self.clear(columns=True)
        drop_caches(self)

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        # DataTable measures new rows when it is next idle. A repaint that lands between the
        # rows' arrival and that idle caches their cells at the old column widths, under keys
        # the measuring leaves unchanged (Textual 8.2.8): the case list then showed "hts-" for
        # a slug until the window was resized. New widths mean those cells are stale.
        if old.width != new.width:
            drop_caches(self)  # see on_unmount
            self._clear_caches()
            self.refresh()
