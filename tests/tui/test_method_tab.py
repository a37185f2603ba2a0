"""The Method tab on the HTS case: each teaching view, ticking guided-ACH checks (saved and
undoable), jumping to where a step is done, quality flags changing the weights shown, editing
from the views, and blind rating hiding what would give the ranking away."""

from __future__ import annotations

from helpers.tui import HTS, settle
from textual.widgets import ContentSwitcher, DataTable, Input, Select, Static, TabbedContent

from claimmap.formats.casefile_read import read_case_file
from claimmap.model.enums import ReviewCheck
from claimmap.scoring.weights import flag_factor
from claimmap.teaching.assumptions import key_assumptions
from claimmap.teaching.devils_advocate import devils_advocacy
from claimmap.teaching.guided import guided_steps, progress
from claimmap.teaching.quality import quality_check
from claimmap.tui.modals.item_form import ItemFormModal
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.items_pane import ItemsPane
from claimmap.tui.widgets.matrix_table import MatrixTable
from claimmap.tui.widgets.method_pane import VIEWS, MethodPane
from claimmap.tui.widgets.teaching.guided_view import ChecklistList


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def _check(doc, check_id: str):
    return next(c for s in guided_steps(doc) for c in s.checks if c.id == check_id)


async def _open_method(pilot, view: str = "guide") -> MethodPane:
    await pilot.press("5")
    await settle(pilot)
    pane = pilot.app.screen.query_one(MethodPane)
    keys = [key for key, _, _ in VIEWS]
    for _ in range((keys.index(view) - keys.index(pane.view)) % len(keys)):
        await pilot.press("right_square_bracket")
    await settle(pilot)
    assert pane.view == view
    return pane


async def _highlight(pilot, option_id: str) -> None:
    checks = pilot.app.screen.query_one(ChecklistList)
    checks.highlighted = checks.get_option_index(option_id)
    await settle(pilot)


async def test_the_method_tab_shows_each_view(hts_app):
    doc = read_case_file(HTS)
    done, total = progress(guided_steps(doc))
    assumptions = key_assumptions(doc)
    leader = devils_advocacy(doc)[0]
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        pane = await _open_method(pilot)
        screen = hts_app.screen
        assert screen.query_one(TabbedContent).active == "method"
        assert isinstance(hts_app.focused, ChecklistList)  # keys work at once
        assert f"overall {done}/{total} checks" in _text(screen, "#guide-progress")
        options = screen.query_one(ChecklistList)
        steps = guided_steps(doc)
        assert options.option_count >= sum(1 + s.total for s in steps)

        await pilot.press("right_square_bracket")
        await settle(pilot)
        kac = screen.query_one("#kac-table", DataTable)
        assert screen.query_one("#method-switcher", ContentSwitcher).current == "method-assumptions"
        assert kac.row_count == len(assumptions)
        assert str(kac.get_row_at(0)[1]) == assumptions[0].id  # weakest first
        detail = _text(screen, "#kac-detail")
        assert assumptions[0].statement.split()[0] in detail
        assert assumptions[0].questions[0] in detail

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.query_one("#qoi-table", DataTable).row_count == len(doc.evidence)

        await pilot.press("right_square_bracket")
        await settle(pilot)
        table = screen.query_one("#ind-table", DataTable)
        assert table.row_count == len(doc.hypotheses) + len(doc.indicators)

        await pilot.press("right_square_bracket")
        await settle(pilot)
        advocacy = _text(screen, "#advocacy-text")
        assert f"The case against {leader.hypothesis} {leader.label}" in advocacy
        assert f"{leader.margin:.2f}" in advocacy
        assert all(a.id in advocacy for a in leader.assumptions)
        assert leader.questions[0] in advocacy

        await pilot.press("right_square_bracket")
        await settle(pilot)
        notes = _text(screen, "#notes-text")
        assert doc.teaching is not None
        assert " ".join(doc.teaching.learning_goals[0].split()[:6]) in notes
        assert " ".join(doc.teaching.discussion_questions[-1].split()[:6]) in notes
        assert pane.view == "notes"


async def test_ticking_a_check_is_saved_and_undo_removes_it(hts, hts_app):
    store, case_id = hts
    doc = read_case_file(HTS)
    assert "across_rows" not in doc.reviewed
    linchpin = _check(doc, "sensitivity.linchpins").outstanding[0]
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await _open_method(pilot)
        await _highlight(pilot, "check:matrix.across_rows")
        await pilot.press("space")
        await settle(pilot)
        assert "across_rows" in store.export_document(case_id).reviewed
        checks = hts_app.screen.query_one(ChecklistList)
        line = checks.get_option("check:matrix.across_rows").prompt
        assert "✓" in str(line)
        # a per-item check is ticked one evidence item at a time
        await _highlight(pilot, f"item:sensitivity.linchpins:{linchpin}")
        await pilot.press("space")
        await settle(pilot)
        mark = f"{ReviewCheck.LINCHPIN.value}:{linchpin}"
        assert mark in store.export_document(case_id).reviewed
        await pilot.press("u")
        await settle(pilot)
        assert mark not in store.export_document(case_id).reviewed
        await pilot.press("u")
        await settle(pilot)
        assert "across_rows" not in store.export_document(case_id).reviewed
        line = hts_app.screen.query_one(ChecklistList).get_option("check:matrix.across_rows")
        assert "✗" in str(line.prompt)


async def test_a_computed_check_cannot_be_ticked(hts, hts_app):
    store, case_id = hts
    before = store.export_document(case_id)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await _open_method(pilot)
        await _highlight(pilot, "check:matrix.complete")
        await pilot.press("space")
        await settle(pilot)
    assert store.export_document(case_id) == before


async def test_enter_goes_where_the_step_is_done(hts_app):
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await _open_method(pilot)
        await _highlight(pilot, "check:matrix.across_rows")
        await pilot.press("enter")
        await settle(pilot)
        screen = hts_app.screen
        assert screen.query_one(TabbedContent).active == "matrix"
        assert isinstance(hts_app.focused, MatrixTable)

        pane = await _open_method(pilot)
        await _highlight(pilot, "check:evidence.sourced")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "items"
        assert screen.query_one(ItemsPane).collection == "evidence"

        await _open_method(pilot)
        await _highlight(pilot, "check:sensitivity.assumptions")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "method"
        assert pane.view == "assumptions"
        assert hts_app.focused is screen.query_one("#kac-table")

        pane.show_view("guide", focus=True)
        await settle(pilot)
        await _highlight(pilot, "check:conclusions.disprove")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "scores"


async def test_enter_on_a_linchpin_goes_to_its_row(hts_app):
    doc = read_case_file(HTS)
    linchpin = _check(doc, "sensitivity.linchpins").outstanding[0]
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await _open_method(pilot)
        await _highlight(pilot, f"item:sensitivity.linchpins:{linchpin}")
        await pilot.press("enter")
        await settle(pilot)
        table = hts_app.screen.query_one(MatrixTable)
        assert hts_app.screen.query_one(TabbedContent).active == "matrix"
        assert table.current()[0] == linchpin


async def test_flags_set_in_the_quality_view_change_the_weight(hts, hts_app):
    store, case_id = hts
    doc = read_case_file(HTS)
    row = next(r for r in quality_check(doc) if not r.flags)
    after = row.weight_before_flags * flag_factor(["partisan"])
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await _open_method(pilot, "quality")
        table = hts_app.screen.query_one("#qoi-table", DataTable)
        table.move_cursor(row=table.get_row_index(row.evidence))
        await settle(pilot)
        weight = str(table.get_row(row.evidence)[-2])
        assert weight == f"{row.weight_before_flags:.2f} → {row.weight:.2f}"
        await pilot.press("e")
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        assert form.query_one("#f-flags", Input).value == ""
        form.query_one("#f-flags", Input).value = "biased"  # not a flag: the form says so
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert hts_app.screen is form
        assert "flags" in str(form.query_one("#form-errors", Static).render())
        form.query_one("#f-flags", Input).value = "partisan"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(hts_app.screen, CaseScreen)
        table = hts_app.screen.query_one("#qoi-table", DataTable)
        weight = str(table.get_row(row.evidence)[-2])
        assert weight == f"{row.weight_before_flags:.2f} → {after:.2f}"
        assert "partisan" in str(table.get_row(row.evidence)[-3])
    stored = next(ev for ev in store.export_document(case_id).evidence if ev.id == row.evidence)
    assert [f.value for f in stored.flags] == ["partisan"]


async def test_an_indicator_status_is_changed_from_the_indicators_view(hts, hts_app):
    store, case_id = hts
    doc = read_case_file(HTS)
    indicator = next(i for i in doc.indicators if i.status.value == "not_seen")
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await _open_method(pilot, "indicators")
        table = hts_app.screen.query_one("#ind-table", DataTable)
        table.move_cursor(row=table.get_row_index(indicator.id))
        await pilot.press("e")
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        form.query_one("#f-status", Select).value = "observed"
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = hts_app.screen.query_one("#ind-table", DataTable)
        assert str(table.get_row(indicator.id)[2]) == "observed"
        # `a` on a hypothesis's row offers a new indicator for that hypothesis
        table.move_cursor(row=table.get_row_index(f"hyp:{doc.hypotheses[-1].id}"))
        await pilot.press("a")
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        assert form.query_one("#f-hypothesis", Select).value == doc.hypotheses[-1].id
        await pilot.press("escape")
        await settle(pilot)
    stored = next(i for i in store.export_document(case_id).indicators if i.id == indicator.id)
    assert stored.status.value == "observed"


async def test_the_assumptions_view_edits_and_adds(hts_app):
    doc = read_case_file(HTS)
    first = key_assumptions(doc)[0]
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await _open_method(pilot, "assumptions")
        await pilot.press("e")
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        assert form.collection == "assumptions" and form.item.id == first.id
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        assert form.collection == "assumptions" and form.item is None
        await pilot.press("escape")


async def test_blind_rating_hides_the_leader(hts_app):
    doc = read_case_file(HTS)
    leader = devils_advocacy(doc)[0]
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await _open_method(pilot)
        screen = hts_app.screen
        line = screen.query_one(ChecklistList).get_option("check:conclusions.leader").prompt
        assert "hidden while rating blind" in str(line)
        await _highlight(pilot, "check:conclusions.disprove")
        await pilot.press("enter")  # its work is on the Scores tab, shut while blind
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "method"
        await _open_method(pilot, "advocacy")
        advocacy = _text(screen, "#advocacy-text")
        assert "hidden while rating blind" in advocacy
        assert leader.label not in advocacy
        await pilot.press("b")
        await settle(pilot)
        assert leader.label in _text(screen, "#advocacy-text")
