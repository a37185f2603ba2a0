"""A TUI that never surprises: the matrix fits the terminal, Enter does what the button says,
Escape clears a filter before it leaves the case, exports ask before overwriting, a cited
source says why it cannot go, and undo on the case list stays within the selected case."""

from __future__ import annotations

from helpers.tui import HTS, settle
from textual import events
from textual.widgets import Checkbox, Input, Select, Static

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.modals.confirm import ConfirmModal
from claimmap.tui.modals.item_form import ItemFormModal
from claimmap.tui.modals.transfer import TransferModal
from claimmap.tui.screens.case_list import CaseListScreen
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import layout


def test_the_matrix_layout_keeps_three_columns_and_widens_cells_when_there_is_room():
    # 80 columns, 12 hypotheses: the text column shrinks, three or more cells still show
    text, cell = layout(80, 12)
    assert (80 - 1 - 5 - text - 1) // (cell + 1) >= 3
    # a wide terminal: the text column is comfortable and the cells grow to carry labels
    text, cell = layout(160, 5)
    assert text >= 60 and cell > 4
    assert layout(100, 5)[0] > layout(80, 5)[0]  # the text column grows with the terminal


async def test_the_matrix_uses_the_terminal_width(hts, hts_app):
    doc = read_case_file(HTS)
    async with hts_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = hts_app.screen.query_one("#matrix-table")
        assert len(table._visible_columns(table.size.width)) >= min(3, len(doc.hypotheses))
        narrow = table.text_width
        await pilot.resize_terminal(160, 36)
        await settle(pilot)
        assert table.text_width > narrow
        header = "".join(seg.text for seg in table.render_line(0))
        first = doc.hypotheses[0]
        assert f"{first.id} {first.label[:3]}" in header  # the header carries the label


async def test_keys_typed_with_the_slash_never_act_on_the_matrix(hts_app):
    """`/ab` arriving in one burst (a paste, a slow link): "a" and "b" are the matrix's keys
    for adding evidence and blind rating, and must not act once the filter box is asked for."""
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        for key, character in (("slash", "/"), ("a", "a"), ("b", "b")):
            event = events.Key(key, character)
            event.set_sender(hts_app)
            hts_app._driver.send_message(event)  # all three queued before any is handled
        await settle(pilot)
        assert hts_app.screen is screen  # no evidence form opened
        assert screen.blind_seed is None  # and blind rating not turned on
        assert isinstance(hts_app.focused, Input)  # the filter box has the keys


async def test_escape_clears_the_filter_before_it_leaves_the_case(hts, hts_app):
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"x", "enter")
        await settle(pilot)
        screen = hts_app.screen
        assert screen.query_one("#matrix-pane").filter_text == "x"
        await pilot.press("escape")
        await settle(pilot)
        assert hts_app.screen is screen  # still in the case
        assert screen.query_one("#matrix-pane").filter_text == ""
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(hts_app.screen, CaseListScreen)


async def test_enter_on_a_select_saves_the_form(hts, hts_app):
    store, case_id = hts
    before = len(store.export_document(case_id).sources)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        hts_app.screen.query_one("#collections").highlighted = 2  # sources
        await settle(pilot)
        hts_app.screen.query_one("#items-table").focus()
        await pilot.press("a")
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        form.query_one("#f-title", Input).value = "Enab Baladi"
        form.query_one("#f-kind", Select).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(hts_app.screen, ItemFormModal)
    assert len(store.export_document(case_id).sources) == before + 1


async def test_enter_on_the_replace_box_imports_and_keeps_it_ticked(hts, tmp_path):
    store, _ = hts
    app = ClaimmapApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, TransferModal)
        modal.query_one("#path", Input).value = str(HTS)
        box = modal.query_one("#replace", Checkbox)
        box.value = True
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert box.value is True
        assert isinstance(app.screen, CaseListScreen)  # imported over the stored case
    assert len(store.list_cases()) == 1


async def test_a_failed_import_keeps_what_was_typed_and_speaks_plainly(hts, tmp_path):
    store, _ = hts
    app = ClaimmapApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(HTS)
        await pilot.press("enter")  # the case is stored already, and replace is not ticked
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, TransferModal)  # asked again
        assert modal.query_one("#path", Input).value == str(HTS)
        said = str(modal.query_one("#transfer-error", Static).render())
        assert "replace a stored case" in said
        assert "--" not in said and "Error" not in said


async def test_export_asks_before_overwriting(hts, hts_app, tmp_path):
    target = tmp_path / "case.yaml"
    target.write_text("keep me", encoding="utf-8")
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        hts_app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(hts_app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(hts_app.screen, TransferModal)  # back, with the path still there
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert read_case_file(target).case.title == read_case_file(HTS).case.title


async def test_a_cited_source_says_why_it_cannot_be_deleted(hts, hts_app, monkeypatch):
    store, case_id = hts
    said: list[str] = []
    notify = hts_app.notify
    monkeypatch.setattr(hts_app, "notify", lambda m, **kw: (said.append(m), notify(m, **kw)))
    doc = store.export_document(case_id)
    cited = next(s.id for s in doc.sources if any(e.source == s.id for e in doc.evidence))
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = hts_app.screen
        screen.query_one("#collections").highlighted = 2
        await settle(pilot)
        table = screen.query_one("#items-table")
        table.focus()
        table.move_to([s.id for s in doc.sources].index(cited))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(hts_app.screen, CaseScreen)  # no confirmation for a refused delete
        assert any(f"{cited} cannot be deleted" in m for m in said)
    assert any(s.id == cited for s in store.export_document(case_id).sources)


async def test_undo_on_the_case_list_stays_within_the_selected_case(tmp_path):
    store = Store.open(str(tmp_path / "two.db"))
    first = store.create_case("First")
    second = store.create_case("Second")
    store.update_case(first.id, {"question": "Q1?"})
    store.update_case(second.id, {"question": "Q2?"})
    app = ClaimmapApp(store, offer_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        ids = [c.id for c in screen.cases]
        screen.query_one("#case-table").move_cursor(row=ids.index(first.id))
        await pilot.press("u")
        await settle(pilot)
        assert screen._current().id == first.id  # the cursor stayed on its case
        assert store.case_header(first.id).info.question == ""
        assert store.case_header(second.id).info.question == "Q2?"  # the later edit stands
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert store.case_header(first.id).info.question == "Q1?"
    store.close()


async def test_every_table_of_the_scores_tab_is_reachable_at_80x24(hts, hts_app):
    async with hts_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = hts_app.screen
        assert screen.focused is screen.query_one("#scores-table")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        diag = screen.query_one("#diag-table")
        assert screen.focused is diag
        # on screen: its region lies within the visible part of the scrolling pane
        pane = screen.query_one("#scores-pane")
        assert diag.region.overlaps(pane.region)
        assert diag.region.y < pane.region.bottom - 1
        await pilot.press("right_square_bracket")  # and round to the first again
        assert screen.focused is screen.query_one("#scores-table")


async def test_undo_in_a_new_case_never_removes_the_open_case(tmp_path):
    store = Store.open(str(tmp_path / "one.db"))
    case = store.create_case("Fresh")
    store.update_case(case.id, {"question": "Why?"})
    app = ClaimmapApp(store, case.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("u")  # undoes the question
        await settle(pilot)
        await pilot.press("u")  # would undo the creation: refused here
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    assert [c.id for c in store.list_cases()] == [case.id]
    assert store.case_header(case.id).info.question == ""
    store.close()


async def test_a_form_whose_save_fails_comes_back_with_what_was_typed(hts, hts_app, monkeypatch):
    from textual.widgets import TextArea

    from claimmap.store.engine import StoreError

    store, case_id = hts
    before = store.export_document(case_id)

    def refuse(*args, **kwargs):
        raise StoreError("the database is locked by another program")

    monkeypatch.setattr(store, "add_item", refuse)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        hts_app.screen.query_one("#f-summary", TextArea).text = "قال المتحدث إن الانسحاب كان مخططا"
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)  # back, not lost
        assert form.query_one("#f-summary", TextArea).text == "قال المتحدث إن الانسحاب كان مخططا"
        said = str(form.query_one("#form-errors", Static).render())
        assert said == "the database is locked by another program"
    assert store.export_document(case_id) == before


async def test_every_tab_of_an_empty_case_says_what_to_press(tmp_path):
    store = Store.open(str(tmp_path / "empty.db"))
    case = store.create_case("Nothing yet")
    app = ClaimmapApp(store, case.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "A adds the first hypothesis" in str(screen.query_one("#matrix-status").render())
        await pilot.press("2")
        await settle(pilot)
        assert "a adds the first one" in str(screen.query_one("#items-hint").render())
        await pilot.press("3")
        await settle(pilot)
        tree = screen.query_one("#map-tree")
        assert "A on the Matrix tab" in str(tree.root.children[0].label)
        await pilot.press("4")
        await settle(pilot)
        assert "Nothing to score yet" in str(screen.query_one("#scores-note").render())
    store.close()


async def test_the_case_list_keeps_its_cursor_when_one_comes_back(tmp_path):
    store = Store.open(str(tmp_path / "three.db"))
    for title in ("Alpha", "Beta", "Gamma"):
        store.create_case(title)
    app = ClaimmapApp(store, offer_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("j", "j")  # Gamma
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is screen
        assert screen._current().title == "Gamma"
    store.close()
