"""Two analysts on one case in the TUI: rating as oneself, the matrix's views of the team, the
detail pane's list of everyone's ratings, each analyst's leader, and no surprise analysts.

The case is worked by hand (Open Synthesis's rules, docs/scoring.md):

    cell    ana  ben   spread                           level      group
    E1×H1   CC   II    sd(+2, -2) = 2.83                extreme    N
    E1×H2   I    C     sd(-1, +1) = 1.41                mild       N
    E2×H1   C    C     0                                consensus  C
    E2×H2   C    NA    sd of rated-or-not (1, 0) = 0.71 mild       C
    E3×H1   N    ·     0 (one answer)                   consensus  N
    E3×H2   II   ·     0                                consensus  II

So 3 of the 4 cells both rated differ between ana and ben (E3 only ana rated); ana's fewest inconsistencies
lead with H1 (she marks no I against it), ben's with H2 (his one II is against H1).
"""

from __future__ import annotations

from helpers.tui import settle
from textual.widgets import Checkbox, DataTable, Input

from claimmap.model.document import CaseDocument
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.modals.analyst import AnalystModal
from claimmap.tui.modals.confirm import ConfirmModal
from claimmap.tui.modals.history import HistoryModal
from claimmap.tui.modals.rationale import RationaleModal
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import MatrixTable

TEAM_CASE = {
    "format": "claimmap/1",
    "case": {"title": "Two analysts", "question": "Which one?"},
    "analyst": "ana",
    "hypotheses": [{"id": "H1", "label": "First"}, {"id": "H2", "label": "Second"}],
    "evidence": [
        {
            "id": "E1",
            "summary": "One",
            "ratings": {"H1": {"rating": "CC", "rationale": "fits well"}, "H2": "I"},
            "ratings_by": {"ben": {"H1": {"rating": "II", "rationale": "cannot be"}, "H2": "C"}},
        },
        {
            "id": "E2",
            "summary": "Two",
            "ratings": {"H1": "C", "H2": "C"},
            "ratings_by": {"ben": {"H1": "C", "H2": "NA"}},
        },
        {"id": "E3", "summary": "Three", "ratings": {"H1": "N", "H2": "II"}},
    ],
}


def team_store(tmp_path) -> tuple[Store, int]:
    store = Store.open(str(tmp_path / "team.db"))
    case = store.import_document(CaseDocument.model_validate(TEAM_CASE))
    return store, case.id


def status(app: ClaimmapApp) -> str:
    return str(app.screen.query_one("#matrix-status").render())


def cell(app: ClaimmapApp, row: int, column: int) -> str:
    """The text of one matrix cell as drawn (row 0 is the first item)."""
    table = app.screen.query_one(MatrixTable)
    table._set_cursor(row, column)
    line = table.render_line(row + 1 - table.scroll_offset.y)
    text = "".join(segment.text for segment in line)
    start = 5 + table.text_width + 1 + column * (table.cell_width + 1)
    return text[start : start + table.cell_width].strip()


async def test_each_analyst_rates_as_themselves(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="ben")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "as ben" in app.screen.sub_title
        table = app.screen.query_one(MatrixTable)
        table.focus()
        assert cell(app, 0, 0) == "II"  # ben's own rating of E1×H1, not ana's CC
        table._set_cursor(2, 0)  # E3×H1: unrated by ben
        await pilot.press("c")
        await settle(pilot)
    doc = store.export_document(case_id)
    e3 = doc.evidence[2]
    assert e3.ratings["H1"].rating.value == "N"  # ana's is untouched
    assert e3.ratings_by["ben"]["H1"].rating.value == "C"


async def test_the_views_show_a_colleague_the_group_the_dispute_and_a_comparison(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one(MatrixTable).focus()
        assert "your ratings (ana)" in status(app)
        assert cell(app, 0, 0) == "CC"

        await pilot.press("v")
        await settle(pilot)
        assert "ben's ratings (read-only)" in status(app)
        assert cell(app, 0, 0) == "II"
        await pilot.press("C")  # read-only: nothing is written
        await settle(pilot)
        assert store.export_document(case_id).evidence[0].ratings_by["ben"]["H1"].rating == "II"

        await pilot.press("v")
        await settle(pilot)
        assert "group consensus of 2 analysts" in status(app)
        assert [cell(app, 0, 0), cell(app, 1, 1), cell(app, 2, 1)] == ["N", "C", "II"]

        await pilot.press("v")
        await settle(pilot)
        assert "disagreement per cell: 3 consensus, 2 mild, 1 extreme (2 with one" in status(app)

        await pilot.press("v")
        await settle(pilot)
        # E1×H1, E1×H2, E2×H2 differ of the four both rated; E3's two only ana rated
        assert "compare you (ana) │ ben: 3 of 4 cells rated by both differ, 2 rated" in status(app)
        assert cell(app, 0, 0) == "CC│II"
        assert cell(app, 1, 0) == "C│C"

        await pilot.press("v")  # round to mine again
        await settle(pilot)
        assert "your ratings (ana)" in status(app)


async def test_the_detail_pane_lists_every_analysts_rating_and_rationale(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one(MatrixTable).focus()
        await pilot.press("g")
        await settle(pilot)
        detail = str(app.screen.query_one("#detail").render())
        assert "group N, extreme dispute (spread 2.83)" in detail
        assert "ana (you)" in detail and "fits well" in detail
        assert "ben" in detail and "cannot be" in detail


async def test_the_scores_tab_sets_each_analysts_leader_beside_the_groups(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="ana")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        team = str(app.screen.query_one("#team-leaders").render())
        rows = {line.split()[0]: line.split() for line in team.splitlines() if line.strip()}
        # the first method column is inconsistency (fewest I and II lead)
        assert rows["ana"][2] == "H1"
        assert rows["ben"][1] == "H2"
        assert "The analysts disagree about the leader" in team


async def test_a_name_the_case_does_not_know_is_asked_about_first(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="bne")  # a typo for ben
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert "as ana" in app.screen.sub_title  # back to the case's own analyst
        app.screen.query_one(MatrixTable).focus()
        await pilot.press("x")
        await settle(pilot)
    doc = store.export_document(case_id)
    assert set(doc.evidence[0].ratings_by) == {"ben"}  # no analyst "bne" was made
    assert "H1" not in doc.evidence[0].ratings  # ana cleared her own E1×H1


async def test_w_switches_whom_the_keys_rate_as(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, AnalystModal)
        app.screen.query_one("#analyst-name").value = "cleo"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)  # a new name is confirmed first
        await pilot.press("y")
        await settle(pilot)
        assert "as cleo" in app.screen.sub_title
        app.screen.query_one(MatrixTable).focus()
        await pilot.press("g", "I")
        await settle(pilot)
    doc = store.export_document(case_id)
    assert doc.evidence[0].ratings_by["cleo"]["H1"].rating.value == "II"
    assert doc.evidence[0].ratings["H1"].rating.value == "CC"


async def test_blind_rating_hides_the_ranking_on_the_map_too(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        tree = app.screen.query_one("#map-tree")
        shown = "\n".join(str(node.label) for node in tree.root.children)
        assert "★" in shown and "strength" in shown  # seen before going blind
        await pilot.press("b")
        await settle(pilot)
        shown = "\n".join(str(node.label) for node in tree.root.children)
        assert "★" not in shown and "strength" not in shown


async def test_the_history_says_who_did_what_and_filters_by_analyst(tmp_path):
    store, case_id = team_store(tmp_path)
    Store(store.engine, who="ben").rate(case_id, "E3", "H1", "C", analyst="ben", new_analyst=True)
    store.rate(case_id, "E3", "H2", "I")  # conftest's analyst, "tester"
    app = ClaimmapApp(store, case_id, analyst="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, HistoryModal)
        table = app.screen.query_one(DataTable)
        whos = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert whos[:2] == ["tester", "ben"]  # newest first
        await pilot.press("f")  # everyone -> ben (sorted: ben, tester)
        await settle(pilot)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [str(r[1]) for r in rows] == ["ben"]
        assert "rate E3 × H1: unrated → C" in str(rows[0][2])
        assert "1 change by ben" in str(app.screen.query_one("#history-filter").render())


async def test_blind_until_rated_hides_colleagues_until_every_cell_is_mine(tmp_path):
    store, case_id = team_store(tmp_path)
    store.update_case(case_id, {"blind_until_rated": True})
    cleo = Store(store.engine, who="cleo")
    app = ClaimmapApp(cleo, case_id, analyst="cleo")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)  # cleo is new to the case
        await pilot.press("y")
        await settle(pilot)
        table = app.screen.query_one(MatrixTable)
        table.focus()
        assert "colleagues shown once you rate 6 more" in status(app)
        detail = str(app.screen.query_one("#detail").render())
        assert "hidden until you have rated every cell (6 left)" in detail
        assert "fits well" not in detail and "cannot be" not in detail
        await pilot.press("v")  # no other view while blind
        await settle(pilot)
        assert "colleagues shown once you rate 6 more" in status(app)
        assert cell(app, 0, 0) == "·"  # still cleo's own (unrated) cell, not ana's CC
        await pilot.press("4")
        await settle(pilot)
        team = str(app.screen.query_one("#team-leaders").render())
        assert "show once you have rated every cell (6 left)" in team
        await pilot.press("3")
        await settle(pilot)
        tree = app.screen.query_one("#map-tree")
        shown = "\n".join(str(node.label) for node in tree.root.children)
        assert "★" not in shown and "strength" not in shown
        under = [str(leaf.label) for node in tree.root.children for leaf in node.children]
        # no supports or attacks: they would give the case analyst's ratings away
        assert under == ["evidence shown once you have rated every cell (6 left)"] * 2

        await pilot.press("1")
        await settle(pilot)
        table.focus()
        await pilot.press("g")
        for _ in range(3):  # every cell, row by row: C on H1, N on H2
            await pilot.press("c", "l", "n", "h", "j")
        await settle(pilot)
        assert "view: your ratings (cleo)" in status(app)
        await pilot.press("v")
        await settle(pilot)
        assert "ana's ratings (read-only)" in status(app)
        assert cell(app, 0, 0) == "CC"


async def test_undo_in_the_tui_takes_back_my_edit_never_a_colleagues(tmp_path):
    store, case_id = team_store(tmp_path)
    ben = Store(store.engine, who="ben")
    app = ClaimmapApp(ben, case_id, analyst="ben")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one(MatrixTable).focus()
        await pilot.press("g", "c")  # ben: E1×H1 II -> C
        await settle(pilot)
        # ana rates afterwards, elsewhere
        Store(store.engine, who="ana").rate(case_id, "E3", "H1", "CC", analyst="ana")
        await pilot.press("u")
        await settle(pilot)
    doc = store.export_document(case_id)
    assert doc.evidence[0].ratings_by["ben"]["H1"].rating.value == "II"  # ben's undone
    assert doc.evidence[2].ratings["H1"].rating.value == "CC"  # ana's kept


async def test_the_case_form_switches_blind_until_rated(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        box = app.screen.query_one("#c-blind", Checkbox)
        assert box.value is False
        box.value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    assert store.case_header(case_id).info.blind_until_rated is True
    assert store.history(case_id, 1)[0].action == "edit case blind_until_rated"


async def test_the_rating_dialog_does_not_overwrite_a_newer_rating_of_its_cell(tmp_path):
    store, case_id = team_store(tmp_path)
    app = ClaimmapApp(store, case_id, analyst="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one(MatrixTable).focus()
        await pilot.press("g", "r")  # E1×H1, CC "fits well"
        await settle(pilot)
        assert isinstance(app.screen, RationaleModal)
        app.screen.query_one("#rationale", Input).value = "my careful reason"
        # the same analyst, in another window, changes the cell meanwhile
        Store(store.engine, who="ana").rate(case_id, "E1", "H1", "I", "from the other window")
        for _ in range(30):  # the case screen hears of it within a second
            await pilot.pause(0.1)
            cell = app.screen_stack[-2].state.cell("E1", "H1")
            if cell.rating.value == "I":
                break
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RationaleModal)  # back, not saved over theirs
        said = str(dialog.query_one("#form-errors").render())
        assert "E1 × H1 was changed to I by ana" in said and "save again to overwrite" in said
        assert dialog.query_one("#rationale", Input).value == "my careful reason"
        assert store.export_document(case_id).evidence[0].ratings["H1"].rationale == (
            "from the other window"
        )
        await pilot.press("enter")  # saving again overwrites, on purpose
        await settle(pilot)
    cell = store.export_document(case_id).evidence[0].ratings["H1"]
    assert (cell.rating.value, cell.rationale) == ("CC", "my careful reason")
