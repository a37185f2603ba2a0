"""Key Assumptions Check: every assumption, weakest first, with its grade, the hypotheses
resting on it and the questions to challenge it with. `e` edits one, `a` adds one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from claimmap.model.enums import Grade
from claimmap.teaching.assumptions import KeyAssumption, grade_counts
from claimmap.tui.messages import FormRequested
from claimmap.tui.widgets.teaching.data import TeachingData, main_width
from claimmap.tui.widgets.teaching.lists import current_key, restore_cursor
from claimmap.tui.widgets.vim_table import VimDataTable

GRADE_STYLE = {Grade.SOLID: "green", Grade.CAVEATED: "yellow", Grade.UNSUPPORTED: "bold red"}


class AssumptionsView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="kac-edit", tooltip="Edit the assumption (its grade too)"),
        Binding("a", "add", "Add assumption", id="kac-add", tooltip="Add a key assumption"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: dict[str, KeyAssumption] = {}
        self.data: TeachingData | None = None

    def on_unmount(self) -> None:
        # a left case is freed as its screen goes: see CaseScreen.on_unmount
        self.rows, self.data = {}, None

    def compose(self) -> ComposeResult:
        yield Static("", id="kac-summary", classes="method-note")
        with Horizontal(classes="method-body"):
            yield VimDataTable(id="kac-table", cursor_type="row", classes="method-main")
            with VerticalScroll(classes="method-side"):
                yield Static("", id="kac-detail")

    def focus_main(self) -> None:
        self.query_one(DataTable).focus()

    def show(self, data: TeachingData, blind: bool) -> None:
        self.data = data
        self.rows = {a.id: a for a in data.assumptions}
        counts = grade_counts(data.doc)
        ungraded = sum(a.origin == "evidence" for a in data.assumptions)
        summary = Text("Key assumptions: ", style="bold")
        summary.append(", ".join(f"{n} {grade}" for grade, n in counts.items()))
        if ungraded:
            summary.append(f"; {ungraded} evidence item(s) of kind assumption, ungraded")
        summary.append(". Weakest first.", style="dim")
        self.query_one("#kac-summary", Static).update(summary)
        table = self.query_one(DataTable)
        key, row = current_key(table), table.cursor_row
        table.clear(columns=True)
        table.add_column("grade", width=11)
        table.add_column("id", width=4)
        table.add_column("rests on", width=10)
        table.add_column("statement", width=max(20, main_width(self.app.size.width) - 35))
        for a in data.assumptions:
            grade = (
                Text(a.grade.value, GRADE_STYLE[a.grade]) if a.grade else Text("ungraded", "dim")
            )
            table.add_row(
                grade,
                Text(a.id, style="bold"),
                ", ".join(a.hypotheses) or Text("nothing", "dim"),
                Text(" ".join(a.statement.split()), no_wrap=True, overflow="ellipsis"),
                key=a.id,
            )
        restore_cursor(table, key, row)
        self._detail()

    def _detail(self) -> None:
        detail = self.query_one("#kac-detail", Static)
        key = current_key(self.query_one(DataTable))
        a = self.rows.get(key) if key else None
        if a is None or self.data is None:
            detail.update("No assumptions yet: a adds one." if not self.rows else "")
            return
        text = Text()
        text.append(f"{a.id} ", style="bold")
        if a.grade is not None:
            text.append(a.grade.value, GRADE_STYLE[a.grade])
            text.append(" key assumption\n", style="dim")
        else:
            text.append("evidence item of kind assumption, ungraded\n", style="dim")
        text.append(a.statement + "\n\n")
        rest = "Rests under" if a.origin == "evidence" else "Hypotheses resting on it"
        text.append(f"{rest}:\n", style="bold")
        for h in a.hypotheses:
            text.append(f"  {h} {self.data.label(h)}\n")
        if not a.hypotheses:
            text.append("  none linked yet (e links it)\n", style="dim")
        if a.notes:
            text.append("\nNotes: ", style="bold")
            text.append(a.notes + "\n")
        text.append("\nChallenge it:\n", style="bold")
        for i, question in enumerate(a.questions, 1):
            text.append(f"  {i}. {question}\n")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        key = current_key(self.query_one(DataTable))
        a = self.rows.get(key) if key else None
        if a is not None:
            collection = "evidence" if a.origin == "evidence" else "assumptions"
            self.post_message(FormRequested(collection, a.id))

    def action_add(self) -> None:
        self.post_message(FormRequested("assumptions"))
