"""Applying a colleague's committed changes to an open case, cell by cell where that is enough.

A change that touched only ratings is written into the CaseState in place (in the layer of the
analyst who rated), so the screen repaints one cell; anything else (an item added, edited or
deleted, an import, an undo) asks for a reload.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimmap.store.changes import Change, RatingChange
from claimmap.tui.case_state import CaseState


@dataclass
class Applied:
    """What applying a batch of changes did: cells to repaint, or a reload to ask for."""

    cells: list[tuple[str, str]] = field(default_factory=list)
    reload: bool = False
    deleted_by: Change | None = None  # the case itself went
    gone_items: dict[str, Change] = field(default_factory=dict)  # item key -> its deletion


def apply_changes(state: CaseState, changes: list[Change]) -> Applied:
    applied = Applied()
    for change in changes:
        if change.deletes_case:
            applied.deleted_by = change
            return applied
        if change.ratings and not applied.reload:
            for cell in change.ratings:
                if not _set(state, cell):
                    applied.reload = True
                    break
                applied.cells.append((cell.evidence, cell.hypothesis))
            continue
        applied.reload = True
        for key in _deleted_keys(change):
            applied.gone_items[key] = change
    return applied


def _deleted_keys(change: Change) -> list[str]:
    """Items (rows with a key) that the change removed."""
    keys = []
    for name, rows in change.before.items():
        after = change.after.get(name, {})
        keys += [str(row["key"]) for i, row in rows.items() if "key" in row and i not in after]
    return keys


def _set(state: CaseState, cell: RatingChange) -> bool:
    """Write one cell into the state; False when it cannot be done in place (an item or an
    analyst the open case does not know yet)."""
    if cell.evidence not in state.evidence_index or cell.hypothesis not in state.hypothesis_index:
        return False
    if cell.analyst not in state.matrix.analysts:
        return False
    _set_layer(state, cell)
    return True


def _set_layer(state: CaseState, cell: RatingChange) -> None:
    """The cell in its analyst's layer of the document and of the scoring cube."""
    state.set_rating(cell.evidence, cell.hypothesis, cell.value, cell.rationale, cell.analyst)
