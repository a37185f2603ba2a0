"""Indicators: per hypothesis, what to watch for, whether seeing it would confirm or refute
the hypothesis, and what has been seen so far. `a` adds one, `e` edits one (its status too)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from claimmap.model.enums import IndicatorStatus
from claimmap.teaching.indicators import HypothesisIndicators, IndicatorRow
from claimmap.tui.messages import FormRequested
from claimmap.tui.widgets.teaching.data import TeachingData, main_width
from claimmap.tui.widgets.teaching.lists import current_key, restore_cursor
from claimmap.tui.widgets.vim_table import VimDataTable

STATUS = {
    IndicatorStatus.NOT_SEEN: Text("not seen", "dim"),
    IndicatorStatus.OBSERVED: Text("observed", "bold"),
    IndicatorStatus.REFUTED: Text("refuted", "bold"),
}
POINTS = {1: Text("▲", "green"), -1: Text("▼", "red"), 0: Text("·", "dim")}


def counts_text(group: HypothesisIndicators) -> str:
    if not group.indicators:
        return "no indicator yet"
    seen = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in group.counts.items() if n)
    return f"{seen}; {group.towards} towards, {group.away} away"


class IndicatorsView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add indicator", id="ind-add", tooltip="Add one for this hypothesis"),
        Binding("e", "edit", "Edit", id="ind-edit", tooltip="Edit it, or change its status"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.groups: dict[str, HypothesisIndicators] = {}
        self.owner: dict[str, str] = {}  # row key -> hypothesis
        self.indicators: dict[str, IndicatorRow] = {}

    def on_unmount(self) -> None:
        # a left case is freed as its screen goes: see CaseScreen.on_unmount
        self.groups, self.owner, self.indicators = {}, {}, {}

    def compose(self) -> ComposeResult:
        yield Static("", id="ind-summary", classes="method-note")
        with Horizontal(classes="method-body"):
            yield VimDataTable(id="ind-table", cursor_type="row", classes="method-main")
            with VerticalScroll(classes="method-side"):
                yield Static("", id="ind-detail")

    def focus_main(self) -> None:
        self.query_one(DataTable).focus()

    def show(self, data: TeachingData, blind: bool) -> None:
        self.groups = {g.hypothesis: g for g in data.indicators}
        self.owner, self.indicators = {}, {}
        total = sum(len(g.indicators) for g in data.indicators)
        bare = [g.hypothesis for g in data.indicators if not g.indicators]
        summary = Text("Indicators: ", style="bold")
        summary.append(f"{total} over {len(data.indicators)} hypotheses. ")
        if bare:
            summary.append(f"None yet for {', '.join(bare)}.", style="yellow")
        else:
            summary.append("Every hypothesis has one.", style="dim")
        summary.append(" ▲ seen so far points towards it, ▼ away.", style="dim")
        self.query_one("#ind-summary", Static).update(summary)
        table = self.query_one(DataTable)
        key, row = current_key(table), table.cursor_row
        table.clear(columns=True)
        table.add_column("id", width=4)
        table.add_column("effect", width=8)
        table.add_column("status", width=8)
        table.add_column("", width=1)
        table.add_column(
            "what would be observed", width=max(20, main_width(self.app.size.width) - 31)
        )
        for g in data.indicators:
            heading = Text(f"{g.label} ", style="bold")
            heading.append(f"({counts_text(g)})", style="dim")
            heading.no_wrap, heading.overflow = True, "ellipsis"
            head = f"hyp:{g.hypothesis}"
            table.add_row(Text(g.hypothesis, "bold"), "", "", "", heading, key=head)
            self.owner[head] = g.hypothesis
            for i in g.indicators:
                self.owner[i.id] = g.hypothesis
                self.indicators[i.id] = i
                table.add_row(
                    Text(i.id),
                    i.effect.value,
                    STATUS[i.status].copy(),
                    POINTS[i.direction].copy(),
                    Text(" ".join(i.description.split()), no_wrap=True, overflow="ellipsis"),
                    key=i.id,
                )
        restore_cursor(table, key, row)
        self._detail()

    def _detail(self) -> None:
        detail = self.query_one("#ind-detail", Static)
        key = current_key(self.query_one(DataTable))
        if key is None or key not in self.owner:
            detail.update("")
            return
        group = self.groups[self.owner[key]]
        text = Text()
        text.append(f"{group.hypothesis} {group.label}\n", style="bold")
        text.append(counts_text(group) + "\n\n", style="dim")
        ind = self.indicators.get(key)
        if ind is not None:
            text.append(f"{ind.id} ", style="bold")
            text.append(f"{ind.effect.value} it if seen; ", style="dim")
            text.append(STATUS[ind.status])
            text.append("\n" + ind.description + "\n")
            if ind.notes:
                text.append("\nNotes: ", style="bold")
                text.append(ind.notes + "\n")
            if ind.direction:
                where = "towards" if ind.direction > 0 else "away from"
                text.append(f"\nSo far it points {where} {group.hypothesis}.\n")
            text.append("\ne edits it (status too); a adds another.", style="dim")
        else:
            text.append("a adds an indicator for this hypothesis.", style="dim")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        key = current_key(self.query_one(DataTable))
        preset = {"hypothesis": self.owner[key]} if key in self.owner else {}
        self.post_message(FormRequested("indicators", None, preset))

    def action_edit(self) -> None:
        key = current_key(self.query_one(DataTable))
        if key in self.indicators:
            self.post_message(FormRequested("indicators", key))
        elif key is not None:
            self.action_add()
