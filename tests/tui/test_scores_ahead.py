"""On a small case the Scores tab's report (the scores and the smallest flips) is worked out
at the first pause in the typing, again after each rating, and the tab shows it in one piece;
a big case's is worked out only when its tab is shown, the flips after the scores."""

from __future__ import annotations

import pytest
from helpers.tui import settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TabbedContent

from claimmap.tui import case_state
from claimmap.tui.app import QUIET_S
from claimmap.tui.screens.case_screen import CaseScreen


def worked_out(screen: CaseScreen) -> set[str]:
    """The report parts held for the state's current snapshot."""
    state = screen.state
    assert state is not None
    now = state.snapshot.revision
    return {kind for kind, (revision, _) in state._results.items() if revision == now}


async def past_a_pause(pilot: Pilot[None]) -> None:
    """Settle, then let the typing pause (the report is worked out ahead then), and settle."""
    await settle(pilot)
    await pilot.pause(QUIET_S * 2)
    await settle(pilot)


async def test_a_small_case_has_its_report_worked_out_at_a_pause(hts_app):
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await past_a_pause(pilot)
        screen = hts_app.screen
        assert worked_out(screen) == {"scores", "flips"}
        await pilot.press("I")  # a rating: a new snapshot, not worked out yet
        assert worked_out(screen) == set()
        await past_a_pause(pilot)
        assert worked_out(screen) == {"scores", "flips"}
        await pilot.press("4")
        await settle(pilot)
        note = str(screen.query_one("#scores-note", Static).render())
        assert "draws, seed" in note and "searching" not in note
        sensitivity = str(screen.query_one("#sensitivity", Static).render())
        assert "rating step(s)" in sensitivity  # the smallest flips, drawn with the scores


async def test_a_big_case_is_worked_out_only_when_its_tab_is_shown(hts_app, monkeypatch):
    # the sample stands in for a big case: nothing counts as small
    monkeypatch.setattr(case_state, "CHEAP_REPORT_CELLS", 10)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await past_a_pause(pilot)
        screen = hts_app.screen
        assert worked_out(screen) == set()
        await pilot.press("4")
        await settle(pilot)
        assert {"scores", "flips", "chances"} <= worked_out(screen)
        sensitivity = str(screen.query_one("#sensitivity", Static).render())
        assert "rating step(s)" in sensitivity


async def test_the_tab_opens_at_its_top_with_the_report_drawn(hts_app):
    async with hts_app.run_test(size=(120, 24)) as pilot:
        await past_a_pause(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = hts_app.screen
        pane = screen.query_one("#scores-pane")
        assert pane.scroll_y == 0  # the note and the judgement in view, above the table
        assert hts_app.focused is screen.query_one("#scores-table")


def _first_row(screen: CaseScreen) -> list[str]:
    """The Scores table's first row (H1) as shown."""
    table = screen.query_one("#scores-table", DataTable)
    return [str(cell) for cell in table.get_row_at(0)]


@pytest.mark.parametrize("pause", [True, False], ids=["after a pause", "at once"])
async def test_a_rating_after_the_hidden_tables_were_filled_is_in_the_tab(hts_app, pause):
    """The Scores tables filled ahead, while hidden, never show an older report: a rating made
    afterwards is in the tab whether it was filled again at the next pause or not yet."""
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await past_a_pause(pilot)
        screen = hts_app.screen
        before = _first_row(screen)  # filled ahead, hidden
        state = screen.state
        assert state is not None
        hypothesis, evidence = state.hypothesis_ids[0], state.shown.evidence[0].id
        was = state.cell(evidence, hypothesis)
        assert was is None or was.rating.value != "II"
        await pilot.press("I")  # E1 x H1 (the cursor's first cell) rated II
        if pause:
            await past_a_pause(pilot)
        await pilot.press("4")
        await settle(pilot)
        after = _first_row(screen)
        assert after[0] == before[0]  # the same hypothesis, H1
        assert after[2:] != before[2:]  # its scores moved with the rating
        report = state.report(per_cell=False, flips=True, chances=False)[1]
        shown = [cell.strip(" ★=") for cell in after[2:]]
        assert shown == [f"{report['scores'][m][hypothesis]:.2f}" for m in report["methods"]]


async def test_the_monte_carlo_starts_once_the_report_is_drawn(hts_app, monkeypatch):
    """Started beside the tab's first paint, the Monte Carlo took turns with it at Python's
    lock and held the report up; it starts once the screen has drawn the report."""
    from textual.screen import Screen

    from claimmap.tui.widgets.scores_pane import ScoresPane

    frames = [0]  # the screen's refreshes drawn so far
    at: dict[str, int] = {}
    draw, rebuild, report = (
        Screen._compositor_refresh,
        ScoresPane.rebuild,
        case_state.CaseState.report,
    )

    def drawn(self):
        frames[0] += 1
        return draw(self)

    def rebuilt(self, state):
        at.setdefault("shown", frames[0])  # the tab shown: its report filled, to be drawn
        return rebuild(self, state)

    def reported(self, *args, **kwargs):
        if kwargs.get("chances"):
            at.setdefault("monte carlo", frames[0])
        return report(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    monkeypatch.setattr(ScoresPane, "rebuild", rebuilt)
    monkeypatch.setattr(case_state.CaseState, "report", reported)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await past_a_pause(pilot)
        await pilot.press("4")
        await settle(pilot)
        note = str(hts_app.screen.query_one("#scores-note", Static).render())
        assert "draws, seed" in note
    assert at["monte carlo"] > at["shown"], at


async def test_a_report_worked_out_after_a_visit_leaves_the_tab_as_it_was(hts_app, monkeypatch):
    """The tab shown (its Monte Carlo drawn) and left before the first pause: the report
    then worked out ahead does not refill it, and shown again it still has its chances."""
    from claimmap.tui.app import ClaimmapApp

    held = []
    when_quiet = ClaimmapApp.when_quiet

    def later(self, then, latest=None):
        if getattr(then, "__name__", "") == "_start_warming":
            held.append(then)  # the pause comes below, after the visit
            return None
        return when_quiet(self, then, latest)

    monkeypatch.setattr(ClaimmapApp, "when_quiet", later)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        await pilot.press("4")  # the pane is made by this visit
        await settle(pilot)
        note = screen.query_one("#scores-note", Static)
        assert "draws, seed" in str(note.render())
        await pilot.press("1")
        await settle(pilot)
        held.pop()()  # the first pause in the typing
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "draws, seed" in str(note.render())
        lead = [str(cell) for cell in screen.query_one("#lead-table").get_row_at(0)]
        assert "%" in lead[1], lead  # the chance of leading, not "–"


async def test_tables_filled_while_hidden_are_not_shown_once_older(hts_app, monkeypatch):
    """Filled while hidden, then a rating, then the tab at once (before the next pause): no
    frame shows the figures filled before the rating."""
    from textual.screen import Screen

    frames: list[list[str]] = []
    draw = Screen._compositor_refresh

    def drawn(self):
        if isinstance(self, CaseScreen) and self.query_one(TabbedContent).active == "scores":
            table = self.query_one("#scores-table", DataTable)
            frames.append([str(c) for c in table.get_row_at(0)] if table.row_count else [])
        return draw(self)

    async with hts_app.run_test(size=(120, 36)) as pilot:
        await past_a_pause(pilot)
        older = _first_row(hts_app.screen)  # filled, hidden
        monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
        await pilot.press("I")
        await pilot.press("4")
        await settle(pilot)
        newer = _first_row(hts_app.screen)
    assert newer != older and frames and frames[-1] == newer
    assert older not in frames, frames
