"""What every form dialog does the same way: Enter in a field or the Save button submits,
ctrl+s submits from anywhere, Escape or the other button cancels (dismissing with None)."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button

ResultType = TypeVar("ResultType")


class DialogModal(ModalScreen[ResultType | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog-save"),
    ]

    def action_save(self) -> None:
        """Check the form and dismiss with its result, or show what is wrong and stay open."""
        raise NotImplementedError(f"{type(self).__name__} must say how it saves")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)
