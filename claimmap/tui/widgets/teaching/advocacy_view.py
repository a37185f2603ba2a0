"""Devil's advocacy: the strongest case against the leading hypothesis, in one place: the
evidence that undermines it, what it leans on, the assumptions under it, the runner-up and
margin, the smallest change that would unseat it, and questions to argue from. Hidden while
rating blind, since it names the leader."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from claimmap.teaching.devils_advocate import Advocacy, EvidenceNote
from claimmap.tui.widgets.teaching.assumptions_view import GRADE_STYLE
from claimmap.tui.widgets.teaching.data import MENU_WIDTH, TeachingData, short
from claimmap.tui.widgets.teaching.quality_view import FLAG_NAMES

SHOWN = 8  # evidence items listed per section before "and n more"
BLIND_NOTE = (
    "Devil's advocacy names the leading hypothesis, so it is hidden while rating blind.\n"
    "Press b to stop rating blind and see the case against the leader."
)


class AdvocacyView(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("", id="advocacy-text")

    def focus_main(self) -> None:
        self.focus()

    def show(self, data: TeachingData, blind: bool) -> None:
        body = self.query_one("#advocacy-text", Static)
        if blind:
            body.update(Text(BLIND_NOTE, style="dim"))
            return
        if not data.advocacy:
            body.update(Text("Add hypotheses and rate evidence first: no hypothesis leads yet."))
            return
        width = max(40, self.app.size.width - MENU_WIDTH - 6)
        text = Text()
        if len(data.advocacy) > 1:
            tied = ", ".join(b.hypothesis for b in data.advocacy)
            text.append(f"{tied} are tied for the lead; each is argued against below.\n\n", "bold")
        for brief in data.advocacy:
            self._brief(text, brief, data, width)
        body.update(text)

    def _brief(self, text: Text, b: Advocacy, data: TeachingData, width: int) -> None:
        text.append(f"The case against {b.hypothesis} {b.label}\n", style="bold underline")
        method = data.report["methods"][b.method]
        scores = data.report["scores"][b.method]
        text.append(f"It leads under {method['label']}, where {method['better']} is better: ")
        text.append(f"{scores[b.hypothesis]:.2f}")
        if b.runner_up and b.margin is not None:
            runners = ", ".join(f"{h} {data.label(h)}" for h in b.runner_up)
            text.append(f", ahead by {b.margin:.2f} of {runners}.\n")
        else:
            text.append(".\n")
        if b.flip:
            steps = sum(int(c.get("steps", 1)) for c in b.flip)
            changes = ", ".join(
                f"{c['evidence']}×{c['hypothesis']} {c['from']}→{c['to']}" for c in b.flip
            )
            text.append(f"{steps} rating step(s) would unseat it: ", style="yellow")
            text.append(changes + "\n")
        text.append("\nEvidence against it, most damaging first\n", style="bold")
        if not b.against:
            text.append(
                "Nothing is rated against it. Is it stated sharply enough to be contradicted, "
                "and was each item rated against it as hard as against its rivals?\n",
                style="dim",
            )
        self._notes(text, b.against, width, contribution=True)
        text.append("\nWhat it leans on: evidence rated consistent, heaviest first\n", "bold")
        if not b.leaning_on:
            text.append("Nothing is rated consistent with it.\n", style="dim")
        self._notes(text, b.leaning_on, width, contribution=False)
        text.append("\nAssumptions it rests on, weakest first\n", style="bold")
        if not b.assumptions:
            text.append("No key assumption is linked to it.\n", style="dim")
        for a in b.assumptions:
            text.append(f"  {a.id} ", style="bold")
            if a.grade is not None:
                text.append(f"{a.grade.value} ", GRADE_STYLE[a.grade])
            else:
                text.append("ungraded ", "dim")
            text.append(short(a.statement, width - 18) + "\n")
        text.append("\nQuestions to argue from\n", style="bold")
        for i, q in enumerate(b.questions, 1):
            text.append(f"  {i}. {q}\n")
        text.append("\n")

    def _notes(
        self, text: Text, notes: tuple[EvidenceNote, ...], width: int, *, contribution: bool
    ) -> None:
        for n in notes[:SHOWN]:
            text.append(f"  {n.evidence:<4}", style="bold")
            text.append(f"{n.rating:<3} weight {n.weight:.2f}", style="dim")
            if contribution:
                text.append(f" adds {n.contribution:.2f}", style="red")
            flags = " ".join(FLAG_NAMES.get(f, f) for f in n.flags)
            if flags:
                text.append(f" [{flags}]", style="yellow")
            used = 24 + (11 if contribution else 0) + (len(flags) + 3 if flags else 0)
            text.append(" " + short(n.summary, max(20, width - used)) + "\n")
        if len(notes) > SHOWN:
            text.append(f"  and {len(notes) - SHOWN} more\n", style="dim")
