"""A tab's pane, once drawn and the typing paused, is moved out of the garbage collector's
sight (bulk.settle_collector): later full collections no longer walk its widgets and render
caches again, which on a big case made pauses of 25-50 ms in the middle of a session."""

from __future__ import annotations

from helpers.tui import fresh_run

# In a fresh interpreter: freezing is process-wide and would outlive a test here.
SCRIPT = """
import asyncio, gc, json, sys
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import MatrixTable

store = Store.open(sys.argv[1])
app = ClaimmapApp(store, int(sys.argv[2]))

def watched(obj):
    # the collector's generations, not its permanent one (what gc.freeze moved there)
    return any(o is obj for o in gc.get_objects())

async def until(pilot, test):
    for _ in range(500):
        if test():
            return
        await pilot.pause(0.02)

seen = {}
show_pane = CaseScreen._show_pane

async def shown_and_seen(screen, tab):
    await show_pane(screen, tab)
    seen["made"] = watched(screen.query_one(f"#{tab}-pane"))  # as it is mounted and drawn

CaseScreen._show_pane = shown_and_seen

async def main():
    async with app.run_test(size=(120, 36)) as pilot:
        table = lambda: app.screen.query_one(MatrixTable)
        await until(pilot, lambda: app.screen.query(MatrixTable) and table().row_count)
        # whatever freezes on its own at the start (the document, the warm-up) is done
        await pilot.pause(1.0)
        await app.workers.wait_for_complete()
        await pilot.press("2")
        await until(pilot, lambda: "made" in seen)
        pane = app.screen.query_one("#items-pane")
        await pilot.pause(1.0)  # the typing has paused
        seen["after the pause"] = watched(pane)
        seen["collector on"] = gc.isenabled()
    print(json.dumps(seen))
    store.close()

asyncio.run(main())
"""


def test_a_tab_s_pane_leaves_the_collector_s_sight_once_the_typing_pauses(hts):
    store, case_id = hts
    seen = fresh_run(SCRIPT, str(store.engine.url.database), str(case_id))
    assert seen == {"made": True, "after the pause": False, "collector on": True}
