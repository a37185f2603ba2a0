"""Export or import a case: choose the format and the path.

What can be checked before the work starts is checked here, and said in the dialog, which stays
open with what was typed: an empty path, a missing file or folder. An export over an existing
file asks first. A transfer that fails later reopens the dialog with the same values and the
reason."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Select, Static

from claimmap.formats import registry
from claimmap.tui.modals.confirm import ConfirmModal
from claimmap.tui.modals.dialog import DialogModal
from claimmap.tui.transfer import TransferRequest, export_problem

FROM_SUFFIX = "from the file name"


class TransferModal(DialogModal[TransferRequest]):
    AUTO_FOCUS = "#path"

    def __init__(
        self,
        direction: Literal["import", "export"],
        suggested: str = "",
        *,
        format: str | None = None,
        replace: bool = False,
        error: str = "",
    ) -> None:
        super().__init__()
        self.direction = direction
        self.suggested = suggested
        self.format, self.replace, self.error = format, replace, error

    def compose(self) -> ComposeResult:
        if self.direction == "export":
            options = [(f"{f.name}  ({f.summary})", f.name) for f in registry.EXPORTS.values()]
            first = self.format or "yaml"
        else:
            options = [(FROM_SUFFIX, FROM_SUFFIX)] + [
                (f"{f.name}  ({', '.join(f.suffixes)})", f.name) for f in registry.IMPORTS.values()
            ]
            first = self.format or FROM_SUFFIX
        verb = self.direction.capitalize()
        with Vertical(classes="dialog"):
            yield Static(f"{verb} a case", classes="dialog-question")
            yield Select(options, value=first, allow_blank=False, id="format")
            yield Input(self.suggested, placeholder="path to the file", id="path")
            if self.direction == "import":
                yield Checkbox(
                    "replace a stored case with the same slug", self.replace, id="replace"
                )
            yield Static(self.error, id="transfer-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button(f"{verb} (enter)", id="save", variant="primary")

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.direction != "export" or not isinstance(event.value, str):
            return
        path = self.query_one("#path", Input)
        suffix = registry.EXPORTS[event.value].suffix
        if path.value and "." in path.value.rsplit("/", 1)[-1]:
            path.value = path.value.rsplit(".", 1)[0] + suffix

    def _say(self, problem: str) -> None:
        self.query_one("#transfer-error", Static).update(problem)
        self.query_one("#path", Input).focus()

    def action_save(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._say("Give the path of the file.")
            return
        fmt = str(self.query_one("#format", Select).value)
        replace = self.direction == "import" and self.query_one("#replace", Checkbox).value
        request = TransferRequest(text, None if fmt == FROM_SUFFIX else fmt, replace)
        path = Path(text).expanduser()
        if self.direction == "import":
            if not path.is_file():
                self._say(
                    f"There is no file {path}." if not path.exists() else f"{path} is a folder."
                )
                return
            self.dismiss(request)
            return
        problem = export_problem(path)
        if problem:
            self._say(problem[:1].upper() + problem[1:] + ".")
            return
        if path.exists():

            def answer(yes: bool | None) -> None:
                if yes:
                    self.dismiss(request)

            self.app.push_screen(ConfirmModal(f"{path} exists. Replace it?", yes="Replace"), answer)
            return
        self.dismiss(request)
