"""The detail pane: the evidence item under the cursor, its source, and the current cell."""

from __future__ import annotations

from rich.text import Text

from claimmap.tui.case_state import CaseState
from claimmap.tui.team_views import colleagues, dispute_of_cell, ratings_of_cell
from claimmap.tui.widgets.rating_style import rating_text
from claimmap.tui.widgets.steady_static import SteadyStatic
from claimmap.tui.widgets.text_fit import clip


class EvidenceDetail(SteadyStatic):
    def show(self, state: CaseState, evidence: str | None, hypothesis: str | None) -> None:
        if evidence is None or evidence not in state.evidence_index:
            self.update(Text("No evidence under the cursor.", style="dim"))
            return
        ev = state.evidence(evidence)
        text = Text()
        text.append(f"{ev.id}  ", style="bold")
        text.append(ev.summary + "\n")
        team = colleagues(state)
        if team and hypothesis in state.hypothesis_index:
            # with colleagues, the cell's ratings come first: the pane is short at 80×24
            text.append_text(_cell(state, ev.id, str(hypothesis)))
            text.append_text(_team(state, ev.id, str(hypothesis)))
            text.append("\n")
        source = state.sources.get(ev.source or "")
        if source is not None:
            text.append("source: ", style="dim")
            text.append(f"{source.title}")
            text.append(f"  ({source.kind.value}, reliability {source.reliability.value})\n")
        facts = [
            ("kind", ev.kind.value),
            ("date", str(ev.date) if ev.date else None),
            ("credibility", ev.credibility),
            ("relevance", ev.relevance.value if ev.relevance else None),
            ("tags", ", ".join(ev.tags) if ev.tags else None),
        ]
        text.append("   ".join(f"{k}: {v}" for k, v in facts if v) + "\n", style="dim")
        if ev.notes:
            text.append("notes: ", style="dim")
            text.append(ev.notes + "\n")
        if not team and hypothesis is not None and hypothesis in state.hypothesis_index:
            text.append_text(_cell(state, ev.id, hypothesis))
        self.update(text)


def _cell(state: CaseState, evidence: str, hypothesis: str) -> Text:
    """My rating of the cell and its rationale."""
    text = Text()
    cell = state.cell(evidence, hypothesis)
    label = state.hypothesis(hypothesis).label
    text.append(f"{hypothesis} {label}: ", style="bold")
    text.append_text(rating_text(cell.rating.value if cell else None))
    if cell and cell.rationale:
        text.append(f"  {cell.rationale}")
    elif cell:
        text.append("  (no rationale; r adds one)", style="dim")
    return text


def _team(state: CaseState, evidence: str, hypothesis: str) -> Text:
    """Every analyst's rating of the cell and its rationale, and how far they agree; nothing
    of anyone else's while the case keeps my first ratings independent."""
    text = Text("\n")
    if state.blind_for_me:
        left = state.unrated_by_me()
        text.append(
            f"colleagues' ratings hidden until you have rated every cell ({left} left)",
            style="italic dim",
        )
        return text
    text.append(dispute_of_cell(state, evidence, hypothesis) + ": ", style="dim")
    for name, rating, rationale in ratings_of_cell(state, evidence, hypothesis):
        mine = name == state.me
        text.append(f"{name}{' (you)' if mine else ''} ", style="bold")
        text.append_text(rating_text(rating, len(rating) + 2))
        # my rationale is on the line above; a colleague's is clipped so all fit in the pane
        said = "" if mine or not rationale else clip(" ".join(rationale.split()), 50)
        text.append(f" {said}  " if said else "  ")
    return text
