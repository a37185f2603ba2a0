"""What every form dialog does the same way: Enter does what the primary button says (save,
export, import) from any one-line field, select or checkbox; ctrl+s does it from anywhere, a
multi-line editor included; Escape or the other button cancels (dismissing with None).

Enter is a priority key here because the widgets would otherwise take it for themselves: a
closed select reopens its list, a checkbox toggles. Where Enter has a job of its own (a new line
in a text area, choosing from an open select list, pressing a focused button) the binding steps
aside (`check_action`)."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, TextArea
from textual.widgets._select import SelectOverlay

ResultType = TypeVar("ResultType")


class DialogModal(ModalScreen[ResultType | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog-save"),
        Binding("enter", "submit", "Save", id="dialog-enter", show=False, priority=True),
    ]

    def action_save(self) -> None:
        """Check the form and dismiss with its result, or show what is wrong and stay open."""
        raise NotImplementedError(f"{type(self).__name__} must say how it saves")

    def action_cancel(self) -> None:
        self.dismiss(None)

    #: Rows a dialog needs besides its scrolling fields: border, title, errors and buttons.
    CHROME = 12

    def on_resize(self) -> None:
        """Fields scroll inside the dialog, so its title, errors and buttons stay on screen
        however small the terminal."""
        for fields in self.query(".form-fields"):
            fields.styles.max_height = max(4, min(24, self.app.size.height - self.CHROME))

    def action_submit(self) -> None:
        self.action_save()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            focused: Widget | None = self.focused
            # Enter keeps its own meaning there (ctrl+s still saves)
            return not isinstance(focused, TextArea | Button | SelectOverlay)
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)
