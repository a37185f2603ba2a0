"""The case's change log: who did what and when, newest first, filtered by analyst with `f`.
Read in a worker when opened; the log is the same one `claimmap history` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from claimmap.tui.widgets.vim_table import VimDataTable

if TYPE_CHECKING:
    from claimmap.store.changelog import Entry

EVERYONE = None


class HistoryModal(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="close-history"),
        Binding("f", "analyst", "Analyst", id="history-analyst", tooltip="Only one analyst's"),
    ]

    def __init__(self, title: str, entries: list[Entry]) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        # everyone first, then each analyst who appears in the log
        self.people: list[str | None] = [
            EVERYONE,
            *sorted({e.who for e in entries}),
        ]
        self.shown: str | None = EVERYONE

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box", classes="dialog"):
            yield Static(Text(f"History of {self.title_text}", style="bold"))
            yield Static("", id="history-filter")
            yield VimDataTable(id="history-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("when (UTC)", "who", "what")
        rows = [e for e in self.entries if self.shown in (EVERYONE, e.who)]
        for entry in rows:
            action = Text(entry.action)  # user text: shown, never read as markup
            if entry.state != "done":
                action.append(f"  ({entry.state})", style="dim")
            table.add_row(entry.at[:19].replace("T", " "), Text(entry.who), action)
        whose = "everyone" if self.shown is EVERYONE else self.shown
        self.query_one("#history-filter", Static).update(
            Text(
                f"{len(rows)} change{'' if len(rows) == 1 else 's'} by {whose}; "
                "f shows one analyst at a time, Escape closes"
            )
        )

    def action_analyst(self) -> None:
        self.shown = self.people[(self.people.index(self.shown) + 1) % len(self.people)]
        self.fill()
