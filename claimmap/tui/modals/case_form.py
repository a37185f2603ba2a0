"""A new case, or the case's own fields: title, question, description, tags and (for an
existing case) the teaching notes. The result is the dict of changes `Store.update_case` takes
(or the fields `Store.create_case` takes); nothing is saved until it is valid."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from claimmap.model.document import CaseInfo, Teaching
from claimmap.tui.modals.dialog import DialogModal


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _tags(text: str) -> list[str]:
    return [tag.strip().lstrip("#") for tag in text.split(",") if tag.strip().lstrip("#")]


INFO_FIELDS = ("title", "question", "description", "tags", "blind_until_rated")


def _info_fields(typed: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in typed.items() if k in INFO_FIELDS}


class CaseFormModal(DialogModal[dict[str, Any]]):
    AUTO_FOCUS = "#c-title"

    def __init__(
        self,
        info: CaseInfo | None = None,
        teaching: Teaching | None = None,
        error: str = "",
        typed: dict[str, Any] | None = None,
    ) -> None:
        """`info` None: a new case (no teaching notes yet). `error` says why the form is back
        (a refused save), and `typed` holds what was typed then, shown over `info`."""
        super().__init__()
        self.info, self.teaching, self.error = info, teaching, error
        self.shown = info.model_copy(update=_info_fields(typed)) if info and typed else info
        if typed and typed.get("teaching") is not None:
            self.shown_teaching: Teaching | None = Teaching.model_validate(typed["teaching"])
        else:
            self.shown_teaching = teaching

    def compose(self) -> ComposeResult:
        info, teaching = self.shown, self.shown_teaching
        heading = "New case" if info is None else "Edit the case"
        with Vertical(classes="dialog form"):
            yield Static(heading, classes="dialog-question")
            with VerticalScroll(classes="form-fields"):
                yield Label("title *")
                yield Input(info.title if info else "", id="c-title", compact=True)
                yield Label("question: what the hypotheses answer")
                yield Input(info.question if info else "", id="c-question", compact=True)
                yield Label("description")
                yield TextArea((info.description or "") if info else "", id="c-description")
                yield Label("tags (comma-separated)")
                yield Input(", ".join(info.tags) if info else "", id="c-tags", compact=True)
                if info is not None:
                    yield Label("learning goals (one a line)")
                    goals = "\n".join(teaching.learning_goals) if teaching else ""
                    yield TextArea(goals, id="c-goals")
                    yield Label("discussion questions (one a line)")
                    questions = "\n".join(teaching.discussion_questions) if teaching else ""
                    yield TextArea(questions, id="c-questions")
                    yield Label("teaching notes")
                    yield TextArea((teaching.notes or "") if teaching else "", id="c-notes")
                    yield Checkbox(
                        "blind until rated: colleagues' ratings and the group score stay "
                        "hidden from an analyst until they have rated every cell",
                        value=info.blind_until_rated,
                        id="c-blind",
                        compact=True,
                    )
            yield Static(Text(self.error), id="form-errors", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                label = "Create (ctrl+s)" if info is None else "Save (ctrl+s)"
                yield Button(label, id="save", variant="primary")

    def _text(self, name: str) -> str:
        widget = self.query_one(f"#c-{name}")
        return (
            widget.text
            if isinstance(widget, TextArea)
            else self.query_one(f"#c-{name}", Input).value
        )

    def action_save(self) -> None:
        title = " ".join(self._text("title").split())
        if not title:
            self.query_one("#form-errors", Static).update(Text("the title cannot be empty"))
            field = self.query_one("#c-title", Input)
            field.focus()
            field.scroll_visible(animate=False)
            return
        description = self._text("description").strip()
        changes: dict[str, Any] = {
            "title": title,
            "question": " ".join(self._text("question").split()),
            "description": description or None,
            "tags": _tags(self._text("tags")),
        }
        if self.info is not None:
            changes["blind_until_rated"] = self.query_one("#c-blind", Checkbox).value
            teaching = {
                "learning_goals": _lines(self._text("goals")),
                "discussion_questions": _lines(self._text("questions")),
                "notes": self._text("notes").strip() or None,
            }
            new = teaching if any(teaching.values()) else None
            # only what changed, so an untouched field is not logged as an edit
            old: dict[str, Any] = {
                "title": self.info.title,
                "question": self.info.question,
                "description": self.info.description,
                "tags": list(self.info.tags),
                "blind_until_rated": self.info.blind_until_rated,
            }
            changes = {k: v for k, v in changes.items() if old[k] != v}
            if new != (self.teaching.model_dump(mode="json") if self.teaching else None):
                changes["teaching"] = new
        self.dismiss(changes)
