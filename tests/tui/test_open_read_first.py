"""A case opened directly is read before its screen is shown, so the screen is laid out and
painted once, with the case in it: before, an empty screen was laid out and painted while
the case was read, and again when it arrived (on HTS that cost 0.7 s of a 2.5 s start).
If that first read fails, the screen reads the case itself, as a case opened from the list
does, and says what went wrong only if that fails too."""

from __future__ import annotations

from helpers.tui import settle

from claimmap.store.errors import StoreError
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.screens import case_screen
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import MatrixTable


def _record_mount(monkeypatch) -> list[tuple[bool, int]]:
    """(state present, matrix rows) at the end of each case screen's mount, before its
    first layout."""
    seen: list[tuple[bool, int]] = []
    mount = CaseScreen.on_mount

    def recorded(self: CaseScreen) -> None:
        mount(self)
        seen.append((self.state is not None, self.query_one(MatrixTable).row_count))

    monkeypatch.setattr(CaseScreen, "on_mount", recorded)
    return seen


async def test_the_case_is_on_the_screen_from_its_first_layout(hts, monkeypatch):
    store, case_id = hts
    seen = _record_mount(monkeypatch)
    app = ClaimmapApp(store, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert seen == [(True, 18)]  # HTS has 18 evidence items
        assert app.screen.sub_title.startswith("as ")  # not "loading…"


async def test_a_failed_first_read_leaves_the_screen_to_read_the_case(hts, monkeypatch):
    store, case_id = hts
    seen = _record_mount(monkeypatch)
    real = case_screen.read_case
    calls = []

    def failing_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise StoreError("the database is locked")
        return real(*args)

    monkeypatch.setattr(case_screen, "read_case", failing_once)
    app = ClaimmapApp(store, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert seen == [(False, 0)]  # shown empty, then read by the screen
        assert len(calls) == 2
        assert app.screen.query_one(MatrixTable).row_count == 18
        assert app.screen.state is not None
