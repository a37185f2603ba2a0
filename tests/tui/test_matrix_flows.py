"""The matrix as an analyst uses it: rate, see it saved and scored, undo, transpose, blind."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

import pytest
from helpers.tui import HTS, settle

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.tui.case_state import CaseState
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import MatrixTable
from claimmap.tui.widgets.score_bar import ScoreBar


@pytest.fixture
def hts(db: str) -> Iterator[tuple[Store, int]]:
    """The HTS case on each engine in turn: the interface works the same on a team server."""
    store = Store.open(db)
    case = store.import_document(read_case_file(HTS))
    yield store, case.id
    store.close()


def stored_cell(store, case_id, evidence, hypothesis):
    doc = store.export_document(case_id)
    return next(ev for ev in doc.evidence if ev.id == evidence).ratings.get(hypothesis)


def stored_rating(store, case_id, evidence, hypothesis):
    cell = stored_cell(store, case_id, evidence, hypothesis)
    return cell.rating.value if cell else None


def first_cell():
    doc = read_case_file(HTS)
    return doc.evidence[0].id, doc.hypotheses[0].id, doc.evidence[0].ratings[doc.hypotheses[0].id]


async def to_method(pilot, screen: CaseScreen, name: str) -> None:
    for _ in range(6):
        if screen.method == name:
            return
        await pilot.press("m")
    raise AssertionError(f"method {name} never came round")


async def test_rating_is_saved_and_the_score_row_changes(hts, hts_app):
    store, case_id = hts
    evidence, hypothesis, before = first_cell()
    assert before.rating.value == "C"
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        assert isinstance(screen, CaseScreen)
        await to_method(pilot, screen, "inconsistency")
        bar = str(screen.query_one(ScoreBar).render())
        # By hand: in the sample case no item is rated I or II against H1, so its
        # inconsistency count is 0 and it leads.
        assert "★ H1 0.00" in bar
        assert screen.query_one(MatrixTable).current() == (evidence, hypothesis)
        await pilot.press("I")  # II
        await settle(pilot)
        # II counts 2 in Heuer's inconsistency count: H1 goes from 0 to 2.
        assert "H1 2.00" in str(screen.query_one(ScoreBar).render())
    assert stored_rating(store, case_id, evidence, hypothesis) == "II"
    # a quick re-rating keeps the analyst's rationale for the cell
    cell = stored_cell(store, case_id, evidence, hypothesis)
    assert cell.rationale == before.rationale


async def test_rapid_keystrokes_reach_the_database_in_order(hts, hts_app):
    store, case_id = hts
    evidence, hypothesis, _ = first_cell()
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("C", "i", "n", "N", "I", "x", "c", "i")
        await settle(pilot)
    assert stored_rating(store, case_id, evidence, hypothesis) == "I"
    steps = ["C", "CC", "I", "N", "NA", "II", "unrated", "C", "I"]
    expected = [f"rate {evidence} × {hypothesis}: {a} → {b}" for a, b in itertools.pairwise(steps)]
    rated = [
        e.action for e in reversed(store.history(case_id, limit=100)) if e.action.startswith("rate")
    ]
    assert rated == expected


async def test_clear_makes_a_cell_unrated_not_na(hts, hts_app):
    store, case_id = hts
    evidence, hypothesis, _ = first_cell()
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
    assert stored_rating(store, case_id, evidence, hypothesis) is None


async def test_undo_and_redo_go_through_the_change_log(hts, hts_app):
    store, case_id = hts
    evidence, hypothesis, _ = first_cell()
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert stored_rating(store, case_id, evidence, hypothesis) == "I"
        await pilot.press("u")
        await settle(pilot)
        assert stored_rating(store, case_id, evidence, hypothesis) == "C"
        screen = hts_app.screen
        assert screen.state.cell(evidence, hypothesis).rating.value == "C"  # reloaded
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert stored_rating(store, case_id, evidence, hypothesis) == "I"
        assert screen.state.cell(evidence, hypothesis).rating.value == "I"


async def test_transpose_puts_hypotheses_in_rows(hts, hts_app):
    doc = read_case_file(HTS)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = hts_app.screen.query_one(MatrixTable)
        assert table.row_count == len(doc.evidence)
        await pilot.press("t")
        await settle(pilot)
        assert table.row_count == len(doc.hypotheses)
        assert list(table.rows) == [h.id for h in doc.hypotheses]
        assert table.columns == [ev.id for ev in doc.evidence]
        # rating still works, on (column evidence, row hypothesis)
        await pilot.press("j", "i")  # second hypothesis, first evidence item
        await settle(pilot)
    store, case_id = hts
    second = doc.hypotheses[1].id
    assert stored_rating(store, case_id, doc.evidence[0].id, second) == "I"


async def test_blind_mode_shuffles_hypotheses_and_hides_scores(hts, hts_app, monkeypatch):
    doc = read_case_file(HTS)
    ids = [h.id for h in doc.hypotheses]
    # pick a seed whose shuffle is not the case order, so the test cannot pass by luck
    seed = next(s for s in range(100) if CaseState(0, doc).hypothesis_order(s) != ids)
    monkeypatch.setattr(random, "randrange", lambda *_: seed)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = hts_app.screen
        table = screen.query_one(MatrixTable)
        columns = list(table.columns)
        assert sorted(columns) == sorted(ids) and columns != ids
        bar = str(screen.query_one(ScoreBar).render())
        assert "hidden" in bar and "H1 0.00" not in bar
        await pilot.press("4")  # the scores tab is closed while blind
        await settle(pilot)
        assert screen.query_one("TabbedContent").active == "matrix"
        await pilot.press("b")
        await settle(pilot)
        assert list(table.columns) == ids


async def test_sort_by_diagnosticity_and_filter_by_tag(hts, hts_app):
    doc = read_case_file(HTS)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        table = screen.query_one(MatrixTable)
        await pilot.press("s")  # case order -> diagnosticity
        await settle(pilot)
        rows = list(table.rows)
        diag = screen.state.diagnosticity()
        assert [diag[r] for r in rows] == sorted(diag.values(), reverse=True)
        tag = doc.evidence[0].tags[0]
        await pilot.press("slash", *f"#{tag}", "enter")
        await settle(pilot)
        tagged = {ev.id for ev in doc.evidence if tag in ev.tags}
        assert set(table.rows) == tagged
        assert 0 < len(tagged) < len(doc.evidence)
        await pilot.press("slash", "escape")  # clear the filter
        await pilot.press("s", "s")  # -> date -> credibility
        await settle(pilot)
        # By hand: Admiralty 1 is the most credible, then 2, 3, 4; PARC "Low" sits with 5.
        rank = {"1": 0, "2": 1, "3": 2, "4": 3, "Low": 4, "5": 4}
        credibility = {ev.id: ev.credibility for ev in doc.evidence}
        ranks = [rank[credibility[r]] for r in table.rows]
        assert len(ranks) == len(doc.evidence) and ranks == sorted(ranks)


async def test_failed_save_is_shown_and_the_screen_returns_to_what_is_stored(hts, hts_app):
    store, case_id = hts
    evidence, hypothesis, _ = first_cell()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        real = store.rate
        store.rate = broken
        try:
            await pilot.press("I")
            await settle(pilot)
        finally:
            store.rate = real
        screen = hts_app.screen
        assert screen.state.cell(evidence, hypothesis).rating.value == "C"
        messages = [n.message for n in hts_app._notifications]
        assert any("Not saved" in m and "No space left" in m for m in messages)
    assert stored_rating(store, case_id, evidence, hypothesis) == "C"


async def test_quitting_straight_after_a_keystroke_keeps_the_edit(hts, hts_app):
    store, case_id = hts
    evidence, hypothesis, _ = first_cell()
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("N", "ctrl+q")
    assert stored_rating(store, case_id, evidence, hypothesis) == "NA"


async def test_ratings_and_undo_survive_a_restart(hts):
    from claimmap.tui.app import ClaimmapApp

    store, case_id = hts
    evidence, hypothesis, _ = first_cell()
    async with ClaimmapApp(store, case_id).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
    async with ClaimmapApp(store, case_id).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.state.cell(evidence, hypothesis).rating.value == "II"
        await pilot.press("u")
        await settle(pilot)
        assert pilot.app.screen.state.cell(evidence, hypothesis).rating.value == "C"


async def test_theme_switches_between_dark_and_light(hts_app):
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert hts_app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert hts_app.theme == "textual-light"


async def test_an_edit_that_cannot_be_saved_at_quit_is_reported(hts_app):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # an edit still waiting in the queue when the analyst quits
        hts_app.screen.queue.add("rate E1 × H1", lambda s: broken(), reload=False)
        await pilot.press("ctrl+q")
    assert hts_app.return_code == 1
