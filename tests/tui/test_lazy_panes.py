"""A case opened directly makes only what is on screen: the matrix, not the other four tabs
and not the case list beneath it. Each of those is made when first shown, with the screen's
settings of that moment (blind rating, the Items list asked for), and behaves as if it had
been there all along; on a small case the Scores pane is made, hidden, at the first pause in
the typing, with its report worked out ahead."""

from __future__ import annotations

import re

from helpers.tui import HTS, fresh_run, settle, until
from textual.widgets import DataTable, TabbedContent, TabPane

from claimmap.formats.casefile_read import read_case_file
from claimmap.tui.messages import CollectionRequested
from claimmap.tui.screens.case_list import CaseListScreen
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.argument_map import MapPane
from claimmap.tui.widgets.items_pane import ItemsPane

UNASKED = ("items", "map", "method")  # not made before their tab is shown


def _tree_text(screen: CaseScreen) -> str:
    tree = screen.query_one("#map-tree")
    lines: list[str] = []

    def walk(node) -> None:
        lines.append(str(node.label))
        for child in node.children:
            walk(child)

    walk(tree.root)
    return "\n".join(lines)


async def test_only_the_matrix_is_made_until_a_tab_is_shown(hts_app):
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        assert isinstance(screen, CaseScreen)
        assert not any(isinstance(s, CaseListScreen) for s in hts_app.screen_stack)
        assert screen.query("#matrix-pane")
        # (the Scores pane is made, hidden, at the first pause: see the test below)
        assert [tab for tab in UNASKED if screen.query(f"#{tab}-pane")] == []
        await pilot.press("3")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "map"
        assert hts_app.focused is screen.query_one("#map-tree")  # keys go to the new pane
        assert re.search(r"strength \d\.\d\d", _tree_text(screen))
        # the others are still not made
        assert [tab for tab in UNASKED if screen.query(f"#{tab}-pane")] == ["map"]


async def test_the_scores_pane_is_made_hidden_at_the_first_pause(hts_app):
    """On a small case the Scores report is worked out at the first pause in the typing, and
    its pane made and filled then too, hidden: its key only draws it. The Monte Carlo waits
    for the tab to be shown."""
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        assert isinstance(screen, CaseScreen)
        await until(pilot, lambda: screen.query("#scores-table"))  # the pane and its parts
        assert screen.state is not None and screen.state.report_ready()
        assert screen.query_one(TabbedContent).active == "matrix"
        assert not screen.query_one("#scores", TabPane).display  # made, not shown
        table = screen.query_one("#scores-table", DataTable)
        await until(pilot, lambda: table.row_count)
        assert table.row_count == 5  # filled while hidden
        note = screen.query_one("#scores-note")
        assert "Monte Carlo: drawing" in str(note.render())  # not drawn while hidden
        assert [tab for tab in UNASKED if screen.query(f"#{tab}-pane")] == []
        await pilot.press("4")
        await settle(pilot)
        assert screen.query_one("#scores-table", DataTable) is table
        assert table.row_count == 5 and hts_app.focused is table
        assert re.search(r"Monte Carlo \d+ draws", str(note.render()))


async def test_a_pane_made_while_rating_blind_hides_the_ranking(hts_app):
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = hts_app.screen
        assert screen.query_one(MapPane).blind
        text = _tree_text(screen)
        assert "H1" in text and "strength" not in text and "★" not in text
        await pilot.press("b")  # and it follows the switch back like any pane
        await settle(pilot)
        assert not screen.query_one(MapPane).blind
        assert re.search(r"strength \d\.\d\d", _tree_text(screen))


async def test_a_list_asked_for_before_the_items_tab_is_made_is_the_one_shown(hts_app):
    doc = read_case_file(HTS)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        screen.post_message(CollectionRequested("sources"))
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "items"
        pane = screen.query_one(ItemsPane)
        assert pane.collection == "sources" and pane.shown == "sources"
        table = screen.query_one("#items-table")
        assert set(table.keys) == {s.id for s in doc.sources}


async def test_leaving_a_case_opened_directly_shows_the_case_list(hts, hts_app):
    _, case_id = hts
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        listing = hts_app.screen
        assert isinstance(listing, CaseListScreen)
        assert [type(s) for s in hts_app.screen_stack[1:]] == [CaseListScreen]
        table = listing.query_one(DataTable)
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == str(case_id)
        await pilot.press("enter")  # open it again from the list, and leave again
        await settle(pilot)
        assert isinstance(hts_app.screen, CaseScreen)
        await pilot.press("q")
        await settle(pilot)
        assert hts_app.screen is listing  # the same list, not a second one


ONE_TAB = """
import asyncio, json, sys
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.widgets.matrix_table import MatrixTable

store = Store.open(sys.argv[1])
app = ClaimmapApp(store, int(sys.argv[2]))

async def main():
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(500):
            await pilot.pause(0.02)
            if app.screen.query(MatrixTable) and app.screen.query_one(MatrixTable).row_count:
                break
        await pilot.press("2")
        for _ in range(500):
            await pilot.pause(0.02)
            if app.screen.query("#items-table"):
                break
        await app.workers.wait_for_complete()
    print(json.dumps(sorted(m for m in sys.modules if m.startswith("claimmap.tui.widgets."))))
    store.close()

asyncio.run(main())
"""


def test_the_first_tab_shown_loads_its_own_pane_s_code_alone(hts, tmp_path):
    """The Items tab, shown first, does not load the Map or Method panes' modules (in a
    fresh interpreter: the Method pane's alone takes 15 ms)."""
    store, case_id = hts
    loaded = fresh_run(ONE_TAB, str(store.engine.url.database), str(case_id))
    panes = {m.removeprefix("claimmap.tui.widgets.") for m in loaded}
    assert "items_pane" in panes
    # the Scores pane's module may be loaded at the first pause, with its report worked out
    # ahead (CaseScreen._warm); nothing loads the Map's or the Method's before their tabs
    assert not panes & {"argument_map", "method_pane"}, panes
