"""Whose ratings the matrix shows: mine, a colleague's, the group's consensus, the dispute per
cell, or two analysts side by side. No widgets here: the matrix, its status line and the detail
pane all read these, so they always agree about what a cell means.

Dispute levels are Open Synthesis's (see scoring/teams.py and docs/scoring.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimmap.scoring.matrix import CODE_LABELS, UNRATED
from claimmap.scoring.teams import EXTREME, NO_ASSESSMENTS, bucket, level_counts, level_index
from claimmap.tui.case_state import CaseState

MINE, ANALYST, GROUP, DISAGREEMENT, COMPARE = "mine", "analyst", "group", "disagreement", "compare"
KINDS = (MINE, ANALYST, GROUP, DISAGREEMENT, COMPARE)

#: One style per dispute level, each with a WCAG contrast of at least 4.5:1
#: (tests/tui/test_contrast.py): calm blue, then yellow, orange and red as the spread grows.
DISPUTE_STYLES: dict[str, str] = {
    "Consensus": "#ffffff on #1565c0",
    "Mild Dispute": "#000000 on #fdd835",
    "Large Dispute": "#000000 on #fb8c00",
    EXTREME: "bold #ffffff on #b71c1c",
}
DISPUTE_SHORT = {
    "Consensus": "consensus",
    "Mild Dispute": "mild",
    "Large Dispute": "large",
    EXTREME: "extreme",
}
#: Two analysts' ratings of a cell that differ.
DIFFERS_STYLE = "bold #000000 on #ffeb3b"


@dataclass(frozen=True)
class MatrixView:
    kind: str = MINE
    other: str | None = None  # the colleague shown (ANALYST) or set beside me (COMPARE)

    @property
    def editable(self) -> bool:
        return self.kind == MINE


def colleagues(state: CaseState) -> list[str]:
    """The other analysts who have rated something in the case."""
    cube = state.matrix.ratings
    return [
        name
        for a, name in enumerate(state.analysts)
        if name != state.me and bool((cube[a] != UNRATED).any())
    ]


def available(state: CaseState) -> list[MatrixView]:
    """The views `v` cycles through. While the case keeps ratings independent and mine are not
    all in, only my own: the first ratings must not lean on anyone else's."""
    others = colleagues(state)
    if not others or state.blind_for_me:
        return [MatrixView()]
    views = [MatrixView()]
    views += [MatrixView(ANALYST, name) for name in others]
    views += [MatrixView(GROUP), MatrixView(DISAGREEMENT)]
    views += [MatrixView(COMPARE, name) for name in others]
    return views


def next_view(state: CaseState, current: MatrixView, step: int = 1) -> MatrixView:
    views = available(state)
    if current not in views:
        return views[0]
    return views[(views.index(current) + step) % len(views)]


def still_valid(state: CaseState, view: MatrixView) -> MatrixView:
    """The view, or mine when it can no longer be shown (blind again, a colleague gone)."""
    return view if view in available(state) else MatrixView()


def _label(code: int) -> str | None:
    return None if code == UNRATED else CODE_LABELS[code]


def cell_face(
    state: CaseState, view: MatrixView, evidence: str, hypothesis: str
) -> tuple[str | None, str | None]:
    """(text, style) of a cell in this view. A style of None means the rating's own colour
    (rating_style.STYLES keyed by the text), `rating:X` that of rating X; otherwise a dispute
    level (DISPUTE_STYLES) or DIFFERS_STYLE itself."""
    e, h = state.evidence_index[evidence], state.hypothesis_index[hypothesis]
    cube = state.matrix.ratings
    if view.kind == MINE:
        return _label(int(cube[state.analyst_slice(), e, h])), None
    if view.kind == ANALYST:
        return _label(int(cube[state.analyst_slice(view.other), e, h])), None
    stats = state.team_statistics()
    if view.kind == GROUP:
        return _label(int(stats["consensus"][e, h])), None
    if view.kind == DISAGREEMENT:
        spread = float(stats["disagreement"][e, h])
        if math.isnan(spread):
            return None, None
        return _label(int(stats["consensus"][e, h])), bucket(spread)
    mine = _label(int(cube[state.analyst_slice(), e, h]))
    theirs = _label(int(cube[state.analyst_slice(view.other), e, h]))
    if mine is None and theirs is None:
        return None, None
    text = f"{mine or '·'}│{theirs or '·'}"
    return text, (DIFFERS_STYLE if mine != theirs else f"rating:{mine}")


def differing_cells(state: CaseState, other: str) -> tuple[int, int, int]:
    """(cells we both rated differently, cells we both rated, cells only one of us rated):
    a cell one of us has not looked at yet is not a disagreement."""
    cube = state.matrix.ratings
    mine, theirs = cube[state.analyst_slice()], cube[state.analyst_slice(other)]
    both = (mine != UNRATED) & (theirs != UNRATED)
    one = (mine != UNRATED) ^ (theirs != UNRATED)
    return int(((mine != theirs) & both).sum()), int(both.sum()), int(one.sum())


def dispute_counts(state: CaseState) -> tuple[dict[str, int], int]:
    """How many cells fall in each dispute level (cells nobody assessed left out), and how
    many of them have a single answer (a consensus of one, in Open Synthesis's terms)."""
    stats = state.team_statistics()
    # vectorised: a colleague's live rating repaints the status line on every arrival
    counts = level_counts(*level_index(stats["disagreement"]))
    single = int(((stats["n_rated"] + stats["n_na"]) == 1).sum())
    return counts, single


def describe(state: CaseState, view: MatrixView) -> str:
    """The status line's words for the view."""
    if view.kind == MINE:
        return f"your ratings ({state.me})"
    if view.kind == ANALYST:
        return f"{view.other}'s ratings (read-only)"
    if view.kind == GROUP:
        return f"group consensus of {len(colleagues(state)) + 1} analysts (read-only)"
    if view.kind == DISAGREEMENT:
        counts, single = dispute_counts(state)
        said = ", ".join(f"{n} {DISPUTE_SHORT[k]}" for k, n in counts.items() if n)
        alone = f" ({single} with one answer only)" if single else ""
        return f"disagreement per cell: {said or 'no cell assessed'}{alone}"
    differ, both, one = differing_cells(state, view.other or "")
    said = f"compare you ({state.me}) │ {view.other}: {differ} of {both} cells rated by both differ"
    return said + (f", {one} rated by one of you only" if one else "")


def ratings_of_cell(state: CaseState, evidence: str, hypothesis: str) -> list[tuple[str, str, str]]:
    """Every analyst's (name, rating, rationale) for one cell, mine first; unrated left out."""
    rows = []
    for name in (state.me, *[a for a in state.analysts if a != state.me]):
        cell = state.cell(evidence, hypothesis, name)
        if cell is not None:
            rows.append((name, cell.rating.value, cell.rationale or ""))
    return rows


def dispute_of_cell(state: CaseState, evidence: str, hypothesis: str) -> str:
    e, h = state.evidence_index[evidence], state.hypothesis_index[hypothesis]
    stats = state.team_statistics()
    spread = float(stats["disagreement"][e, h])
    if math.isnan(spread):
        return NO_ASSESSMENTS
    said = _label(int(stats["consensus"][e, h])) or "·"
    return f"group {said}, {bucket(spread).lower()} (spread {spread:.2f})"
