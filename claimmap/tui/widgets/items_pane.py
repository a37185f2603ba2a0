"""The Items tab: every hypothesis, evidence item, source, assumption, indicator and link,
one collection at a time, with add, edit and delete."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from claimmap.tui.case_state import CaseState
from claimmap.tui.messages import DeleteRequested, FormRequested
from claimmap.tui.widgets.line_table import LineTable

COLLECTIONS = ("hypotheses", "evidence", "sources", "assumptions", "indicators", "links")


def _row(collection: str, item: Any, state: CaseState) -> tuple[str, ...]:
    if collection == "hypotheses":
        prior = "" if item.prior is None else f"{item.prior:g}"
        return item.label, item.statement, prior
    if collection == "evidence":
        return item.summary, state.source_title(item.source), item.credibility or ""
    if collection == "sources":
        return item.title, f"{item.kind.value}", item.reliability.value
    if collection == "assumptions":
        grade = item.grade.value if item.grade is not None else "ungraded"
        return item.statement, grade, ", ".join(item.hypotheses)
    if collection == "indicators":
        return item.description, item.hypothesis, f"{item.effect.value}, {item.status.value}"
    return f"{item.from_} → {item.to}", item.kind.value, item.notes or ""


HEADERS = {
    "hypotheses": ("label", "statement", "prior"),
    "evidence": ("summary", "source", "credibility"),
    "sources": ("title", "kind", "reliability"),
    "assumptions": ("statement", "grade", "hypotheses"),
    "indicators": ("what would be observed", "hypothesis", "effect, status"),
    "links": ("from → to", "kind", "notes"),
}


class ItemsPane(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="items-add", tooltip="Add an item to this list"),
        Binding("e", "edit", "Edit", id="items-edit", tooltip="Edit the item under the cursor"),
        Binding("d", "delete", "Delete", id="items-delete", tooltip="Delete it (asks first)"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.collection = "evidence"
        self.state: CaseState | None = None
        self.shown: str | None = None  # the collection whose rows the table holds

    def on_unmount(self) -> None:
        self.state = None  # a left case is freed as its screen goes: see CaseScreen.on_unmount

    def compose(self) -> ComposeResult:
        yield OptionList(*[Option(c, id=c) for c in COLLECTIONS], id="collections")
        with Vertical(id="items-body"):
            yield Static("", id="items-hint")
            yield LineTable(id="items-table")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = COLLECTIONS.index(self.collection)

    def rebuild(self, state: CaseState) -> None:
        self.state = state
        options = self.query_one(OptionList)
        for i, name in enumerate(COLLECTIONS):
            options.replace_option_prompt_at_index(i, f"{name} ({len(getattr(state.doc, name))})")
        items = getattr(state.doc, self.collection)
        text_width = max(20, self.app.size.width - 66)
        self.query_one(LineTable).set_rows(
            ["id", *HEADERS[self.collection]],
            [5, text_width, 16, 14],
            [(item.id, *_row(self.collection, item, state)) for item in items],
            [item.id for item in items],
        )
        self.shown = self.collection
        hint = self.query_one("#items-hint", Static)
        hint.display = not items
        hint.update(f"No {self.collection} yet: a adds the first one.")

    def show_collection(self, collection: str) -> None:
        """Show another list; the highlighted collection on the left follows."""
        self.collection = collection
        options = self.query_one(OptionList)
        if options.highlighted != COLLECTIONS.index(collection):
            options.highlighted = COLLECTIONS.index(collection)
        if self.state is not None and self.shown != collection:
            self.rebuild(self.state)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted:
            # A stale message (the highlight has moved since): following it would move the
            # highlight back and post another, and two such in flight flip for ever.
            return
        chosen = str(event.option.id)
        if chosen != self.collection:
            self.show_collection(chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(LineTable).focus()

    def _current(self) -> str | None:
        """The item under the cursor, only if the table shows the list that is highlighted
        (so a key never acts on a row of a list that is no longer on screen)."""
        if self.shown != self.collection:
            return None
        return self.query_one(LineTable).current()

    def action_add(self) -> None:
        self.post_message(FormRequested(self.collection))

    def action_edit(self) -> None:
        key = self._current()
        if key is not None:
            self.post_message(FormRequested(self.collection, key))

    def on_line_table_selected(self, event: LineTable.Selected) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        key = self._current()
        if key is not None:
            self.post_message(DeleteRequested(key))
