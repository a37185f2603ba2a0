"""A DataTable that also moves with vim keys (h j k l, g, G)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
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
