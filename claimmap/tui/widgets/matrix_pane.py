"""The Matrix tab: status line, filter, the table, the live score row and the detail pane."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input

from claimmap.tui.case_state import CaseState, next_sort
from claimmap.tui.messages import DeleteRequested, FormRequested
from claimmap.tui.team_views import (
    ANALYST,
    DISAGREEMENT,
    DISPUTE_SHORT,
    DISPUTE_STYLES,
    GROUP,
    MatrixView,
    colleagues,
    describe,
    next_view,
    still_valid,
)
from claimmap.tui.widgets.evidence_detail import EvidenceDetail
from claimmap.tui.widgets.matrix_table import MatrixTable
from claimmap.tui.widgets.rating_style import legend
from claimmap.tui.widgets.score_bar import ScoreBar
from claimmap.tui.widgets.steady_static import SteadyStatic

FILTER_HINT = "filter: text, or #tag; Enter applies, Escape clears"


def empty_hint(state: CaseState) -> str | None:
    """What to press next in a case that cannot be rated yet."""
    doc = state.shown
    if not doc.hypotheses and not doc.evidence:
        return "An empty case: A adds the first hypothesis, a the first evidence item; F2 edits the question."
    if not doc.hypotheses:
        return "No hypotheses yet: A adds the first hypothesis."
    if not doc.evidence:
        return "No evidence yet: a adds the first evidence item (sources are added on the Items tab, 2)."
    return None


class MatrixPane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear filter", id="clear-filter", show=False),
        Binding("t", "transpose", "Transpose", id="transpose", tooltip="Hypotheses as rows"),
        Binding("s", "sort", "Sort", id="sort", tooltip="Case order, diagnosticity, date, ..."),
        Binding("slash", "filter", "Filter", id="filter", tooltip="Filter by text or #tag"),
        Binding(
            "v",
            "view(1)",
            "Whose view",
            id="next-view",
            tooltip="Mine, a colleague's, group, disagreement, compare",
            show=False,  # the status line offers it, once the case has more than one analyst
        ),
        Binding("V", "view(-1)", "Previous view", id="previous-view", show=False),
        Binding("a", "add('evidence')", "Add evidence", id="add-evidence"),
        Binding("A", "add('hypotheses')", "Add hypothesis", id="add-hypothesis"),
        Binding("e", "edit('evidence')", "Edit evidence", id="edit-evidence"),
        Binding("E", "edit('hypotheses')", "Edit hypothesis", id="edit-hypothesis", show=False),
        Binding("d", "delete('evidence')", "Delete evidence", id="delete-evidence", show=False),
        Binding("D", "delete('hypotheses')", "Delete hypothesis", id="delete-hyp", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.sort = "case order"
        self.filter_text = ""
        self.transposed = False
        # set by the case screen ("attributes down")
        self.state: CaseState | None = None
        self.method = "weighted"
        self.blind_seed: int | None = None
        self.view = MatrixView()
        self.shown = 0  # evidence rows shown after the filter

    def on_unmount(self) -> None:
        self.state = None  # a left case is freed as its screen goes: see CaseScreen.on_unmount

    def compose(self) -> ComposeResult:
        # the filter box is made when it is first asked for (`/`): its styles, layout and
        # cursor timer were work the case's first frame waited behind
        yield SteadyStatic("", id="matrix-status")
        yield MatrixTable(id="matrix-table")
        yield ScoreBar(id="score-bar")
        yield EvidenceDetail(id="detail")

    def _filter_box(self) -> Input | None:
        found = self.query("#filter")
        return found.first(Input) if found else None

    # -- painting ---------------------------------------------------------------------------

    def rebuild(self, state: CaseState) -> None:
        self.state = state
        self.repaint()

    def repaint(self) -> None:
        """Lay the matrix out again after a change of order, filter or orientation."""
        state = self.state
        if state is None:
            return
        table = self.query_one(MatrixTable)
        self.view = table.view = still_valid(state, self.view)
        evidence = state.evidence_order(self.sort, self.filter_text)
        hypotheses = state.hypothesis_order(self.blind_seed)
        table.rebuild(state, evidence, hypotheses, self.transposed)
        self.shown = len(evidence)
        self.show_status(state, self.shown)
        self.show_scores(state)
        self.show_detail(state)

    def show_status(self, state: CaseState, shown: int) -> None:
        next_step = empty_hint(state)
        if next_step:
            self.query_one("#matrix-status", SteadyStatic).update(Text(next_step, style="bold"))
            return
        parts = [
            f"{shown}/{len(state.shown.evidence)} evidence",
            f"sort: {self.sort}",
            "hypotheses as rows" if self.transposed else "evidence as rows",
        ]
        if self.filter_text:
            parts.append(f"filter: {self.filter_text}")
        if self.blind_seed is not None:
            parts.append("BLIND: order shuffled, scores hidden")
        if colleagues(state) or self.view.kind != "mine":
            if state.blind_for_me:
                left = state.unrated_by_me()
                parts.append(f"independent rating: colleagues shown once you rate {left} more")
            else:
                parts.append(f"view: {describe(state, self.view)} (v)")
        text = Text("  ·  ".join(parts) + "    ")
        if self.view.kind == DISAGREEMENT:
            for name, style in DISPUTE_STYLES.items():
                text.append(f" {DISPUTE_SHORT[name]} ", style=style)
                text.append(" ")
        elif self.app.size.width >= 110:
            text.append_text(legend())
        self.query_one("#matrix-status", SteadyStatic).update(text)

    def show_scores(self, state: CaseState) -> None:
        # the score row follows the view: a colleague's, the group's, or (otherwise) mine
        view = self.view
        if self.blind_seed is not None:
            live = None
        elif view.kind == ANALYST:
            live = state.live_scores(self.method, view.other)
        elif view.kind in (GROUP, DISAGREEMENT):
            live = state.live_scores(self.method, group=True)
        else:
            live = state.live_scores(self.method)
        order = state.hypothesis_order(self.blind_seed)
        self.query_one(ScoreBar).show(state, live, order)

    def show_detail(self, state: CaseState) -> None:
        table = self.query_one(MatrixTable)
        here = table.current()
        evidence, hypothesis = here if here else (table.current_evidence(), None)
        self.query_one(EvidenceDetail).show(state, evidence, hypothesis)

    def repaint_cell(self, state: CaseState, evidence: str, hypothesis: str) -> None:
        self.query_one(MatrixTable).repaint(state, evidence, hypothesis)
        if colleagues(state):  # how many cells are left before colleagues show, and counts
            self.show_status(state, self.shown)
        self.show_scores(state)
        self.show_detail(state)

    def on_matrix_table_moved(self, event: MatrixTable.Moved) -> None:
        state = self.state
        if state is not None:
            self.query_one(EvidenceDetail).show(state, event.evidence, event.hypothesis)

    # -- actions ----------------------------------------------------------------------------

    def action_view(self, step: int) -> None:
        state = self.state
        if state is None:
            return
        if state.blind_for_me:
            left = state.unrated_by_me()
            self.notify(
                f"Independent rating: colleagues' ratings and the group's show once you have "
                f"rated every cell ({left} left).",
                timeout=5,
            )
            return
        if not colleagues(state):
            self.notify("Nobody else has rated this case yet: only your view.", timeout=4)
            return
        # the status line names the view; a toast per press would pile up over the matrix
        self.view = next_view(state, self.view, step)
        self.repaint()

    def action_transpose(self) -> None:
        self.transposed = not self.transposed
        self.repaint()

    def action_sort(self) -> None:
        self.sort = next_sort(self.sort)
        self.repaint()
        self.notify(f"Sorted by {self.sort}", timeout=2)

    async def action_filter(self) -> None:
        box = self._filter_box()
        if box is None:
            box = Input(placeholder=FILTER_HINT, id="filter")
            await self.mount(box, before=self.query_one(MatrixTable))
        box.display = True
        box.value = self.filter_text
        # at once, not after the keys already waiting: `/ab` typed in one go filters by "ab"
        # (Widget.focus would let "a" and "b" reach the matrix's keys first)
        self.screen.set_focus(box)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.filter_text = event.value.strip()
            event.input.display = bool(self.filter_text)
            self.query_one(MatrixTable).focus()
            self.repaint()

    def on_key(self, event: events.Key) -> None:
        """Escape in the filter box clears the filter (elsewhere it leaves the case)."""
        box = self._filter_box()
        if event.key == "escape" and box is not None and box.has_focus:
            self.action_clear_filter()
            event.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape clears an active filter first; with none, it falls through and leaves the case
        return self.filter_text != "" if action == "clear_filter" else True

    def action_clear_filter(self) -> None:
        box = self._filter_box()
        self.filter_text = ""
        if box is not None:
            box.value = ""
            box.display = False
        self.query_one(MatrixTable).focus()
        self.repaint()
        self.notify("Filter cleared", timeout=2)

    def _current_key(self, collection: str) -> str | None:
        table = self.query_one(MatrixTable)
        here = table.current()
        if collection == "evidence":
            return here[0] if here else table.current_evidence()
        return here[1] if here else None

    def action_add(self, collection: str) -> None:
        self.post_message(FormRequested(collection))

    def action_edit(self, collection: str) -> None:
        key = self._current_key(collection)
        if key is not None:
            self.post_message(FormRequested(collection, key))

    def action_delete(self, collection: str) -> None:
        key = self._current_key(collection)
        if key is not None:
            self.post_message(DeleteRequested(key))
