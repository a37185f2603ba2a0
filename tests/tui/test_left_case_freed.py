"""A case left for the case list is freed, with what its tabs drew from it.

While a case is shown its objects are frozen out of the collector's sight (bulk.py), so its
screen's cycles are never collected once it is left: only what reference counting frees goes.
Every visit to a case used to keep the whole case for the rest of the session (some 100-200 MB
a visit to the 50 x 5,000 x 5 benchmark case); these check that the case's state, its
document and its tabs' rows go as the screen goes.
"""

from __future__ import annotations

import gc
import weakref

from helpers.tui import settle
from textual.widgets import DataTable, Tree

from claimmap.tui.app import ClaimmapApp
from claimmap.tui.widgets.argument_map import MapPane
from claimmap.tui.widgets.method_pane import MethodPane


async def test_a_left_case_and_what_its_tabs_hold_are_freed(hts_app: ClaimmapApp) -> None:
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        state = weakref.ref(screen.state)  # type: ignore[attr-defined]
        for tab in "2345":  # every tab made and filled: each holds the case, or rows from it
            await pilot.press(tab)
            await settle(pilot)
        method = screen.query_one(MethodPane)
        assert method.data is not None
        document = weakref.ref(method.data.doc)
        tree = screen.query_one(MapPane).query_one(Tree)
        branch = weakref.ref(tree.root.children[0])  # a hypothesis's node, and its argument
        tables = [t for t in screen.query(DataTable) if t.row_count]
        assert len(tables) >= 3  # the Scores and Method tabs' tables, filled
        first_rows = [weakref.ref(next(iter(t.rows.values()))) for t in tables]
        del screen, method, tables, tree

        await pilot.press("q")  # back to the case list
        await settle(pilot)
        await pilot.pause(0.2)
        gc.collect()  # whatever is frozen stays frozen: only references let go of count
        assert type(hts_app.screen).__name__ == "CaseListScreen"
        assert state() is None
        assert document() is None
        assert branch() is None
        assert [row() for row in first_rows] == [None] * len(first_rows)
