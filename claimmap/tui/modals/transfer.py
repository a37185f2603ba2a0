"""Export or import a case: choose the format and the path."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Select, Static

from claimmap.formats import registry
from claimmap.tui.modals.dialog import DialogModal
from claimmap.tui.transfer import TransferRequest

FROM_SUFFIX = "from the file name"


class TransferModal(DialogModal[TransferRequest]):
    AUTO_FOCUS = "#path"

    def __init__(self, direction: Literal["import", "export"], suggested: str = "") -> None:
        super().__init__()
        self.direction = direction
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        if self.direction == "export":
            options = [(f"{f.name}  ({f.summary})", f.name) for f in registry.EXPORTS.values()]
            first = "yaml"
        else:
            options = [(FROM_SUFFIX, FROM_SUFFIX)] + [
                (f"{f.name}  ({', '.join(f.suffixes)})", f.name) for f in registry.IMPORTS.values()
            ]
            first = FROM_SUFFIX
        with Vertical(classes="dialog"):
            yield Static(f"{self.direction.capitalize()} a case", classes="dialog-question")
            yield Select(options, value=first, allow_blank=False, id="format")
            yield Input(self.suggested, placeholder="path to the file", id="path")
            if self.direction == "import":
                yield Checkbox("replace a stored case with the same slug", id="replace")
            yield Static("", id="transfer-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button(f"{self.direction.capitalize()} (enter)", id="save", variant="primary")

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.direction != "export" or not isinstance(event.value, str):
            return
        path = self.query_one("#path", Input)
        suffix = registry.EXPORTS[event.value].suffix
        if path.value and "." in path.value.rsplit("/", 1)[-1]:
            path.value = path.value.rsplit(".", 1)[0] + suffix

    def action_save(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.query_one("#transfer-error", Static).update("Give a path.")
            return
        fmt = str(self.query_one("#format", Select).value)
        replace = self.direction == "import" and self.query_one("#replace", Checkbox).value
        self.dismiss(TransferRequest(path, None if fmt == FROM_SUFFIX else fmt, replace))
