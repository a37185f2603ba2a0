"""The Scores tab says only what it knows: the judgement beside the ranking and where they
differ, how much of each column is rated, provisional rankings and ties as ties. And only the
newest answer of a repeated background job is shown."""

from __future__ import annotations

from helpers.tui import settle
from rich.text import Text
from textual.widgets import DataTable, Static

from claimmap.store.case_store import CaseSummary, Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.screens.case_list import CaseListScreen
from claimmap.tui.widgets.scores_pane import ScoresPane


def small_case(store: Store) -> int:
    """Two evidence items, three hypotheses: H1 consistent with both, H2 inconsistent with
    both, H3 inconsistent with one: every method ranks H1 first."""
    case = store.create_case("Small")
    for label in ("First", "Second", "Third"):
        store.add_item(case.id, "hypotheses", {"label": label})
    for summary in ("One", "Two"):
        store.add_item(case.id, "evidence", {"summary": summary, "kind": "fact"})
    for ev in ("E1", "E2"):
        store.rate(case.id, ev, "H1", "C", None)
        store.rate(case.id, ev, "H2", "I", None)
    store.rate(case.id, "E1", "H3", "I", None)
    store.rate(case.id, "E2", "H3", "N", None)
    return case.id


async def scores_text(app: ClaimmapApp, pilot) -> tuple[str, DataTable]:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    screen = app.screen
    text = str(screen.query_one("#judgement", Static).render())
    return text, screen.query_one("#scores-table", DataTable)


async def test_the_judgement_that_differs_from_the_ranking_is_said_plainly(tmp_path):
    store = Store.open(str(tmp_path / "s.db"))
    case_id = small_case(store)
    store.update_case(
        case_id,
        {
            "judgement": {
                "bottom_line": "The second explanation holds.",
                "hypothesis": "H2",
                "likelihood": "likely",
                "confidence": "moderate",
            }
        },
    )
    app = ClaimmapApp(store, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        text, table = await scores_text(app, pilot)
        assert "You judged H2 most likely; every method ranks H1 first." in text
        assert "The second explanation holds." in text
        rows = [str(table.get_row_at(i)[1]) for i in range(3)]
        assert rows == ["2/2", "2/2", "2/2"]  # every column fully rated
    store.close()


async def test_an_unrated_column_leaves_the_ranking_provisional_and_ties_are_ties(tmp_path):
    store = Store.open(str(tmp_path / "t.db"))
    case = store.create_case("Tied")
    for label in ("A", "B", "C"):
        store.add_item(case.id, "hypotheses", {"label": label})
    store.add_item(case.id, "evidence", {"summary": "Only item", "kind": "fact"})
    store.rate(case.id, "E1", "H1", "N", None)
    store.rate(case.id, "E1", "H2", "N", None)  # H1 and H2 tie; H3 is unrated
    app = ClaimmapApp(store, case.id)
    async with app.run_test(size=(120, 36)) as pilot:
        text, table = await scores_text(app, pilot)
        assert "No judgement written yet" in text
        rows = [str(table.get_row_at(i)[1]) for i in range(3)]
        assert rows == ["1/1", "1/1", "0/1"]  # coverage per hypothesis
        sensitivity = str(app.screen.query_one("#sensitivity", Static).render())
        for method in ("inconsistency", "weighted", "bayes"):
            assert f"{method}: H1, H2 and H3 tie; no single leader" in sensitivity
        assert "leads in" not in sensitivity and "★" not in sensitivity
        assert "provisional: the leader's column is not fully rated (H3: 0 of 1" in sensitivity
    store.close()


async def test_an_older_case_list_never_paints_over_a_newer_one(tmp_path):
    store = Store.open(str(tmp_path / "l.db"))
    store.create_case("Only")
    app = ClaimmapApp(store, offer_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        older, newer = screen.lists.ask(), screen.lists.ask()
        two = [
            CaseSummary(1, "a", "Alpha", "", 0, 0, 0, "2026-11-30T10:00:00+00:00"),
            CaseSummary(2, "b", "Beta", "", 0, 0, 0, "2026-11-30T10:00:00+00:00"),
        ]
        screen.post_message(CaseListScreen.Listed(two, newer))
        screen.post_message(CaseListScreen.Listed([], older))  # arrives last, but is stale
        await settle(pilot)
        assert [c.title for c in screen.cases] == ["Alpha", "Beta"]
        assert screen.query_one("#case-table", DataTable).row_count == 2
    store.close()


async def test_a_later_step_leaves_the_tables_it_does_not_change(tmp_path):
    """The flips and the Monte Carlo arrive as reports with the same scores: the tables of
    scores and diagnosticity are not refilled by them (a cursor there stays put), and a new
    rating refills the scores."""
    store = Store.open(str(tmp_path / "k.db"))
    case_id = small_case(store)
    app = ClaimmapApp(store, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        pane = screen.query_one(ScoresPane)
        note = screen.query_one("#scores-note", Static)
        assert "draws, seed" in str(note.render())  # every step has landed
        diag = screen.query_one("#diag-table", DataTable)
        scores = screen.query_one("#scores-table", DataTable)
        diag.move_cursor(row=1)
        scores.move_cursor(row=2)
        await settle(pilot)
        # the last step's report once more, as a step that changed none of these would
        state = screen.state
        _, report = state.report(per_cell=False)
        names = {ev.id: ev.summary for ev in state.doc.evidence}
        number = pane.latest._newest
        pane.post_message(ScoresPane.Computed(report, names, Text(), Text(), number))
        await settle(pilot)
        assert (diag.cursor_row, scores.cursor_row) == (1, 2)
        before = [str(cell) for cell in scores.get_row_at(2)]
        await pilot.press("1")
        await settle(pilot)
        screen.query_one("#matrix-table").go_to("E2", "H3")
        await pilot.press("I")  # H3 is now inconsistent with both items, as H2 is
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert [str(cell) for cell in scores.get_row_at(2)] != before
    store.close()
