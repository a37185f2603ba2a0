"""The first screen: every stored case, and on an empty database an offer to load samples."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from claimmap.store.case_store import CaseSummary, Store
from claimmap.tui.modals.confirm import ConfirmModal
from claimmap.tui.screens.importing import ImportingScreen
from claimmap.tui.transfer import load_samples, said_of_history
from claimmap.tui.widgets.vim_table import VimDataTable
from claimmap.user_errors import describe


class CaseListScreen(ImportingScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="open-case", tooltip="Open the case under the cursor"),
        Binding("i", "import", "Import", id="import-file", tooltip="Import a case file or .achz"),
        Binding("L", "samples", "Samples", id="load-samples", tooltip="Load the sample cases"),
        Binding("d", "delete", "Delete", id="delete-case", tooltip="Delete the case (asks first)"),
        Binding("u", "undo", "Undo", id="undo-global", tooltip="Undo the last change"),
        Binding("q", "app.quit", "Quit", id="quit-list"),
    ]

    @dataclass
    class Listed(Message):
        cases: list[CaseSummary]

    def __init__(self, *, offer_samples: bool = True) -> None:
        super().__init__()
        self.offer_samples = offer_samples
        self.cases: list[CaseSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="case-list-hint")
        yield VimDataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "cases"
        self.query_one(DataTable).add_columns("id", "slug", "title", "hyp", "evid", "rated")
        self.refresh_cases(first=True)

    def on_screen_resume(self) -> None:
        self.refresh_cases()

    @work(thread=True, exclusive=True, group="case-list")
    def refresh_cases(self, first: bool = False) -> None:
        cases = self.app.store.list_cases()  # type: ignore[attr-defined]
        self.post_message(self.Listed(cases))
        if first and not cases and self.offer_samples:
            self.app.call_from_thread(self._offer_samples)

    def on_case_list_screen_listed(self, message: Listed) -> None:
        self.cases = message.cases
        table = self.query_one(DataTable)
        table.clear()
        for c in message.cases:
            table.add_row(
                str(c.id),
                Text(c.slug),  # Text, not str: a title is shown, never read as markup
                Text(c.title),
                str(c.hypotheses),
                str(c.evidence),
                str(c.ratings),
                key=str(c.id),
            )
        hint = self.query_one("#case-list-hint", Static)
        hint.update(
            "No cases yet. Press L to load the sample cases or i to import a file."
            if not message.cases
            else f"{len(message.cases)} cases. Enter opens one; ? lists every key."
        )

    def _offer_samples(self) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.action_samples()

        self.app.push_screen(
            ConfirmModal(
                "This database has no cases yet. Load the three sample cases?", yes="Load"
            ),
            answer,
        )

    def _current(self) -> CaseSummary | None:
        table = self.query_one(DataTable)
        if not self.cases or table.cursor_row >= len(self.cases):
            return None
        return self.cases[table.cursor_row]

    def action_open(self) -> None:
        from claimmap.tui.screens.case_screen import CaseScreen

        case = self._current()
        if case is not None:
            self.app.push_screen(CaseScreen(case.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_samples(self) -> None:
        self._change(load_samples)

    @work(thread=True, group="case-list-edit")
    def _change(self, change: Callable[[Store], str]) -> None:
        """Run a change to the store, say what it did (or why it failed), and list again."""
        try:
            said = change(self.app.store)  # type: ignore[attr-defined]
        except Exception as exc:  # shown to the user; the store keeps what it had
            self.app.call_from_thread(self.notify, describe(exc), severity="error", timeout=10)
        else:
            self.app.call_from_thread(self.notify, said)
        self.refresh_cases()

    def imported(self, message: str) -> None:
        self.notify(message)
        self.refresh_cases()

    def action_delete(self) -> None:
        case = self._current()
        if case is None:
            return

        def answer(yes: bool | None) -> None:
            if yes and case is not None:
                self._delete(case.id)

        self.app.push_screen(
            ConfirmModal(
                f"Delete {case.title!r} with {case.evidence} evidence items? (u undoes it)",
                yes="Delete",
            ),
            answer,
        )

    def _delete(self, case_id: int) -> None:
        def delete(store: Store) -> str:
            store.delete_case(case_id)
            return "Deleted; press u to undo"

        self._change(delete)

    def action_undo(self) -> None:
        self._change(lambda store: said_of_history("Undid", "undo", store.undo(None)))
