"""Teaching notes: the question the case asks, its background, and what the case's author
wants a class to learn and discuss (read-only; they travel in the case file)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from claimmap.tui.widgets.teaching.data import TeachingData


class NotesView(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("", id="notes-text")

    def focus_main(self) -> None:
        self.focus()

    def show(self, data: TeachingData, blind: bool) -> None:
        case, teaching = data.doc.case, data.doc.teaching
        text = Text()
        text.append("Question\n", style="bold")
        text.append(f"{case.question}\n")
        if (case.description or "").strip():
            text.append("\nBackground\n", style="bold")
            text.append(f"{' '.join((case.description or '').split())}\n")
        if teaching is None:
            text.append("\nThis case has no teaching notes.\n", style="dim")
        else:
            for title, items in (
                ("Learning goals", teaching.learning_goals),
                ("Discussion questions", teaching.discussion_questions),
            ):
                if items:
                    text.append(f"\n{title}\n", style="bold")
                    for i, item in enumerate(items, 1):
                        text.append(f"{i}. {' '.join(str(item).split())}\n")
            if teaching.notes:
                text.append("\nNotes for the teacher\n", style="bold")
                text.append(f"{' '.join(teaching.notes.split())}\n")
        self.query_one("#notes-text", Static).update(text)
