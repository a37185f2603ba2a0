"""The part of the case screen that follows other people's commits.

A timer asks the store's watcher the cheap question ("did anyone commit?", see
store/watch.py); only when the answer is yes does a worker fetch the case's new change-log
entries. A colleague's rating is written into the open state and repaints its cell; anything
else reloads the case (keeping the cursor and the tab). Our own entries are known by id and
skipped. A case deleted elsewhere is said in words and closed; an item deleted under an open
form is said in the form, which keeps what was typed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widgets import TabbedContent

from claimmap.store.errors import StoreError
from claimmap.tui.case_state import CaseState
from claimmap.tui.edit_queue import EditQueue
from claimmap.tui.screens.importing import ImportingScreen
from claimmap.tui.widgets.matrix_pane import MatrixPane
from claimmap.user_errors import describe

if TYPE_CHECKING:  # loaded with the store, which may open after the case shows
    from textual.notifications import SeverityLevel

    from claimmap.store.case_store import Store
    from claimmap.store.changes import Change
    from claimmap.store.watch import Watcher
    from claimmap.tui.modals.item_form import ItemFormModal

# How often the screen asks whether anyone else committed. On SQLite that is a PRAGMA, next to
# nothing. On PostgreSQL the event loop wakes when a notice reaches the listening socket; the
# timer is only the safety net for entries that send none (see store/watch.py).
WATCH_EVERY = {"sqlite": 0.5, "postgresql": 1.0}


class LiveCaseScreen(ImportingScreen):
    # set up by the case screen
    case_id: int
    state: CaseState | None
    queue: EditQueue
    seen: int  # change-log id the state is up to; forms save against it
    _dirty: set[str]

    def load(self) -> None:
        raise NotImplementedError

    def _refresh_active(self) -> None:
        raise NotImplementedError

    watcher: Watcher | None = None
    _socket: int | None = None  # PostgreSQL's listening socket, watched by the event loop
    _item_form: tuple[str, ItemFormModal] | None = None  # key, the form open on it

    @dataclass
    class Arrived(Message):
        """Change-log entries of this case committed since `after` (anyone's)."""

        changes: list[Change]

    @dataclass
    class CaseDeleted(Message):
        """The case is no longer in the database; `deletion` says by whom, when known."""

        deletion: Change | None

    @dataclass
    class Refused(Message):
        """A save refused for a newer version: reopen the form (posted from the saver)."""

        reopen: Callable[[], None]

    def on_live_case_screen_refused(self, message: Refused) -> None:
        message.reopen()

    def start_watching(self, store: Store) -> None:
        from claimmap.store.watch import Watcher

        self.watcher = Watcher(store)
        self._socket = self.watcher.fileno()
        if self._socket is not None:
            asyncio.get_running_loop().add_reader(self._socket, self._watch)
        self.set_interval(WATCH_EVERY.get(store.engine.dialect.name, 0.5), self._watch)

    def _stop_reading(self) -> None:
        if self._socket is not None:
            asyncio.get_running_loop().remove_reader(self._socket)
            self._socket = None

    def stop_watching(self) -> None:
        self._stop_reading()
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None

    def on_unmount(self) -> None:
        self.stop_watching()

    def caught_up(self) -> None:
        """After a load: fetch what was committed while it read (nothing was applied then)."""
        if self.watcher is not None:
            self._fetch(self.seen)

    # -- other people's commits ---------------------------------------------------------------

    def _watch(self) -> None:
        """The cheap question first; entries are fetched only when something moved. Always
        asked (a notice left unread would wake the loop again at once); while the case is
        still loading the load's `caught_up` fetches instead."""
        if self.watcher is None:
            return
        moved = self.watcher.moved()
        if self.watcher.fileno() is None:
            self._stop_reading()  # the connection dropped: the timer polls from now on
        if moved and self.state is not None:
            self._fetch(self.seen)

    @work(thread=True, group="watch", exclusive=True)
    def _fetch(self, after: int) -> None:
        watcher = self.watcher
        if watcher is None:
            return
        try:
            changes = watcher.since(self.case_id, after)
        except StoreError as exc:  # the next tick tries again
            self.app.call_from_thread(self.notify, describe(exc), severity="warning")
            return
        if changes:
            self.post_message(self.Arrived(changes))

    def on_live_case_screen_arrived(self, message: Arrived) -> None:
        state, written = self.state, self.app.store.written  # type: ignore[attr-defined]
        if state is None:
            return
        fresh = [c for c in message.changes if c.id > self.seen and c.id not in written]
        self.seen = max([self.seen, *(c.id for c in message.changes)])
        # a cell with an edit of ours still queued: ours is saved after theirs, and stands
        pending = self.queue.pending_cells()
        if pending:
            fresh = [kept for c in fresh if (kept := _without(c, pending)) is not None]
        from claimmap.tui.live import apply_changes

        applied = apply_changes(state, fresh)
        if applied.deleted_by is not None:
            self.case_gone(applied.deleted_by)
            return
        if applied.cells:
            if "matrix" not in self._dirty:
                matrix = self.query_one(MatrixPane)
                for evidence, hypothesis in applied.cells:
                    matrix.repaint_cell(state, evidence, hypothesis)
            self._dirty.update({"map", "scores", "method"})
            if self.query_one(TabbedContent).active != "matrix":
                self._refresh_active()
        if self._item_form is not None and self._item_form[0] in applied.gone_items:
            key, form = self._item_form
            change = applied.gone_items[key]
            form.warn(
                f"{key} was deleted by {change.who} at {change.when()}. What you typed is "
                "kept: save to add it as a new item, or press Esc to drop it"
            )
        if applied.reload:
            self.load()

    def on_live_case_screen_case_deleted(self, message: CaseDeleted) -> None:
        self.case_gone(message.deletion)

    def case_gone(self, deletion: Change | None) -> None:
        """Say so in words and go back to the case list (closing any form open on it)."""
        if self.watcher is None:
            return  # said already
        self.stop_watching()
        by = f" by {deletion.who} at {deletion.when()}" if deletion is not None else ""
        # not "u brings it back": the case list's u acts on the case selected there, and only
        # the one who deleted it can undo the deletion (`claimmap undo`, as them)
        self.leave_saying(f"This case was deleted{by}.", "warning")

    def leave_saying(self, said: str, severity: SeverityLevel) -> None:
        """Say `said` and go back to the case list, closing any dialog open on the case."""
        self.stop_watching()
        if self.app.screen is not self:
            said += " The dialog that was open on it is closed; what was typed there is lost."
        self.notify(said, severity=severity, timeout=10)
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        if self.app.screen is self:
            self.app.leave_case()  # type: ignore[attr-defined]

    def load_failed(self, store: Store, exc: StoreError) -> None:
        """A load that failed (in the loading thread): the case deleted, or damage to say."""
        if any(c.id == self.case_id for c in store.list_cases()):  # not gone: say why
            self.app.call_from_thread(self.notify, describe(exc), severity="error")
            return
        from claimmap.store.watch import deletion_of

        self.post_message(self.CaseDeleted(deletion_of(store, self.case_id)))


def _without(change: Change, pending: set[tuple[str, str]]) -> Change | None:
    """A colleague's rating change less the cells we have a rating of our own queued for
    (None when that leaves nothing to apply)."""
    if not change.ratings:
        return change
    kept = tuple(r for r in change.ratings if (r.evidence, r.hypothesis) not in pending)
    if len(kept) == len(change.ratings):
        return change
    return replace(change, ratings=kept) if kept else None
