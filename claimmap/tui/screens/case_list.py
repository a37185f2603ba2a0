"""The first screen: every stored case, and on an empty database an offer to load samples."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Header, Static

from claimmap.store.case_store import CaseSummary, Store
from claimmap.store.change_record import local_minute
from claimmap.store.watch import Watcher
from claimmap.tui.latest import Latest
from claimmap.tui.modals.case_form import CaseFormModal
from claimmap.tui.modals.confirm import ConfirmModal
from claimmap.tui.screens.importing import ImportingScreen
from claimmap.tui.transfer import load_samples, said_of_history
from claimmap.tui.widgets.key_bar import KeyBar
from claimmap.tui.widgets.vim_table import VimDataTable
from claimmap.user_errors import describe


def modified(stamp: str) -> str:
    """When a case was last changed, in local time: enough to tell which one was last worked on."""
    return local_minute(stamp, "%Y-%m-%d %H:%M")


class CaseListScreen(ImportingScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="open-case", tooltip="Open the case under the cursor"),
        Binding("n", "new", "New case", id="new-case", tooltip="Start a case from nothing"),
        Binding("i", "import", "Import", id="import-file", tooltip="Import a case file or .achz"),
        Binding("L", "samples", "Samples", id="load-samples", tooltip="Load the sample cases"),
        Binding("d", "delete", "Delete", id="delete-case", tooltip="Delete the case (asks first)"),
        Binding(
            "u", "undo", "Undo", id="undo-case", tooltip="Undo the selected case's last change"
        ),
        Binding("ctrl+r", "redo", "Redo", id="redo-case", tooltip="Redo in the selected case"),
        Binding("q", "app.quit", "Quit", id="quit-list"),
    ]

    @dataclass
    class Listed(Message):
        cases: list[CaseSummary]
        number: int = 0

    def __init__(self, *, offer_samples: bool = True) -> None:
        super().__init__()
        self.offer_samples = offer_samples
        self.cases: list[CaseSummary] = []
        self.lists = Latest()
        self.select_next: int | None = None  # a case to put the cursor on once it is listed
        self.watcher: Watcher | None = None
        self.watch_timer: Timer | None = None
        self._shown = False  # resumed once: every later resume lists the cases again

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="case-list-hint")
        yield VimDataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "cases"
        self.query_one(DataTable).add_columns(
            "id", "slug", "title", "hyp", "evid", "rated", "modified"
        )
        self.refresh_cases(first=True)
        # cases come and go from other windows too: list again when anyone commits
        self.watcher = Watcher(self.app.store)  # type: ignore[attr-defined]
        self.watch_timer = self.set_interval(1.0, self._watch)

    def _watch(self) -> None:
        if self.watcher is not None and self.watcher.moved():
            self.refresh_cases()

    def on_screen_suspend(self) -> None:
        if self.watch_timer is not None:
            self.watch_timer.pause()  # an open case watches for itself

    def on_screen_resume(self) -> None:
        if not self._shown:  # the first showing: on_mount lists the cases already
            self._shown = True
            return
        if self.watcher is not None and self.watch_timer is not None:
            self.watcher.moved()  # what happened while a case was open is listed now
            self.watch_timer.resume()
        self.refresh_cases()

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None

    def refresh_cases(self, first: bool = False) -> None:
        self._list(self.lists.ask(), first)

    @work(thread=True, group="case-list")
    def _list(self, number: int, first: bool) -> None:
        cases = self.app.store.list_cases()  # type: ignore[attr-defined]
        self.post_message(self.Listed(cases, number))
        if first and not cases and self.offer_samples:
            self.app.call_from_thread(self._offer_samples)

    def on_case_list_screen_listed(self, message: Listed) -> None:
        if not self.lists.is_newest(message.number):
            return  # a newer listing is on its way
        table = self.query_one(DataTable)
        was = self._current()
        self.cases = message.cases
        table.clear()
        for c in message.cases:
            table.add_row(
                str(c.id),
                Text(c.slug),  # Text, not str: a title is shown, never read as markup
                Text(c.title),
                str(c.hypotheses),
                str(c.evidence),
                str(c.ratings),
                modified(c.updated_at),
                key=str(c.id),
            )
        ids = [c.id for c in message.cases]
        if was is not None and was.id in ids:  # the cursor stays on the case it was on
            table.move_cursor(row=ids.index(was.id), animate=False)
        elif self.select_next is not None and self.select_next in ids:
            table.move_cursor(row=ids.index(self.select_next), animate=False)
        self.select_next = None
        hint = self.query_one("#case-list-hint", Static)
        hint.update(
            "No cases yet. n starts a new case, L loads the sample cases, i imports a file."
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

    def action_new(self) -> None:
        def chosen(fields: dict[str, Any] | None) -> None:
            if fields:
                self._create(fields)

        self.app.push_screen(CaseFormModal(), chosen)

    @work(thread=True, group="case-list-edit")
    def _create(self, fields: dict[str, Any]) -> None:
        """Store the new case and open it straight away."""
        from claimmap.tui.screens.case_screen import CaseScreen

        try:
            case = self.app.store.create_case(  # type: ignore[attr-defined]
                fields["title"],
                question=fields["question"],
                description=fields["description"],
                tags=fields["tags"],
            )
        except Exception as exc:  # shown to the user; nothing was stored
            self.app.call_from_thread(self.notify, describe(exc), severity="error", timeout=10)
            return

        def opened() -> None:
            self.select_next = case.id
            self.app.push_screen(CaseScreen(case.id))
            self.notify(f"Created {case.title!r}; A adds the first hypothesis", markup=False)

        self.app.call_from_thread(opened)

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
        self.app.call_from_thread(self.refresh_cases)

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
        """Undo within the case under the cursor (the whole database's history is not one
        list to step back through: that could silently undo another case's edit)."""
        case = self._current()
        if case is None:
            self.notify("No case selected: nothing to undo", timeout=3)
            return
        case_id = case.id
        self._change(lambda store: said_of_history("Undid", "undo", store.undo(case_id)))

    def action_redo(self) -> None:
        case = self._current()
        if case is None:
            self.notify("No case selected: nothing to redo", timeout=3)
            return
        case_id = case.id
        self._change(lambda store: said_of_history("Redid", "redo", store.redo(case_id)))
