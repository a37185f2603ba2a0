"""The live score row under the matrix: the chosen method's score per hypothesis, leader marked."""

from __future__ import annotations

from rich.text import Text

from claimmap.tui.case_state import CaseState, LiveScores
from claimmap.tui.widgets.steady_static import SteadyStatic
from claimmap.tui.widgets.text_fit import clip


class ScoreBar(SteadyStatic):
    def show(self, state: CaseState, scores: LiveScores | None, order: list[str]) -> None:
        if scores is None:
            self.update(Text("scores hidden while rating blind (b shows them)", style="italic"))
            return
        wide = self.app.size.width >= 110
        text = Text()
        text.append(f"{scores.label}", style="bold")
        if scores.whose and len(state.analysts) > 1:
            text.append(f" · {scores.whose}", style="bold")
        text.append(
            f" ({scores.better} is better; m changes method)  " if wide else f" ({scores.better})  "
        )
        for hyp in order:
            leader = hyp in scores.leaders
            short = clip(state.hypothesis(hyp).label, 18)
            text.append("★ " if leader else "  ", style="bold yellow")
            text.append(f"{hyp} ", style="bold" if leader else "")
            text.append(f"{scores.scores[hyp]:.2f}", style="bold" if leader else "")
            text.append(f" {short}   " if wide else "  ", style="dim")
        self.update(text)
