"""Every screen on the HTS case, at the size the issue names and at 80×24.

Regenerate after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the report before committing the SVGs.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from helpers.tui import settle, settle_tables
from textual.widgets import Input, TextArea

from claimmap.model.document import RatingCell
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.modals import judgement_form
from claimmap.tui.screens import case_list

SIZES = [(120, 36), (80, 24)]
VIEWS = {
    "case-list": ["q"],
    "matrix": [],
    "matrix-transposed": ["t"],
    "matrix-blind": ["b"],
    "matrix-rationale": ["r"],
    "items": ["2"],
    "map": ["3"],
    "scores": ["4"],
    "help": ["question_mark"],
    "add-evidence-form": ["a"],
    "export-modal": ["ctrl+e"],
    "method-guide": ["5"],
    "method-assumptions": ["5", "right_square_bracket"],
    "method-quality": ["5", "right_square_bracket", "right_square_bracket"],
    "method-advocacy": ["5", "left_square_bracket", "left_square_bracket"],
    "case-form": ["f2"],
    "judgement-form": ["J"],
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(VIEWS))
def test_screen(view, size, hts, snap_compare, monkeypatch):
    store, case_id = hts
    monkeypatch.setattr(random, "randrange", lambda *_: 7)  # a fixed blind shuffle
    fix_the_clock(monkeypatch)

    async def run_before(pilot):
        await settle(pilot)
        for key in VIEWS[view]:
            await pilot.press(key)
            await settle(pilot)
        for editor in pilot.app.screen.query("TextArea, Input"):
            # a blinking cursor is caught at random moments: still, and drawn afresh
            assert isinstance(editor, TextArea | Input)
            editor.cursor_blink = False
            # a TextArea keeps lines drawn mid-blink (its cache key leaves the blink out):
            # dropped here, so the focused one shows its cursor every time
            editor.notify_style_update()
            editor.refresh()
        # a toast lasts seconds: whether it is still up depends on the machine's speed
        pilot.app.clear_notifications()
        # the case list lists again, each second, when the database has moved: a listing
        # that lands just before the picture would empty and refill the table under it
        timer = getattr(pilot.app.screen, "watch_timer", None)
        if timer is not None:
            timer.pause()
            await settle(pilot)
        # a dialog scrolls its fields home after a refresh: let that land before the picture
        await pilot.wait_for_scheduled_animations()
        await settle_tables(pilot)

    app = ClaimmapApp(store, case_id)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def fix_the_clock(monkeypatch) -> None:
    monkeypatch.setattr(case_list, "modified", lambda stamp: "2026-11-30 12:00")
    monkeypatch.setattr(judgement_form, "today", lambda: dt.date(2026, 11, 30))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_empty_case(size, tmp_path, snap_compare, monkeypatch):
    """What a new analyst sees first: the empty case says what to press."""
    fix_the_clock(monkeypatch)
    store = Store.open(str(tmp_path / "new.db"))
    case = store.create_case("Why did HTS withdraw?", question="Retreat or defeat?")
    app = ClaimmapApp(store, case.id)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_scores_with_a_judgement(size, hts, snap_compare, monkeypatch):
    """The judgement beside the ranking, and the check that they differ."""
    store, case_id = hts
    fix_the_clock(monkeypatch)
    judged = store.export_document(case_id).hypotheses[-1].id
    store.update_case(
        case_id,
        {
            "judgement": {
                "bottom_line": "The withdrawal was forced.",
                "hypothesis": judged,
                "likelihood": "likely",
                "confidence": "low",
                "date": "2026-11-30",
            }
        },
    )

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)

    app = ClaimmapApp(store, case_id)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_empty_database_offer(tmp_path, snap_compare):
    app = ClaimmapApp(Store.open(str(tmp_path / "empty.db")))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def with_a_colleague(store: Store, case_id: int) -> None:
    """The HTS case with a second analyst, ben, who reads every third item the other way
    round and leaves the last column unrated: enough dispute to colour the matrix."""
    doc = store.export_document(case_id)
    flip = {"CC": "II", "C": "I", "N": "N", "I": "C", "II": "CC", "NA": "NA"}
    last = doc.hypotheses[-1].id
    evidence = []
    for i, ev in enumerate(doc.evidence):
        ben = {
            h: RatingCell(rating=flip[c.rating.value] if i % 3 == 0 else c.rating.value)
            for h, c in ev.ratings.items()
            if h != last
        }
        evidence.append(ev.model_copy(update={"ratings_by": {"ben": ben}}))
    store.import_document(doc.model_copy(update={"evidence": evidence}), replace=True)


TEAM_VIEWS = {"disagreement": ["v", "v", "v"], "compare": ["v", "v", "v", "v"]}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(TEAM_VIEWS))
def test_team_view(view, size, hts, snap_compare, monkeypatch):
    store, case_id = hts
    fix_the_clock(monkeypatch)
    with_a_colleague(store, case_id)

    async def run_before(pilot):
        await settle(pilot)
        for key in TEAM_VIEWS[view]:
            await pilot.press(key)
            await settle(pilot)
        await pilot.pause()

    app = ClaimmapApp(store, case_id)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
