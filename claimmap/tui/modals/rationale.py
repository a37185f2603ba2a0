"""Edit one cell: its rating and the one-line reason for it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select, Static

from claimmap.tui.case_state import RATINGS
from claimmap.tui.modals.dialog import DialogModal

UNRATED = "unrated"


@dataclass(frozen=True)
class CellEdit:
    rating: str | None
    rationale: str | None


class RationaleModal(DialogModal[CellEdit]):
    AUTO_FOCUS = "#rationale"

    def __init__(
        self, title: str, rating: str | None, rationale: str | None, notice: str = ""
    ) -> None:
        """`notice`: why the dialog is back (the cell changed underneath), shown above."""
        super().__init__()
        self.heading, self.rating, self.rationale = title, rating, rationale
        self.notice = notice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, classes="dialog-question")
            yield Select(
                [(r, r) for r in (*RATINGS, UNRATED)],
                value=self.rating or UNRATED,
                allow_blank=False,
                id="rating",
            )
            yield Input(
                self.rationale or "", placeholder="why this rating (one line)", id="rationale"
            )
            yield Static(Text(self.notice), id="form-errors", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (enter)", id="save", variant="primary")

    def action_save(self) -> None:
        rating = str(self.query_one("#rating", Select).value)
        text = self.query_one("#rationale", Input).value.strip() or None
        if rating == UNRATED:
            self.dismiss(CellEdit(None, None))
        else:
            self.dismiss(CellEdit(rating, text))
