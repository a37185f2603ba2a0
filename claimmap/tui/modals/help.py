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
    "ScoresPane": "scores",
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


#: Each action's task, by the action's name (without its arguments). The help lists keys by
#: what one wants to do, not by the widget that happens to own the binding.
TASKS = {
    "navigate": {
        "tab",
        "move",
        "page",
        "jump",
        "step",
        "table",
        "open",
        "close",
        "select",
        "cursor_up",
        "cursor_down",
        "scroll_home",
        "scroll_end",
        "help",
        "dismiss",
        "quit",
        "command_palette",
        "focus_next",
        "focus_previous",
        "page_left",
        "page_right",
        "scroll_left",
        "scroll_right",
        "scroll_up",
        "scroll_down",
        "page_up",
        "page_down",
    },
    "rate": {"rate", "rationale", "blind", "tick", "rate_as"},
    "edit": {
        "add",
        "edit",
        "delete",
        "undo",
        "redo",
        "link",
        "judgement",
        "edit_case",
        "new",
        "save",
        "cancel",
    },
    "view": {
        "transpose",
        "sort",
        "filter",
        "clear_filter",
        "method",
        "toggle_theme",
        "copy_text",
        "view",
        "history",
        "analyst",
    },
    "files": {"import", "export", "samples"},
}
TASK_ORDER = ("navigate", "rate", "edit", "view", "files", "other")


def task_of(action: str) -> str:
    name = action.split("(", 1)[0].rsplit(".", 1)[-1]
    return next((task for task, names in TASKS.items() if name in names), "other")


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
        rows: list[tuple[str, str, str, str, str]] = []
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
            task = task_of(binding.action)
            rows.append((task, shown, binding.description, where, binding.tooltip))
        rows.sort(key=lambda r: (TASK_ORDER.index(r[0]), r[3] == "everywhere", r[3], r[2]))
        for task in TASK_ORDER:
            group = [row[1:] for row in rows if row[0] == task]
            if group:
                table.add_row(Text(task.capitalize(), style="bold"), "", "", "")
                for row in group:
                    table.add_row(*row)
        table.focus()
