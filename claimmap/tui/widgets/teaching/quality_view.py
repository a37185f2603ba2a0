"""Quality of Information Check: per evidence item, the source's reliability beside the
information's credibility (Admiralty), relevance, quality flags, the scoring weight before and
after the flags, and how many other sources corroborate it. `e` edits the item (its flags)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from claimmap.teaching.quality import QualityRow
from claimmap.tui.messages import FormRequested
from claimmap.tui.widgets.teaching.data import MENU_WIDTH, TeachingData, short
from claimmap.tui.widgets.teaching.lists import current_key, restore_cursor
from claimmap.tui.widgets.vim_table import VimDataTable

FLAG_NAMES = {"retracted": "retracted", "second_hand": "2nd-hand", "partisan": "partisan"}
WIDE = 90  # a table at least this wide spells out the Admiralty meanings and relevance


def weight_text(row: QualityRow, compact: bool) -> Text:
    """`before → after`, the after part marked when the flags changed it."""
    arrow = "→" if compact else " → "
    changed = abs(row.weight - row.weight_before_flags) > 1e-9
    text = Text(f"{row.weight_before_flags:.2f}", style="" if changed else "dim")
    text.append(arrow, style="dim")
    style = "bold red" if row.weight == 0 else "bold yellow" if changed else "dim"
    text.append(f"{row.weight:.2f}", style=style)
    return text


def admiralty(row: QualityRow, wide: bool) -> Text:
    """The source's reliability letter beside the information's credibility, e.g. `B2`."""
    rel, cred = row.reliability or "–", row.credibility or "–"
    if not wide:
        return Text(f"{rel}{cred}" if len(cred) == 1 else f"{rel} {cred}")
    text = Text(rel, style="bold")
    text.append(f" {row.reliability_meaning or 'no source'} · ", style="dim")
    text.append(cred, style="bold")
    meaning = row.credibility_meaning or "not graded"
    if meaning.casefold() != cred.casefold():  # PARC levels name themselves
        text.append(f" {meaning}", style="dim")
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


class QualityView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit item", id="qoi-edit", tooltip="Edit flags, credibility, ..."),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: dict[str, QualityRow] = {}

    def on_unmount(self) -> None:
        self.rows = {}  # a left case is freed as its screen goes: see CaseScreen.on_unmount

    def compose(self) -> ComposeResult:
        yield Static("", id="qoi-summary", classes="method-note")
        yield VimDataTable(id="qoi-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="qoi-detail")

    def focus_main(self) -> None:
        self.query_one(DataTable).focus()

    def show(self, data: TeachingData, blind: bool) -> None:
        self.rows = {r.evidence: r for r in data.quality}
        flagged = sum(bool(r.flags) for r in data.quality)
        summary = Text("Quality of information: ", style="bold")
        summary.append(f"{len(data.quality)} items, {flagged} flagged. ")
        summary.append("Weights are those weighted scoring uses; flags scale them.", style="dim")
        self.query_one("#qoi-summary", Static).update(summary)
        width = self.app.size.width - MENU_WIDTH - 2
        wide = width >= WIDE
        table = self.query_one(DataTable)
        key, row = current_key(table), table.cursor_row
        table.clear(columns=True)
        table.add_column("id", width=4)
        if wide:
            table.add_column("source · information", width=max(30, width - 60))
            table.add_column("relev.", width=6)
        else:
            table.add_column("adm.", width=4)
        table.add_column("flags", width=17)
        table.add_column("weight", width=12 if wide else 10)
        table.add_column("corr.", width=5)
        for r in data.quality:
            flags = Text(" ".join(FLAG_NAMES.get(f, f) for f in r.flags), style="yellow")
            cells: list[object] = [Text(r.evidence, style="bold"), admiralty(r, wide)]
            if wide:
                cells.append(r.relevance or "–")
            cells += [flags, weight_text(r, not wide), str(r.corroboration)]
            table.add_row(*cells, key=r.evidence)
        restore_cursor(table, key, row)
        self._detail()

    def _detail(self) -> None:
        detail = self.query_one("#qoi-detail", Static)
        key = current_key(self.query_one(DataTable))
        r = self.rows.get(key) if key else None
        if r is None:
            detail.update("No evidence yet.")
            return
        text = Text()
        text.append(f"{r.evidence} {r.kind}: ", style="bold")
        text.append(short(r.summary, 160) + "\n")
        if r.source:
            text.append(f"Source {r.source} ({r.source_kind}) ", style="bold")
            text.append(f"{r.reliability} {r.reliability_meaning}; ")
        else:
            text.append("No source; ", style="bold")
        text.append("information ", style="bold")
        cred = r.credibility or "not graded"
        if r.credibility_meaning and r.credibility_meaning.casefold() != cred.casefold():
            cred = f"{cred} {r.credibility_meaning}"
        text.append(f"{cred}; relevance {r.relevance or 'not given'}.\n")
        if r.flags:
            text.append(f"Flags {', '.join(r.flags)} ×{r.flag_factor:.2f}: ", style="yellow")
        text.append(f"weight {r.weight_before_flags:.2f} → {r.weight:.2f}. ")
        if r.corroboration:
            backers = ", ".join(r.corroborated_by)
            text.append(f"Corroborated by {r.corroboration} other source(s): {backers}.")
        else:
            text.append("No other source corroborates it.", style="dim")
        text.append("  e edits it.", style="dim")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        key = current_key(self.query_one(DataTable))
        if key is not None:
            self.post_message(FormRequested("evidence", key))
