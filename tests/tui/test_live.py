"""Live updates: a colleague works on the same database (a second Store, or a second process)
while the TUI has the case open. Every wait polls with a generous limit; nothing is timed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.tui import HTS, settle
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.modals.case_form import CaseFormModal
from claimmap.tui.modals.item_form import ItemFormModal
from claimmap.tui.screens.case_list import CaseListScreen
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import MatrixTable

LIMIT = 200  # pauses of 0.05 s: ten seconds, far beyond the two the watcher needs


@pytest.fixture
def team(db: str) -> Iterator[tuple[Store, Store, int]]:
    """The TUI's store and a colleague's, on one database with the HTS case."""
    mine, colleague = Store.open(db), Store.open(db)
    case = mine.import_document(read_case_file(HTS))
    yield mine, colleague, case.id
    mine.close()
    colleague.close()


async def until(pilot: Pilot[None], what: str, check: Callable[[], object]) -> None:
    for _ in range(LIMIT):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def other_rating(current: str | None) -> str:
    return "II" if current != "II" else "CC"


def row_text(table: MatrixTable, evidence: str) -> str:
    return table.render_line(table.rows.index(evidence) + 1).text


async def test_a_colleagues_rating_appears_and_the_cursor_stays(team):
    mine, colleague, case_id = team
    doc = read_case_file(HTS)
    app = ClaimmapApp(mine, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        await pilot.press("j", "l")  # somewhere other than where the reload would put it
        table = screen.query_one(MatrixTable)
        here = table.current()
        evidence, hypothesis = doc.evidence[3].id, doc.hypotheses[2].id
        old = screen.state.cell(evidence, hypothesis)
        new = other_rating(old.rating.value if old else None)
        loads = screen.loads.ask()  # the number the next load would get
        before = row_text(table, evidence)
        colleague.rate(case_id, evidence, hypothesis, new, "from the colleague")

        def shown() -> bool:
            cell = screen.state.cell(evidence, hypothesis)
            return cell is not None and cell.rating.value == new

        await until(pilot, "the colleague's rating in the open case", shown)
        await pilot.pause()
        assert row_text(table, evidence) != before  # the row was repainted
        assert table.current() == here
        assert screen.loads.ask() == loads + 1  # applied in place: no load in between
        assert screen.state.cell(evidence, hypothesis).rationale == "from the colleague"


async def test_own_ratings_are_not_applied_twice(team):
    mine, _, case_id = team
    app = ClaimmapApp(mine, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        evidence, hypothesis = screen.query_one(MatrixTable).current()
        await pilot.press("C", "i")  # CC then I: a replay of the CC entry would flip it back
        await settle(pilot)
        for _ in range(20):  # several watch ticks
            await pilot.pause(0.05)
            assert screen.state.cell(evidence, hypothesis).rating.value == "I"
    assert mine.written  # the store knows which entries were its own


async def test_a_colleagues_edit_while_a_form_is_open_is_not_overwritten(team):
    mine, colleague, case_id = team
    app = ClaimmapApp(mine, case_id)
    key = read_case_file(HTS).evidence[1].id
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_form("evidence", key)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemFormModal)
        form.query_one("#f-summary", TextArea).text = "What I typed."
        colleague.update_item(case_id, key, {"summary": "What the colleague wrote."})
        await until(
            pilot,
            "the edit reaching the screen",
            lambda: (
                screen.seen > 0
                and any(
                    ev.summary == "What the colleague wrote." for ev in screen.state.doc.evidence
                )
            ),
        )
        assert app.screen is form  # the reload left the form and its text alone
        assert form.query_one("#f-summary", TextArea).text == "What I typed."
        await pilot.press("ctrl+s")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, ItemFormModal) and again is not form
        said = str(again.query_one("#form-errors").render())
        assert f"{key} was changed by tester" in said
        assert again.query_one("#f-summary", TextArea).text == "What I typed."
        stored = next(ev for ev in mine.export_document(case_id).evidence if ev.id == key)
        assert stored.summary == "What the colleague wrote."
        await pilot.press("ctrl+s")  # saving again, having been told, overwrites
        await settle(pilot)
    stored = next(ev for ev in mine.export_document(case_id).evidence if ev.id == key)
    assert stored.summary == "What I typed."


async def test_an_item_deleted_under_an_open_form(team):
    mine, colleague, case_id = team
    app = ClaimmapApp(mine, case_id)
    key = read_case_file(HTS).evidence[-1].id
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_form("evidence", key)
        await settle(pilot)
        form = app.screen
        form.query_one("#f-summary", TextArea).text = "Kept, whatever happens."
        colleague.delete_item(case_id, key)
        said = lambda: str(form.query_one("#form-errors").render())  # noqa: E731
        await until(pilot, "the form saying the item went", lambda: "was deleted by" in said())
        assert f"{key} was deleted by tester" in said()
        gone = lambda: key not in screen.state.evidence_index  # noqa: E731
        await until(pilot, "the lists losing it too (reloaded)", gone)
        await pilot.press("ctrl+s")
        await settle(pilot)
        offer = app.screen
        assert isinstance(offer, ItemFormModal) and offer.item is None  # now adding it
        assert offer.query_one("#f-summary", TextArea).text == "Kept, whatever happens."
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = next(ev for ev in mine.export_document(case_id).evidence if ev.id == key)
    assert stored.summary == "Kept, whatever happens."


async def test_a_case_deleted_while_open_goes_back_to_the_list_in_words(team):
    mine, colleague, case_id = team
    app = ClaimmapApp(mine)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        colleague.delete_case(case_id)
        await until(pilot, "the case list", lambda: isinstance(app.screen, CaseListScreen))
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("This case was deleted by tester at ") for m in messages)
        await pilot.press("j")  # keys go on working: no traceback
        await settle(pilot)
        assert app.screen.cases == []  # the list no longer shows it


async def test_opening_a_case_deleted_since_it_was_listed(team):
    mine, colleague, case_id = team
    app = ClaimmapApp(mine)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        listing = app.screen
        assert isinstance(listing, CaseListScreen)
        listing.watch_timer.pause()  # as if the list had not caught up yet
        colleague.delete_case(case_id)
        await pilot.press("enter")
        await until(pilot, "back on the case list", lambda: app.screen is listing)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("This case was deleted by tester" in m for m in messages)
        assert listing.cases == []


async def test_the_case_list_follows_cases_made_elsewhere(team):
    mine, colleague, _ = team
    app = ClaimmapApp(mine)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        listing = app.screen
        assert len(listing.cases) == 1
        colleague.create_case("Made in another window")
        await until(pilot, "the new case listed", lambda: len(listing.cases) == 2)


async def test_a_title_changed_by_an_import_updates_the_header(team):
    mine, colleague, case_id = team
    app = ClaimmapApp(mine, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        doc = read_case_file(HTS)
        renamed = doc.model_copy(update={"case": doc.case.model_copy(update={"title": "Renamed"})})
        colleague.import_document(renamed, replace=True)
        await until(pilot, "the new title", lambda: screen.title == "Renamed")


async def test_a_rating_from_the_command_line_appears_on_screen(team, db):
    """Two real processes: `claimmap rate` runs while the TUI is open under Pilot."""
    mine, _, case_id = team
    doc = read_case_file(HTS)
    evidence, hypothesis = doc.evidence[0].id, doc.hypotheses[1].id
    new = other_rating(doc.evidence[0].ratings.get(hypothesis) and "x")
    app = ClaimmapApp(mine, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(MatrixTable)
        before = row_text(table, evidence)
        claimmap = Path(sys.executable).with_name("claimmap")
        done = subprocess.run(
            [str(claimmap), "--db", db, "rate", str(case_id), evidence, hypothesis, new],
            capture_output=True,
            text=True,
            env={**os.environ},
            timeout=60,
        )
        assert done.returncode == 0, done.stderr

        def on_screen() -> bool:
            cell = screen.state.cell(evidence, hypothesis)
            return cell is not None and cell.rating.value == new

        await until(pilot, "the CLI's rating in the TUI", on_screen)
        await pilot.pause()
        assert row_text(table, evidence) != before


async def test_case_details_changed_underneath_are_not_overwritten(team):
    mine, colleague, case_id = team
    app = ClaimmapApp(mine, case_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CaseFormModal)
        form.query_one("#c-question", Input).value = "My question?"
        colleague.update_case(case_id, {"question": "Their question?"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, CaseFormModal) and again is not form
        assert "The case was changed by tester" in str(again.query_one("#form-errors").render())
        assert again.query_one("#c-question", Input).value == "My question?"
        assert mine.case_header(case_id).info.question == "Their question?"
        await pilot.press("ctrl+s")  # told, and saved again: now it is mine
        await settle(pilot)
    assert mine.case_header(case_id).info.question == "My question?"
