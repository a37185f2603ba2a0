"""Forms, deletion, the argument map, the case list, export, help and the command palette."""

from __future__ import annotations

from helpers.tui import HTS, settle
from textual.widgets import Input, Static, TextArea, Tree

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.argument_model import MapNode
from claimmap.tui.modals.confirm import ConfirmModal
from claimmap.tui.modals.help import HelpModal
from claimmap.tui.modals.item_form import ItemFormModal
from claimmap.tui.screens.case_list import CaseListScreen
from claimmap.tui.screens.case_screen import CaseScreen


async def test_invalid_evidence_shows_the_problem_and_saves_nothing(hts, hts_app):
    store, case_id = hts
    before = store.export_document(case_id)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        # the suggested id follows the case's numbering
        assert form.query_one("#f-id", Input).value == f"E{len(before.evidence) + 1}"
        assert form.focused is form.query_one("#f-summary")  # the first field to fill
        form.query_one("#f-summary", TextArea).text = "Rebels said the front had collapsed."
        form.query_one("#f-date", Input).value = "2018-13-45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert hts_app.screen is form  # still open
        errors = str(form.query_one("#form-errors", Static).render())
        assert errors.startswith("the date: '2018-13-45' is not a real date")
        assert form.focused is form.query_one("#f-date")  # the cursor goes to the problem
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(hts_app.screen, CaseScreen)
    assert store.export_document(case_id) == before


async def test_a_valid_form_adds_the_item_and_the_matrix_shows_it(hts, hts_app):
    store, case_id = hts
    doc = read_case_file(HTS)
    new_id = f"E{len(doc.evidence) + 1}"
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = hts_app.screen
        form.query_one("#f-summary", TextArea).text = "قال المتحدث إن الانسحاب كان مخططا له"
        form.query_one("#f-date", Input).value = "2018-02"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = hts_app.screen
        assert isinstance(screen, CaseScreen)
        assert new_id in screen.state.evidence_index
    stored = store.export_document(case_id)
    added = next(ev for ev in stored.evidence if ev.id == new_id)
    assert added.summary == "قال المتحدث إن الانسحاب كان مخططا له"
    assert str(added.date) == "2018-02"


async def test_delete_asks_first_and_undo_brings_it_back(hts, hts_app):
    store, case_id = hts
    before = store.export_document(case_id)
    first = before.evidence[0].id
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(hts_app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert any(ev.id == first for ev in store.export_document(case_id).evidence)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert all(ev.id != first for ev in store.export_document(case_id).evidence)
        assert first not in hts_app.screen.state.evidence_index
        await pilot.press("u")
        await settle(pilot)
        assert store.export_document(case_id) == before  # ratings, links and all
        assert first in hts_app.screen.state.evidence_index


def _children(tree: Tree, hypothesis: str) -> dict[str, MapNode]:
    node = next(n for n in tree.root.children if n.data.id == hypothesis)
    return {c.data.id: c.data for c in node.children}


async def test_the_argument_map_follows_a_new_rating(hts, hts_app):
    doc = read_case_file(HTS)
    # an item the sample rates N against H1 is not on H1's branch; rating it CC puts it there
    evidence = next(ev.id for ev in doc.evidence if ev.ratings["H1"].rating.value == "N")
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        tree = hts_app.screen.query_one(Tree)
        assert evidence not in _children(tree, "H1")
        await pilot.press("1")
        table = hts_app.screen.query_one("#matrix-table")
        table.go_to(evidence, "H1")
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        node = _children(hts_app.screen.query_one(Tree), "H1")[evidence]
        assert node.relation == "support" and node.rating == "CC"
        assert 0.0 <= node.strength <= 1.0


async def test_a_link_added_from_the_map_is_saved(hts, hts_app):
    store, case_id = hts
    doc = read_case_file(HTS)
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        tree = hts_app.screen.query_one(Tree)
        tree.move_cursor(tree.root.children[1])  # the second hypothesis
        await pilot.press("minus")  # attack link
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
    links = store.export_document(case_id).links
    assert len(links) == len(doc.links) + 1
    added = links[-1]
    assert added.kind.value == "attack" and added.to == doc.hypotheses[1].id


async def test_an_empty_database_offers_the_samples(tmp_path):
    store = Store.open(str(tmp_path / "empty.db"))
    app = ClaimmapApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        slugs = {c.slug for c in store.list_cases()}
        assert "hts-idlib-2018" in slugs and len(slugs) >= 3
        assert app.screen.query_one("#case-table").row_count == len(slugs)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    store.close()


async def test_export_from_the_interface_writes_a_case_file(hts, hts_app, tmp_path):
    target = tmp_path / "out" / "case.json"
    target.parent.mkdir()
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        modal = hts_app.screen
        modal.query_one("#format").value = "json"
        modal.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    exported = read_case_file(target)
    assert exported.case.title == read_case_file(HTS).case.title  # RTL title intact


async def test_help_and_palette_come_from_the_same_bindings(hts_app):
    async with hts_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = hts_app.screen
        titles = {c.title for c in hts_app.get_system_commands(screen)}
        for action in ("CC", "II", "NA", "Clear", "Transpose", "Sort", "Filter", "Undo", "Redo"):
            assert action in titles
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = hts_app.screen
        assert isinstance(help_screen, HelpModal)
        table = help_screen.query_one("#help-table")
        described = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"CC", "Transpose", "Undo", "Export", "Judgement", "Case details"} <= described
        # grouped by task, in this order, each action under its own heading
        task, under = "", {}
        for i in range(table.row_count):
            key, action = (str(cell) for cell in table.get_row_at(i)[:2])
            if not action:
                task = key
            else:
                under.setdefault(action, task)
        headings = [
            str(table.get_row_at(i)[0])
            for i in range(table.row_count)
            if not str(table.get_row_at(i)[1])
        ]
        others = [a for a, t in under.items() if t == "Other"]
        assert headings == ["Navigate", "Rate", "Edit", "View", "Files"], others
        assert (under["CC"], under["Transpose"], under["Undo"], under["Export"]) == (
            "Rate",
            "View",
            "Edit",
            "Files",
        )
        # m and 5 no longer share a name
        assert under["Score by"] == "View" and "Method" not in under
        await pilot.press("escape")
        await settle(pilot)
        assert hts_app.screen is screen
