"""One case: the matrix, its items, the argument map and the scores, with every edit saved.

The screen owns the case state. Edits are applied to the state at once and queued for the
store; workers save them in order and report back by message. A failed save is shown as a
notification and the case is reloaded from the store, so the screen never shows an edit the
database does not have for longer than it takes to say so.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Header, TabbedContent, TabPane

from claimmap.bulk import settle_collector
from claimmap.store.change_record import local_minute
from claimmap.store.errors import StoreError
from claimmap.store.stale import ChangedUnderneath, DeletedUnderneath
from claimmap.tui.case_state import CaseState, CellRating, next_method
from claimmap.tui.edit_queue import EditQueue, Outcome
from claimmap.tui.handoff import Handoff
from claimmap.tui.latest import Latest
from claimmap.tui.messages import (
    CellRequested,
    CollectionRequested,
    DeleteRequested,
    EditRequested,
    FormRequested,
    TabRequested,
)
from claimmap.tui.screens.live_case import LiveCaseScreen
from claimmap.tui.widgets.key_bar import KeyBar
from claimmap.tui.widgets.matrix_pane import MatrixPane
from claimmap.tui.widgets.matrix_table import MatrixTable
from claimmap.user_errors import describe

TAB_LABELS = {
    "matrix": "Matrix [1]",
    "items": "Items [2]",
    "map": "Map [3]",
    "scores": "Scores [4]",
    "method": "Method [5]",
}
TABS = tuple(TAB_LABELS)
DOCUMENT_LATEST_S = 2.0  # a big case's document models are built by then, whatever the keys do
# what takes the keys on each tab
FOCUS_TARGET = {
    "matrix": "#matrix-table",
    "items": "#items-table",
    "map": "#map-tree",
    "scores": "#scores-table",
    "method": "#method-pane",
}
# The other panes' modules are imported when first shown, the dialogs' when first opened:
# a case opens without loading code nobody has asked for yet.
if TYPE_CHECKING:
    from claimmap.model.document import CaseDocument
    from claimmap.store.case_reading import CaseReading
    from claimmap.store.case_store import Store
    from claimmap.tui.modals.item_form import ItemEdit
    from claimmap.tui.modals.rationale import CellEdit
    from claimmap.tui.transfer import TransferRequest
    from claimmap.tui.widgets.argument_map import MapPane
    from claimmap.tui.widgets.items_pane import ItemsPane
    from claimmap.tui.widgets.method_pane import MethodPane
    from claimmap.tui.widgets.scores_pane import ScoresPane

    Pane = MatrixPane | ItemsPane | MapPane | ScoresPane | MethodPane


@dataclass(frozen=True)
class CaseRead:
    """A case as the screen starts from, read outside the interface's thread."""

    state: CaseState
    seen: int  # the newest change-log entry the state holds


def read_case(
    store: CaseReading, case_id: int, me: str | None, *, document: bool = True
) -> CaseRead:
    """The case's state for the analyst `me` (see `keyboard_analyst`), with what its first
    paint needs already computed; call it from a worker. Without `document`, the state's
    document models are built later (the screen asks once the case is on screen, see
    CaseState.load), so a damaged case may be found only then."""
    # the log's position first: anything after it is fetched again, never missed
    seen = store.newest_change(case_id)
    state = CaseState.load(store, case_id, me)
    if document:
        state.doc  # noqa: B018 - built here, in the worker; a damaged case fails here
    state.warm()
    return CaseRead(state, seen)


def keyboard_analyst(store: Store, me: str | None, app_analyst: str | None) -> str | None:
    """Whom the keys rate as: on a server the login; elsewhere the screen's choice (`w`),
    else the app's (`--as`); None: the case's own analyst."""
    if store.on_postgres:
        return str(store.who)
    return me or app_analyst


class CaseScreen(LiveCaseScreen):
    AUTO_FOCUS = "#matrix-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('matrix')", "Matrix", id="tab-matrix", show=False),
        Binding("2", "tab('items')", "Items", id="tab-items", show=False),
        Binding("3", "tab('map')", "Map", id="tab-map", show=False),
        Binding("4", "tab('scores')", "Scores", id="tab-scores", show=False),
        Binding("5", "tab('method')", "Method tab", id="tab-method", show=False),
        Binding("m", "method", "Score by", id="method", tooltip="Next scoring method"),
        Binding("b", "blind", "Blind", id="blind", tooltip="Shuffle hypotheses, hide scores"),
        Binding("u,ctrl+z", "undo", "Undo", id="undo", tooltip="Undo the last edit"),
        Binding("ctrl+r,ctrl+y", "redo", "Redo", id="redo", tooltip="Redo what was undone"),
        Binding("J", "judgement", "Judgement", id="judgement", tooltip="Write your judgement"),
        # in the help and the palette; the footer keeps its room for the everyday keys
        Binding(
            "w",
            "rate_as",
            "Rate as",
            id="rate-as",
            tooltip="Whose ratings the keys set",
            show=False,
        ),
        Binding(
            "H",
            "history",
            "History",
            id="history",
            tooltip="Who changed what, and when",
            show=False,
        ),
        Binding(
            "f2",
            "edit_case",
            "Case details",
            id="edit-case",
            tooltip="Title, question, tags, notes",
        ),
        Binding("ctrl+e", "export", "Export", id="export", tooltip="Export to a file"),
        Binding("ctrl+o", "import", "Import", id="import", show=False),
        Binding("q,escape", "close", "Cases", id="close-case", tooltip="Back to the case list"),
    ]

    @dataclass
    class Loaded(Message):
        done_seq: int
        state: CaseState  # built in the loading thread, off the interface's
        number: int
        seen: int = 0  # the newest change-log entry the state holds

    @dataclass
    class Saved(Message):
        outcome: Outcome

    def __init__(self, case_id: int, me: str | None = None, read: CaseRead | None = None) -> None:
        """`read`: the case already read (`read_case`), while nothing else ran; the screen
        shows it in its first frame, without a load of its own. (Shown after a first
        refresh of the empty screen instead, it cost that frame's layouts, 100-150 ms on
        HTS. Shown in the first frame, it once kept the first key waiting behind the frames
        after it, 314-343 ms on the big case; now the header's texts are set here and the
        footer makes its keys before that frame, those frames end within about 55 ms.)"""
        super().__init__()
        self.case_id = case_id
        self._read = read
        # the analyst at the keyboard; None: the app's (--as), else the case's own analyst
        self.me = me
        self.state: CaseState | None = None
        self.method = "weighted"
        self.blind_seed: int | None = None
        self.queue: EditQueue
        self._dirty: set[str] = set()
        self.loads = Latest()
        self.seen = 0  # change-log id the state is up to; forms save against it
        self._mounting: set[str] = set()  # panes being made (see `_show_pane`)
        self._warm_asked = False  # the Scores tab's report is to be worked out at a pause
        self._collection = "evidence"  # the Items tab's list, until its pane is made
        if read is not None:  # in the header from its first frame, not in a frame after it
            self.title, self.sub_title = _header_texts(read.state)

    def compose(self) -> ComposeResult:
        yield Header()
        # Only the matrix is made now; each other tab's pane when it is first shown, so the
        # case opens (and takes its first key) without composing four panes nobody looks at.
        with TabbedContent(initial="matrix", id="tabs"):
            for tab, label in TAB_LABELS.items():
                with TabPane(label, id=tab):
                    if tab == "matrix":
                        yield MatrixPane(id="matrix-pane")
        yield KeyBar()

    def _pane(self, tab: str) -> Pane | None:
        """The tab's pane, or None while it has not been shown yet."""
        found = self.query(f"#{tab}-pane")
        return found.first() if found else None  # type: ignore[return-value]

    def _make_pane(self, tab: str) -> Pane:
        """A pane made on first showing, with the screen's settings of the moment (its
        module imported then, and only its own: a case opens without loading four panes'
        code, and the first tab shown no longer loads the other three's, the Method tab's
        15 ms among them)."""
        if tab == "items":
            from claimmap.tui.widgets.items_pane import ItemsPane

            items = ItemsPane(id="items-pane")
            items.collection = self._collection
            return items
        if tab == "map":
            from claimmap.tui.widgets.argument_map import MapPane

            graph = MapPane(id="map-pane")
            graph.blind = self.blind_seed is not None
            return graph
        if tab == "scores":
            from claimmap.tui.widgets.scores_pane import ScoresPane

            return ScoresPane(id="scores-pane")
        from claimmap.tui.widgets.method_pane import MethodPane

        method = MethodPane(id="method-pane")
        method.blind_seed = self.blind_seed
        return method

    async def _show_pane(self, tab: str) -> None:
        """Make and mount the tab's pane; if its tab is the one shown, paint it and give it
        the keys (else it waits, hidden, until it is: see `on_case_screen_warmed`)."""
        if self._pane(tab) is not None or tab in self._mounting:
            return
        self._mounting.add(tab)
        try:
            await self.query_one(f"#{tab}", TabPane).mount(self._make_pane(tab))
        finally:
            self._mounting.discard(tab)
        if self.query_one(TabbedContent).active == tab:
            self._refresh_active()
            self._focus_tab()
        # the pane lives as long as the screen: once drawn, out of the collector's sight
        self.app.when_quiet(settle_collector)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.queue = EditQueue(lambda: self.app.store)  # type: ignore[attr-defined]
        read, self._read = self._read, None
        if read is None:
            self.sub_title = "loading…"
            self.load()
        else:
            state = read.state
            number = self.loads.ask()
            loaded = self.Loaded(0, state, number, read.seen)
            self.on_case_screen_loaded(loaded)
        self.app.with_store(self._watch_with)  # type: ignore[attr-defined]

    def on_unmount(self) -> None:  # (Textual calls LiveCaseScreen's too)
        # Left for good (a case is opened on a new screen). While shown, the screen and its
        # case were frozen out of the collector's sight (CaseState.load, settle_collector),
        # so their cycles are never collected: dropping the case here lets reference
        # counting free it, where it would otherwise stay for the rest of the session.
        self.state = None

    def _watch_with(self, store: Store) -> None:
        """Follow others' commits, once the store is open (it may open after the case)."""
        if not self.is_attached:
            return  # left before the store opened
        self.start_watching(store)
        if self.state is not None:
            self.caught_up()  # what was committed since the case was read

    # -- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        self._load(self.loads.ask())

    @work(thread=True, group="load")
    def _load(self, number: int) -> None:
        try:
            store = self.app.store  # type: ignore[attr-defined]
        except StoreError:
            return  # it did not open: the app says why as it closes
        try:
            with self.queue.settled():  # read after any save in flight has finished
                read = read_case(store, self.case_id, self._me())
                done = self.queue.done_seq
        except StoreError as exc:
            self.load_failed(store, exc)
            return
        self.post_message(self.Loaded(done, read.state, number, read.seen))

    def on_case_screen_loaded(self, message: Loaded) -> None:
        if not self.loads.is_newest(message.number):
            return  # a newer load is on its way with a later state of the case
        state = message.state
        for evidence, hypothesis, value, rationale in self.queue.pending_ratings(message.done_seq):
            if evidence in state.evidence_index and hypothesis in state.hypothesis_index:
                state.set_rating(evidence, hypothesis, value, rationale)
        first = self.state is None
        self.state = state
        self.seen = message.seen
        self.caught_up()
        self.title, self.sub_title = _header_texts(state)
        if first:  # the store, if the case was read without it, once the case is painted
            self.call_after_refresh(self.app.open_store_when_quiet)  # type: ignore[attr-defined]
        if not state.document_ready():
            # Its models: on a small case as soon as it is painted (a key pressed meanwhile
            # waits a few ms longer); on a big one at the first pause, as its first key
            # already costs tens of ms. A tab or form that needs them first builds them.
            build = self._build_document
            if state.report_is_cheap():
                self.call_after_refresh(build)
            else:
                self.app.when_quiet(build, latest=DOCUMENT_LATEST_S)  # type: ignore[attr-defined]
        if first and state.me not in state.known_analysts:
            self._confirm_new_analyst(state)
        self._dirty = set(TABS)
        self._refresh_active()
        if first or self.focused is None:
            self._focus_tab()
        self._warm_scores()

    @work(thread=True, group="document")
    def _build_document(self) -> None:
        """The case's document models, built from the rows read for its first paint."""
        if self.is_attached and self.state is not None:
            self._document_of(self.state)

    def _document_of(self, state: CaseState) -> CaseDocument | None:
        """`state`'s document; None if the stored case turned out damaged, which is said as
        the case is left (from any thread)."""
        try:
            return state.doc
        except StoreError as exc:
            self.post_message(self.Unreadable(state, describe(exc)))
            return None

    def document(self) -> CaseDocument | None:
        """The case's document for what needs more than the matrix shows (the other tabs,
        the forms); None, with the case left, if the stored case cannot be read."""
        return self._document_of(self.state) if self.state is not None else None

    @dataclass
    class Unreadable(Message):
        """`state`'s case cannot be read whole (damage found as its models were built)."""

        state: CaseState
        said: str

    def on_case_screen_unreadable(self, message: Unreadable) -> None:
        if message.state is not self.state or not self.is_attached:
            return  # said already, or a reload has read the case since
        self.state = None  # nothing acts on what could not be read
        self.leave_saying(message.said, "error")

    def _warm_scores(self) -> None:
        """On a small case, work out the Scores tab's report at the next pause in the typing,
        so the tab draws it as it opens; a big case's is worked out when the tab is shown."""
        if self.state is None or not self.state.report_is_cheap() or self._warm_asked:
            return
        self._warm_asked = True
        self.app.when_quiet(self._start_warming)  # type: ignore[attr-defined]

    def _start_warming(self) -> None:
        self._warm_asked = False
        if self.is_attached and self.state is not None:
            self._warm(Handoff(self.state))

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm(self, handed: Handoff[CaseState]) -> None:
        state = handed.take()
        # the tab's code too (its tables, 7 ms to import), so that its key only draws
        import claimmap.tui.widgets.scores_pane  # noqa: F401

        # a failure here is the Scores tab's to report, when it works the report out itself
        state.warm_report()
        self.post_message(self.Warmed())

    class Warmed(Message):
        """The Scores report is worked out ahead (on a small case, at a pause)."""

    async def on_case_screen_warmed(self, _: Warmed) -> None:
        # Its pane made and filled now too, hidden, while the typing pauses: its key then
        # only draws it. Of the 75 ms from key to report, making its eleven widgets took 12
        # and filling its tables 2-3; filled ahead, its key came 4-10 ms sooner at the median.
        await self._show_pane("scores")
        pane = cast("ScoresPane | None", self._pane("scores"))
        shown = self.query_one(TabbedContent).active == "scores"
        if (
            pane is not None
            and self.state is not None
            and not shown
            # not dirty: it holds this state's report already, with its Monte Carlo
            and "scores" in self._dirty
            and self.document() is not None  # None: damage found, the case is being left
        ):
            pane.prefill(self.state)

    def _refresh_active(self) -> None:
        """Repaint the visible tab now; the others when they are next shown."""
        active = self.query_one(TabbedContent).active
        if active != "matrix" and self.state is not None and self.document() is None:
            return  # the other tabs show the document; the case is being left
        pane = self._pane(active)
        if pane is None:
            self.call_later(self._show_pane, active)  # painted and focused once mounted
        elif self.state is not None and active in self._dirty:
            self._dirty.discard(active)
            pane.rebuild(self.state)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._refresh_active()
        self._focus_tab()  # nothing yet if the pane is still to be made

    def _focus_tab(self) -> None:
        """Keys act on the tab's main widget, not on the tab strip. The tab shows from its top
        (the Scores tab's note and judgement sit above its table)."""
        active = self.query_one(TabbedContent).active
        found = self.query(FOCUS_TARGET[active])
        if found:
            found.first().focus(scroll_visible=False)

    # -- saving -----------------------------------------------------------------------------

    @work(thread=True, group="save")
    def _drain(self) -> None:
        def report(outcome: Outcome) -> None:
            self.post_message(self.Saved(outcome))

        self.queue.drain(report)

    def on_case_screen_saved(self, message: Saved) -> None:
        outcome, job = message.outcome, message.outcome.job
        if outcome.error is not None:
            failed = f"Not saved: {job.describe}" if job.edit else f"Failed: {job.describe}"
            self.notify(f"{failed}\n{describe(outcome.error)}", severity="error", timeout=10)
            if job.edit:
                self.load()  # back to what the database holds
            return
        if isinstance(outcome.result, str):  # jobs that have something to tell the user
            self.notify(outcome.result, timeout=4)
        if job.reload and self.queue.idle:
            self.load()

    def flush(self) -> list[str]:
        """Save everything still queued, now, in this thread (used when the app quits);
        returns what could not be saved, and why."""
        failed: list[str] = []

        def report(outcome: Outcome) -> None:
            if outcome.error is not None:
                failed.append(f"{outcome.job.describe}: {describe(outcome.error)}")

        if hasattr(self, "queue"):
            self.queue.drain(report)
        return failed

    def submit(self, describe: str, run: Any, **kwargs: Any) -> None:
        self.queue.add(describe, run, **kwargs)
        # saved once the store is open (a case shown through the editor opens it later):
        # a saver started before would only hold a worker thread while it waits
        self.app.with_store(lambda _: self._drain())  # type: ignore[attr-defined]

    @on(EditRequested)
    def _edit_requested(self, message: EditRequested) -> None:
        case_id, run = self.case_id, message.run
        self.submit(message.describe, lambda store: run(store, case_id))

    # -- edits ------------------------------------------------------------------------------

    def rate(
        self, evidence: str, hypothesis: str, value: str | None, rationale: str | None
    ) -> None:
        if self.state is None:
            return
        self.state.set_rating(evidence, hypothesis, value, rationale)
        self.query_one(MatrixPane).repaint_cell(self.state, evidence, hypothesis)
        self._dirty.update({"map", "scores", "method"})  # the Items tab shows no ratings
        self._warm_scores()
        case_id, me = self.case_id, self.state.me
        # a name the case did not know was confirmed before the first key could rate as it
        new = me not in self.state.known_analysts
        self.submit(
            f"rate {evidence} × {hypothesis}",
            lambda store: store.rate(
                case_id, evidence, hypothesis, value, rationale, analyst=me, new_analyst=new
            ),
            rating=(evidence, hypothesis, value, rationale),
            reload=False,
        )

    def on_matrix_table_rate_requested(self, event: MatrixTable.RateRequested) -> None:
        if self.state is None:
            return
        old = self.state.cell(event.evidence, event.hypothesis)
        rationale = old.rationale if old is not None and event.value is not None else None
        self.rate(event.evidence, event.hypothesis, event.value, rationale)

    def on_matrix_table_rationale_requested(self, event: MatrixTable.RationaleRequested) -> None:
        if self.state is None:
            return
        cell = self.state.cell(event.evidence, event.hypothesis)
        self.ask_rating(event.evidence, event.hypothesis, _cell_edit(cell))

    def ask_rating(self, evidence: str, hypothesis: str, shown: CellEdit, notice: str = "") -> None:
        """The cell's dialog; a save is refused (the dialog comes back with what was typed)
        when the cell changed underneath while it was open: a colleague's live edit, or the
        same analyst in another window."""
        if self.state is None:
            return
        opened = _cell_edit(self.state.cell(evidence, hypothesis))
        label = self.state.hypothesis(hypothesis).label
        summary = self.state.evidence(evidence).summary

        def done(edit: CellEdit | None) -> None:
            if edit is None or self.state is None or evidence not in self.state.evidence_index:
                return
            now = _cell_edit(self.state.cell(evidence, hypothesis))
            if now != opened and edit != now:
                self.ask_rating(
                    evidence, hypothesis, edit, self._changed_note(evidence, hypothesis, now)
                )
                return
            self.rate(evidence, hypothesis, edit.rating, edit.rationale)

        from claimmap.tui.modals.rationale import RationaleModal

        self.app.push_screen(
            RationaleModal(
                f"{evidence}: {summary}\nagainst {hypothesis}: {label}",
                shown.rating,
                shown.rationale,
                notice,
            ),
            done,
        )

    def _changed_note(self, evidence: str, hypothesis: str, now: CellEdit) -> str:
        store = self.app.store  # type: ignore[attr-defined]
        mine = f"rate {evidence} × {hypothesis}:"
        entry = next(
            (e for e in store.history(self.case_id, 200) if e.action.startswith(mine)), None
        )
        by = f" by {entry.who} at {local_minute(entry.at)}" if entry is not None else ""
        value = now.rating or "unrated"
        return (
            f"{evidence} × {hypothesis} was changed to {value}{by} while this was open. "
            "What you typed is kept: save again to overwrite, or Esc to keep theirs."
        )

    @on(FormRequested)
    def _form_requested(self, message: FormRequested) -> None:
        self.open_form(message.collection, message.key, message.preset)

    def open_form(
        self,
        collection: str,
        key: str | None,
        preset: dict[str, str] | None = None,
        error: str = "",
        expected: int | None = None,
    ) -> None:
        """`expected`: the change the form saves over (after a refusal, the one refused
        for, so saving again overwrites it); by default what the screen shows."""
        doc = self.document()
        if doc is None:
            return
        item = next((it for it in getattr(doc, collection) if it.id == key), None)
        if key is not None and item is None:
            return
        case_id = self.case_id
        expected = max(self.seen, expected or 0)  # saved only over what the form showed

        def done(edit: ItemEdit | None) -> None:
            self._item_form = None
            if edit is None:
                return

            def run(store: Any) -> object:
                try:
                    if edit.key is None:
                        return store.add_item(case_id, edit.collection, edit.data)
                    return store.update_item(case_id, edit.key, edit.data, expected=expected)
                except (
                    DeletedUnderneath
                ) as exc:  # deleted meanwhile: offer to add what was typed instead
                    self.post_message(self.FormFailed(collection, None, edit.raw, str(exc)))
                    raise
                except (
                    ChangedUnderneath
                ) as exc:  # changed meanwhile: saving again overwrites theirs
                    failed = self.FormFailed(collection, key, edit.raw, str(exc), exc.change_id)
                    self.post_message(failed)
                    raise
                except Exception as exc:  # the form comes back with what was typed
                    from claimmap.tui.transfer import in_words

                    self.post_message(self.FormFailed(collection, key, edit.raw, in_words(exc)))
                    raise

            what = f"add {edit.data.get('id')}" if edit.key is None else f"edit {edit.key}"
            self.submit(what, run)

        from claimmap.tui.modals.item_form import ItemFormModal

        form = ItemFormModal(doc, collection, item, preset, error)
        self._item_form = (key, form) if key is not None else None
        self.app.push_screen(form, done)

    @dataclass
    class FormFailed(Message):
        collection: str
        key: str | None
        typed: dict[str, str]
        reason: str
        expected: int | None = None

    def on_case_screen_form_failed(self, message: FormFailed) -> None:
        self.open_form(
            message.collection, message.key, message.typed, message.reason, message.expected
        )

    @on(DeleteRequested)
    def _delete_requested(self, message: DeleteRequested) -> None:
        self.confirm_delete(message.key)

    def confirm_delete(self, key: str) -> None:
        case_id = self.case_id
        citing = self.state.citing(key) if self.state is not None else []
        if citing:  # the store would refuse; say why before asking anything
            self.notify(
                f"{key} cannot be deleted: {', '.join(citing)} cite it. "
                "Give them another source first.",
                severity="warning",
                timeout=6,
            )
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.submit(f"delete {key}", lambda store: store.delete_item(case_id, key))

        from claimmap.tui.modals.confirm import ConfirmModal

        self.app.push_screen(
            ConfirmModal(f"Delete {key} and everything attached to it? (u undoes it)", "Delete"),
            done,
        )

    # -- actions ----------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabRequested)
    def _tab_requested(self, message: TabRequested) -> None:
        if self.check_action("tab", (message.tab,)):  # blind rating hides the scores
            self.action_tab(message.tab)

    @on(CellRequested)
    def _cell_requested(self, message: CellRequested) -> None:
        state, item = self.state, message.evidence
        if state is not None and item in state.evidence_index:
            open_cells = [h for h in state.hypothesis_ids if state.cell(item, h) is None]
            hypotheses = open_cells or state.hypothesis_order(self.blind_seed)
            if hypotheses:
                self.query_one(MatrixTable).go_to(item, hypotheses[0])
        self.action_tab("matrix")

    @on(CollectionRequested)
    def _collection_requested(self, message: CollectionRequested) -> None:
        self._collection = message.collection
        items = cast("ItemsPane | None", self._pane("items"))
        if items is not None:
            items.show_collection(message.collection)
        self.action_tab("items")

    def action_method(self) -> None:
        self.method = next_method(self.method)
        matrix = self.query_one(MatrixPane)
        matrix.method = self.method
        if self.state is not None:
            matrix.show_scores(self.state)
        self.notify(f"Scoring method: {self.method}", timeout=2)

    def action_blind(self) -> None:
        self.blind_seed = None if self.blind_seed is not None else random.randrange(1 << 30)
        self.query_one(MatrixPane).blind_seed = self.blind_seed
        method = cast("MethodPane | None", self._pane("method"))
        graph = cast("MapPane | None", self._pane("map"))
        if method is not None:
            method.blind_seed = self.blind_seed
        if graph is not None:
            graph.blind = self.blind_seed is not None
        self._dirty = set(TABS)
        self._refresh_active()
        self.notify(
            "Blind rating: hypotheses shuffled, scores hidden"
            if self.blind_seed is not None
            else "Blind rating off",
            timeout=3,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # no peeking at scores while rating blind
        return not (action == "tab" and self.blind_seed is not None and parameters == ("scores",))

    # -- who rates ---------------------------------------------------------------------------

    def _me(self) -> str | None:
        store = self.app.store  # type: ignore[attr-defined]
        return keyboard_analyst(store, self.me, getattr(self.app, "analyst", None))

    def _confirm_new_analyst(self, state: CaseState) -> None:
        def done(yes: bool | None) -> None:
            if not yes:
                self.me = state.shown.analyst
                self.app.analyst = None  # type: ignore[attr-defined]
                self.notify(f"Rating as {state.shown.analyst}, the case's analyst", timeout=4)
                self.load()

        self._ask_new_analyst(state.me, state, done)

    def _ask_new_analyst(
        self, name: str, state: CaseState, done: Callable[[bool | None], None]
    ) -> None:
        """Ask before any key can rate as a name the case does not know (it may be a typo)."""
        from claimmap.tui.modals.confirm import ConfirmModal

        known = ", ".join(state.known_analysts)
        self.app.push_screen(
            ConfirmModal(
                f"{name} has no ratings in this case yet (its analysts: {known}). "
                f"Rate as {name}, a new analyst of this case?",
                yes=f"Rate as {name}",
                no="No",
            ),
            done,
        )

    def action_rate_as(self) -> None:
        # on the store: it says whether this is a server (where the login rates)
        self.app.with_store(self._ask_rate_as, now=True)  # type: ignore[attr-defined]

    def _ask_rate_as(self, store: Store) -> None:
        if self.state is None or not self.is_attached:
            return
        state = self.state
        if store.on_postgres:
            self.notify(
                f"On the team server you rate as your login ({store.who}); "
                "connect as another login to rate as someone else.",
                timeout=6,
            )
            return

        def chosen(name: str | None) -> None:
            if not name or name == state.me:
                return
            if name in state.known_analysts:
                self._switch_to(name)
                return

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._switch_to(name)

            self._ask_new_analyst(name, state, confirmed)

        from claimmap.tui.modals.analyst import AnalystModal

        self.app.push_screen(AnalystModal(state.me, state.known_analysts), chosen)

    def _switch_to(self, name: str) -> None:
        """Rate as `name` from now on, here and in cases opened later; the change log names
        them too (one name serves both on one machine)."""
        self.me = name
        self.app.analyst = name  # type: ignore[attr-defined]
        self.app.store.who = name  # type: ignore[attr-defined]
        self.notify(f"Rating as {name}", timeout=3)
        # known: a confirmed new name is checked again only against the database
        self.load()

    def action_history(self) -> None:
        self.app.with_store(lambda _: self._read_history(), now=True)  # type: ignore[attr-defined]

    @work(thread=True, group="history")
    def _read_history(self) -> None:
        from claimmap.tui.modals.history import HistoryModal

        entries = self.app.store.history(self.case_id, 1000)  # type: ignore[attr-defined]
        title = self.state.shown.case.title if self.state is not None else "this case"
        self.app.call_from_thread(self.app.push_screen, HistoryModal(title, entries))

    def action_undo(self) -> None:
        case_id = self.case_id

        def undo(store: Any) -> str:
            # The case's first change made it (a new case or an import); undoing that here
            # would pull the case from under the screen: it is done from the case list.
            log = store.history(case_id, 50, who=store.who)  # only mine are undone here
            newest = next((e for e in log if e.op == "edit" and e.state == "done"), None)
            if newest is not None and newest.action.startswith(("create case", "import case")):
                return "Nothing more to undo in this case (the case list's u removes it)"
            from claimmap.tui.transfer import said_of_history

            return said_of_history("Undid", "undo", store.undo(case_id))

        self.submit("undo", undo)

    def action_redo(self) -> None:
        from claimmap.tui.transfer import said_of_history

        case_id = self.case_id
        self.submit("redo", lambda store: said_of_history("Redid", "redo", store.redo(case_id)))

    def action_edit_case(self) -> None:
        if self.state is None:
            return
        self.open_case_form()

    def open_case_form(
        self, error: str = "", typed: dict[str, Any] | None = None, expected: int = 0
    ) -> None:
        doc = self.document()
        if doc is None:
            return
        case_id, expected = self.case_id, max(self.seen, expected)

        def done(changes: dict[str, Any] | None) -> None:
            if not changes:
                return

            def run(store: Any) -> object:
                try:
                    return store.update_case(case_id, changes, expected=expected)
                except ChangedUnderneath as exc:  # the form comes back with what was typed
                    again = (str(exc), changes, exc.change_id)
                    self.post_message(self.Refused(lambda: self.open_case_form(*again)))
                    raise

            self.submit("edit the case", run)

        from claimmap.tui.modals.case_form import CaseFormModal

        self.app.push_screen(CaseFormModal(doc.case, doc.teaching, error, typed), done)

    def action_judgement(self) -> None:
        if self.state is None:
            return
        self.open_judgement_form()

    def open_judgement_form(
        self, error: str = "", typed: dict[str, Any] | None = None, expected: int = 0
    ) -> None:
        state, doc = self.state, self.document()
        if state is None or doc is None:
            return
        case_id, expected = self.case_id, max(self.seen, expected)
        leaders = state.live_scores(self.method).leaders if state.hypothesis_ids else ()
        # offered only when no judgement is written, and never while rating blind
        leader = leaders[0] if len(leaders) == 1 and self.blind_seed is None else None

        def done(judgement: dict[str, Any] | None) -> None:
            if judgement is None:
                return

            def run(store: Any) -> object:
                try:
                    return store.update_case(case_id, {"judgement": judgement}, expected=expected)
                except ChangedUnderneath as exc:  # the form comes back with what was typed
                    again = (str(exc), judgement, exc.change_id)
                    self.post_message(self.Refused(lambda: self.open_judgement_form(*again)))
                    raise

            self.submit("write the judgement", run)

        from claimmap.tui.modals.judgement_form import JudgementFormModal

        self.app.push_screen(JudgementFormModal(doc, leader, error, typed), done)

    def action_export(self) -> None:
        from claimmap.tui.transfer import TransferRequest

        slug = (self.state.shown.case.slug if self.state else None) or "case"
        self.ask_export(TransferRequest(f"{slug}.yaml", "yaml"))

    def ask_export(self, request: TransferRequest, error: str = "") -> None:
        """The export dialog, filled in with `request` (after a failure, with the reason)."""

        def chosen(request: TransferRequest | None) -> None:
            if request is not None:
                self._export(request)

        from claimmap.tui.modals.transfer import TransferModal

        modal = TransferModal("export", request.path, format=request.format, error=error)
        self.app.push_screen(modal, chosen)

    @dataclass
    class ExportFailed(Message):
        request: TransferRequest
        reason: str

    def on_case_screen_export_failed(self, message: ExportFailed) -> None:
        self.ask_export(message.request, message.reason)

    def _export(self, request: TransferRequest) -> None:
        """Queued like an edit, so the file holds everything typed before it was asked for."""
        from claimmap.tui.transfer import TransferError, export_case

        case_id = self.case_id

        def run(store: Any) -> str | None:
            try:
                return export_case(store, case_id, request)
            except TransferError as exc:  # ask again, keeping what was typed
                self.post_message(self.ExportFailed(request, str(exc)))
                return None

        self.submit(f"export to {request.path}", run, reload=False, edit=False)

    def imported(self, message: str) -> None:
        self.notify(message + " (see the case list)")

    def action_close(self) -> None:
        self.app.leave_case()  # type: ignore[attr-defined]


def _header_texts(state: CaseState) -> tuple[str, str]:
    """The case's title, and whom the keys rate as and the question: the header's two
    parts (the analyst first, as a long question is cut at the header's end)."""
    question = state.shown.case.question
    title = state.shown.case.title
    return title, f"as {state.me}  ·  {question}" if question else f"as {state.me}"


def _cell_edit(cell: CellRating | None) -> CellEdit:
    from claimmap.tui.modals.rationale import CellEdit

    return CellEdit(cell.rating.value, cell.rationale) if cell is not None else CellEdit(None, None)
