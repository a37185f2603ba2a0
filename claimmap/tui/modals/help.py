"""Help: every key active on the screen underneath, from the same bindings as the footer."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

INTRO = (
    "claimmap saves every edit at once; u undoes and ctrl+r redoes, even after a restart. "
    "ctrl+p searches every action."
)


PLACES = {
    "MatrixTable": "matrix",
    "VimDataTable": "table",
    "MatrixPane": "matrix",
    "ItemsPane": "items",
    "MapPane": "map",
    "VimTree": "map",
    "LineTable": "list",
    "MethodPane": "method",
    "GuidedView": "guided ACH",
    "ChecklistList": "guided ACH",
    "AssumptionsView": "key assumptions",
    "QualityView": "quality of information",
    "IndicatorsView": "indicators",
    "VimOptionList": "list",
    "CaseScreen": "case",
    "CaseListScreen": "case list",
}


class HelpModal(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            yield Static(INTRO, id="help-intro")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("key", "action", "where", "what it does")
        rows: list[tuple[str, str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for key, active in self.under.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            where = PLACES.get(type(active.node).__name__, "everywhere")
            if (where, binding.action) in seen:
                continue
            seen.add((where, binding.action))
            shown = self.app.get_key_display(binding) if key == binding.key else key
            rows.append((shown, binding.description, where, binding.tooltip))
        for row in sorted(rows, key=lambda r: (r[2] == "everywhere", r[2], r[1])):
            table.add_row(*row)
        table.focus()
