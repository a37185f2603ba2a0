"""Whom to rate as: one of the case's analysts, or a name typed for a new one. The screen asks
again before a name the case does not know becomes a new analyst, so a typo never does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Static

from claimmap.model.item_check import check_analyst
from claimmap.tui.modals.dialog import DialogModal
from claimmap.user_errors import describe


class AnalystModal(DialogModal[str]):
    def __init__(self, current: str, known: tuple[str, ...]) -> None:
        super().__init__()
        self.current, self.known = current, known

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Rate as", style="bold"), classes="dialog-question")
            listed = ", ".join(f"{n} (you)" if n == self.current else n for n in self.known)
            # names are user text: shown, never read as markup
            yield Static(Text(f"Analysts of this case: {listed}"))
            yield Input(
                value=self.current,
                placeholder="an analyst's name",
                suggester=SuggestFromList(self.known, case_sensitive=False),
                id="analyst-name",
            )
            yield Static("", id="form-errors")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Rate as (Enter)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_save(self) -> None:
        name = self.query_one(Input).value.strip()
        try:
            check_analyst(name)
        except Exception as exc:
            self.query_one("#form-errors", Static).update(Text(describe(exc), style="red"))
            return
        self.dismiss(name)
