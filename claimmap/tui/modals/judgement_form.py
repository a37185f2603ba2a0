"""The analyst's judgement: the bottom line in words, the hypothesis judged most likely, its
likelihood in ICD 203's words of estimative probability, the confidence and its basis, and the
date. The result is the `judgement` dict `Store.update_case` takes; it is checked by the same
model as a case file before the dialog closes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from claimmap.model.document import CaseDocument, Judgement
from claimmap.model.enums import LIKELIHOOD_BANDS, Confidence, Likelihood
from claimmap.tui.forms import plain
from claimmap.tui.modals.dialog import DialogModal

NO_HYPOTHESIS = "(none stands out)"
LABELS = {
    "bottom_line": "bottom line",
    "hypothesis": "hypothesis",
    "likelihood": "likelihood",
    "confidence": "confidence",
    "basis": "basis",
    "date": "date",
}


def today() -> dt.date:
    """The date a new judgement starts with (a function, so that snapshots can fix it)."""
    return dt.date.today()


def likelihood_options() -> list[tuple[str, str]]:
    return [
        (f"{term.value} ({LIKELIHOOD_BANDS[term][0]}–{LIKELIHOOD_BANDS[term][1]} %)", term.value)
        for term in Likelihood
    ]


class JudgementFormModal(DialogModal[dict[str, Any]]):
    AUTO_FOCUS = "#j-bottom_line"

    def __init__(
        self,
        doc: CaseDocument,
        leader: str | None = None,
        error: str = "",
        typed: dict[str, Any] | None = None,
    ) -> None:
        """`leader`: what the scores rank first, offered when no judgement names one yet.
        `error` says why the form is back (a refused save); `typed` is what was typed then."""
        super().__init__()
        self.doc = doc
        self.judgement: Judgement | None = (
            Judgement.model_validate(typed) if typed is not None else doc.judgement
        )
        self.leader = leader
        self.error = error

    def compose(self) -> ComposeResult:
        j = self.judgement
        hypotheses = [(NO_HYPOTHESIS, NO_HYPOTHESIS)] + [
            (Text(f"{h.id}  {h.label}"), h.id) for h in self.doc.hypotheses
        ]
        judged = j.hypothesis if j is not None else self.leader
        known = {value for _, value in hypotheses}
        with Vertical(classes="dialog form"):
            yield Static("Your judgement", classes="dialog-question")
            with VerticalScroll(classes="form-fields"):
                yield Label("bottom line: the conclusion in your words *")
                yield TextArea(j.bottom_line if j else "", id="j-bottom_line")
                yield Label("hypothesis judged most likely")
                yield Select(
                    hypotheses,
                    value=judged if judged in known else NO_HYPOTHESIS,
                    allow_blank=False,
                    id="j-hypothesis",
                    compact=True,
                )
                yield Label("likelihood (ICD 203) *")
                yield Select(
                    likelihood_options(),
                    value=j.likelihood.value if j else Likelihood.ROUGHLY_EVEN.value,
                    allow_blank=False,
                    id="j-likelihood",
                    compact=True,
                )
                yield Label("confidence *")
                yield Select(
                    [(c.value, c.value) for c in Confidence],
                    value=j.confidence.value if j else Confidence.LOW.value,
                    allow_blank=False,
                    id="j-confidence",
                    compact=True,
                )
                yield Label("basis: why that confidence")
                yield TextArea((j.basis or "") if j else "", id="j-basis")
                yield Label("date (YYYY-MM-DD)")
                date = j.date if j else today()
                yield Input(date.isoformat(), id="j-date", compact=True)
            yield Static(Text(self.error), id="form-errors", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def _value(self, name: str) -> str:
        widget = self.query_one(f"#j-{name}")
        if isinstance(widget, TextArea):
            return widget.text.strip()
        if isinstance(widget, Input | Select):
            return str(widget.value).strip()
        return ""

    def action_save(self) -> None:
        hypothesis = self._value("hypothesis")
        data: dict[str, Any] = {
            "bottom_line": self._value("bottom_line"),
            "hypothesis": None if hypothesis == NO_HYPOTHESIS else hypothesis,
            "likelihood": self._value("likelihood"),
            "confidence": self._value("confidence"),
            "basis": self._value("basis") or None,
            "date": self._value("date"),
        }
        try:
            Judgement.model_validate(data)
        except ValidationError as exc:
            problems = []
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else ""
                message = "cannot be empty" if not data.get(name) else error["msg"]
                problems.append((name, plain(LABELS.get(name, name), message)))
            self._show(problems)
            return
        self.dismiss(data)

    def _show(self, problems: list[tuple[str, str]]) -> None:
        self.query_one("#form-errors", Static).update(Text("\n".join(t for _, t in problems)))
        first = problems[0][0] if problems else ""
        if first in LABELS:
            widget: Widget = self.query_one(f"#j-{first}")
            widget.focus()
            widget.scroll_visible(animate=False)
