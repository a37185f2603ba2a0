"""Lists and tables for the Method tab that move with vim keys, like the rest of the case."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable, OptionList
from textual.widgets.data_table import RowDoesNotExist


class VimOptionList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list-down"),
        Binding("k", "cursor_up", "Up", show=False, id="list-up"),
        Binding("g", "first", "First", show=False, id="list-top"),
        Binding("G", "last", "Last", show=False, id="list-bottom"),
    ]


def current_key(table: DataTable[object]) -> str | None:
    """The row key under the cursor, or None in an empty table."""
    if table.row_count == 0:
        return None
    return str(table.coordinate_to_cell_key(table.cursor_coordinate)[0].value)


def restore_cursor(table: DataTable[object], key: str | None, fallback: int) -> None:
    """Put the cursor back on row `key` after a rebuild, or near where it was."""
    if table.row_count == 0:
        return
    try:
        row = table.get_row_index(key) if key is not None else fallback
    except RowDoesNotExist:  # the row is gone
        row = fallback
    table.move_cursor(row=min(row, table.row_count - 1))
