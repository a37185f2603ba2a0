"""Quitting tears the interface down with the collector off: a full collection then would only
walk what is being thrown away, just before the process ends."""

from __future__ import annotations

import gc

from helpers.tui import settle

from claimmap.tui.screens.case_screen import CaseScreen


async def test_the_teardown_runs_with_the_collector_off(hts_app, monkeypatch):
    seen: list[bool] = []
    stop = CaseScreen.stop_watching

    def stop_watching(self: CaseScreen) -> None:  # called as the case screen is unmounted
        seen.append(gc.isenabled())
        stop(self)

    monkeypatch.setattr(CaseScreen, "stop_watching", stop_watching)
    assert gc.isenabled()
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert seen == [False]
    assert not gc.isenabled()  # to the end (tests/conftest.py turns it back on)
