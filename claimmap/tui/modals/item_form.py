"""Add or edit one item (hypothesis, evidence, source, assumption, indicator or link).

The form is checked with the same validation as case files before it closes; problems are
shown in plain words beside the form, the cursor goes to the first field at fault (scrolled
into view on a small terminal), and nothing is saved until they are fixed. Escape cancels.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from claimmap.model.document import CaseDocument
from claimmap.model.item_check import SINGULAR, check_item
from claimmap.model.problems import InvalidDocument
from claimmap.tui.forms import (
    FIELDS,
    NONE,
    choice_options,
    first_to_fill,
    initial_values,
    plain,
    to_data,
)
from claimmap.tui.modals.dialog import DialogModal


@dataclass(frozen=True)
class ItemEdit:
    collection: str
    key: str | None  # None when adding
    data: dict[str, Any]
    raw: dict[str, str] = dataclasses.field(
        default_factory=dict
    )  # as typed, to reopen the form with


class ItemFormModal(DialogModal[ItemEdit]):
    def __init__(
        self,
        doc: CaseDocument,
        collection: str,
        item: Any | None = None,
        preset: dict[str, str] | None = None,
        error: str = "",
    ) -> None:
        """`preset` fills fields in; `error` says why the form is back (a failed save)."""
        super().__init__()
        self.doc, self.collection, self.item = doc, collection, item
        self.error = error
        self.stored = initial_values(item, collection, doc)
        self.values = {**self.stored, **(preset or {})}
        self.labels = {f.name: f.label for f in FIELDS[collection]}

    def compose(self) -> ComposeResult:
        verb = "Edit" if self.item is not None else "Add"
        with Vertical(classes="dialog form"):
            yield Static(f"{verb} {SINGULAR[self.collection]}", classes="dialog-question")
            with VerticalScroll(classes="form-fields"):
                for field in FIELDS[self.collection]:
                    yield Label(field.label + ("" if field.optional else " *"))
                    value = self.values.get(field.name, "")
                    if field.widget == "choice":
                        options = choice_options(field, self.doc)
                        if field.optional:
                            options = [(NONE, NONE), *options]
                        values = [v for _, v in options]
                        yield Select(
                            options,  # labels come as Text: shown, never read as markup
                            value=value if value in values else (values[0] if values else NONE),
                            allow_blank=not options,
                            id=f"f-{field.name}",
                            compact=True,
                        )
                    elif field.widget == "long":
                        yield TextArea(
                            value, id=f"f-{field.name}", classes="form-long", soft_wrap=True
                        )
                    else:
                        yield Input(
                            value,
                            id=f"f-{field.name}",
                            disabled=field.name == "id" and self.item is not None,
                            compact=True,
                        )
            yield Static(Text(self.error), id="form-errors", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#f-{first_to_fill(self.collection, self.values)}").focus()

    def warn(self, text: str) -> None:
        """Say something that happened underneath the form (the item deleted elsewhere),
        leaving what is typed as it is."""
        self.query_one("#form-errors", Static).update(Text(text))

    def _raw(self) -> dict[str, str]:
        raw: dict[str, str] = {}
        for field in FIELDS[self.collection]:
            widget = self.query_one(f"#f-{field.name}")
            if isinstance(widget, TextArea):
                value: object = widget.text
            elif isinstance(widget, Input | Select):
                value = widget.value
            else:
                value = ""
            raw[field.name] = "" if value is Select.BLANK else str(value)
        return raw

    def action_save(self) -> None:
        raw = self._raw()
        data = to_data(self.collection, raw)
        if self.item is not None:
            # A field showing its stored value keeps it exactly (the form trims what it reads);
            # one filled in from what was typed before (a refused save) is what was typed.
            stored = self.item.model_dump(by_alias=True, exclude_none=True)
            for field in FIELDS[self.collection]:
                if field.name in stored and raw.get(field.name) == self.stored.get(field.name):
                    data[field.name] = stored[field.name]
        items = getattr(self.doc, self.collection)
        index = next(
            (i for i, it in enumerate(items) if self.item is not None and it.id == self.item.id),
            len(items),
        )
        if self.item is None and any(it.id == data.get("id") for it in items):
            self._show([("id", f"the id {data['id']} is already used in this case")])
            return
        if self.item is not None:
            # keep what the form does not show (ratings, relations) when checking the edit
            data = {**self.item.model_dump(by_alias=True, exclude_none=True), **data}
        try:
            check_item(self.doc, self.collection, index, data)
        except InvalidDocument as exc:
            self._show([self._describe(p.loc, p.message) for p in exc.problems])
            return
        changes = {f.name: data[f.name] for f in FIELDS[self.collection] if f.name in data}
        if self.item is not None:
            cleared = [f.name for f in FIELDS[self.collection] if f.name not in data]
            changes.update({name: None for name in cleared if name != "id"})
        self.dismiss(
            ItemEdit(self.collection, None if self.item is None else self.item.id, changes, raw)
        )

    def _describe(self, loc: tuple[Any, ...], message: str) -> tuple[str | None, str]:
        """(the field at fault, if it is one of the form's, and the problem in plain words)."""
        inner = loc[2:] if loc[:1] == (self.collection,) else loc
        name = str(inner[0]) if inner else None
        if name in self.labels:
            return name, plain(self.labels[name], message)
        where = ".".join(map(str, inner))
        return None, f"{where}: {message}" if where else message

    def _show(self, problems: list[tuple[str | None, str]]) -> None:
        """Say what is wrong, and put the cursor on the first field at fault, in view."""
        self.query_one("#form-errors", Static).update(Text("\n".join(text for _, text in problems)))
        fault = next((name for name, _ in problems if name is not None), None)
        if fault is not None:
            widget: Widget = self.query_one(f"#f-{fault}")
            if not widget.disabled:
                widget.focus()
            widget.scroll_visible(animate=False)
