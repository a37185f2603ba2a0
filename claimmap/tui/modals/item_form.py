"""Add or edit one item (hypothesis, evidence, source, assumption, indicator or link).

The form is checked with the same validation as case files before it closes; problems are
shown beside the form and nothing is saved until they are fixed. Escape cancels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from claimmap.model.document import CaseDocument
from claimmap.model.item_check import SINGULAR, check_item
from claimmap.model.problems import InvalidDocument, format_loc
from claimmap.tui.forms import FIELDS, NONE, choices_for, initial_values, to_data
from claimmap.tui.modals.dialog import DialogModal


@dataclass(frozen=True)
class ItemEdit:
    collection: str
    key: str | None  # None when adding
    data: dict[str, Any]


class ItemFormModal(DialogModal[ItemEdit]):
    def __init__(
        self,
        doc: CaseDocument,
        collection: str,
        item: Any | None = None,
        preset: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.doc, self.collection, self.item = doc, collection, item
        self.values = {**initial_values(item, collection, doc), **(preset or {})}

    def compose(self) -> ComposeResult:
        verb = "Edit" if self.item is not None else "Add"
        with Vertical(classes="dialog form"):
            yield Static(f"{verb} {SINGULAR[self.collection]}", classes="dialog-question")
            with VerticalScroll(classes="form-fields"):
                for field in FIELDS[self.collection]:
                    yield Label(field.label + ("" if field.optional else " *"))
                    value = self.values.get(field.name, "")
                    if field.widget == "choice":
                        options = choices_for(field, self.doc)
                        if field.optional:
                            options = [NONE, *options]
                        yield Select(
                            [(o, o) for o in options],
                            value=value if value in options else (options[0] if options else NONE),
                            allow_blank=not options,
                            id=f"f-{field.name}",
                            compact=True,
                        )
                    else:
                        yield Input(
                            value,
                            id=f"f-{field.name}",
                            disabled=field.name == "id" and self.item is not None,
                            compact=True,
                        )
            yield Static("", id="form-errors", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def on_mount(self) -> None:
        first = FIELDS[self.collection][0 if self.item is None else 1]
        self.query_one(f"#f-{first.name}").focus()

    def _raw(self) -> dict[str, str]:
        raw: dict[str, str] = {}
        for field in FIELDS[self.collection]:
            widget = self.query_one(f"#f-{field.name}")
            value = widget.value if isinstance(widget, Input | Select) else ""
            raw[field.name] = "" if value is Select.BLANK else str(value)
        return raw

    def action_save(self) -> None:
        raw = self._raw()
        data = to_data(self.collection, raw)
        if self.item is not None:
            # A field left as it was keeps its stored value exactly (the form trims what it reads).
            stored = self.item.model_dump(by_alias=True, exclude_none=True)
            for field in FIELDS[self.collection]:
                if field.name in stored and raw.get(field.name) == self.values.get(field.name):
                    data[field.name] = stored[field.name]
        items = getattr(self.doc, self.collection)
        index = next(
            (i for i, it in enumerate(items) if self.item is not None and it.id == self.item.id),
            len(items),
        )
        if self.item is None and any(it.id == data.get("id") for it in items):
            self._show([f"id: {data['id']!r} is already used in this case"])
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
            ItemEdit(self.collection, None if self.item is None else self.item.id, changes)
        )

    def _describe(self, loc: tuple[Any, ...], message: str) -> str:
        inner = loc[2:] if loc[:1] == (self.collection,) else loc
        return f"{format_loc(inner)}: {message}"

    def _show(self, lines: list[str]) -> None:
        # Messages quote user text, which is shown as typed, never read as markup.
        self.query_one("#form-errors", Static).update(Text("\n".join(lines)))
