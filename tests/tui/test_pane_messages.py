"""Panes talk to their screen by message ("attributes down, messages up"): they import no
screen, and what they ask for is seen as messages, with or without the case screen."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers.tui import HTS, settle
from textual.app import App, ComposeResult
from textual.message import Message

from claimmap.formats.casefile_read import read_case_file
from claimmap.tui.case_state import CaseState
from claimmap.tui.messages import DeleteRequested, FormRequested
from claimmap.tui.widgets.items_pane import ItemsPane
from claimmap.tui.widgets.matrix_pane import MatrixPane

WIDGETS = Path(__file__).resolve().parents[2] / "claimmap" / "tui" / "widgets"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_pane_imports_a_screen():
    offenders = {
        str(path.relative_to(WIDGETS)): sorted(m for m in imported_modules(path) if ".screens" in m)
        for path in WIDGETS.rglob("*.py")
    }
    offenders = {name: mods for name, mods in offenders.items() if mods}
    assert offenders == {}
    # the check itself can fail: the case screen does import screens
    assert "claimmap.tui.screens.live_case" in imported_modules(
        WIDGETS.parent / "screens" / "case_screen.py"
    )


class PaneAlone(App[None]):
    """One pane with no case screen around it: whatever it asks for is a message."""

    def __init__(self, pane: ItemsPane | MatrixPane) -> None:
        super().__init__()
        self.pane = pane

    def compose(self) -> ComposeResult:
        yield self.pane


def capture() -> tuple[list[Message], object]:
    seen: list[Message] = []

    def hook(message: Message) -> None:
        # a message is seen once by every node it bubbles through: keep it once
        if isinstance(message, FormRequested | DeleteRequested) and all(
            message is not m for m in seen
        ):
            seen.append(message)

    return seen, hook


async def test_the_items_pane_asks_for_forms_and_deletes_of_the_row_it_shows():
    doc = read_case_file(HTS)
    pane = ItemsPane()
    seen, hook = capture()
    app = PaneAlone(pane)
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        pane.rebuild(CaseState(1, doc))
        await pilot.pause()
        pane.query_one("#items-table").focus()
        await pilot.press("j", "d", "a", "e")
        await pilot.pause()
    second = doc.evidence[1].id
    assert [(type(m).__name__, getattr(m, "collection", None), m.key) for m in seen] == [
        ("DeleteRequested", None, second),
        ("FormRequested", "evidence", None),
        ("FormRequested", "evidence", second),
    ]


async def test_the_items_pane_never_acts_on_a_row_of_a_list_it_no_longer_shows():
    doc = read_case_file(HTS)
    pane = ItemsPane()
    seen, hook = capture()
    async with PaneAlone(pane).run_test(size=(120, 36), message_hook=hook) as pilot:
        for _ in range(3):  # let the list's first highlight (evidence) arrive
            await pilot.pause()
        pane.show_collection("sources")  # highlighted, but the case has not been given yet
        for _ in range(3):
            await pilot.pause()
        assert pane.collection == "sources"
        pane.query_one("#items-table").focus()
        await pilot.press("d")
        pane.rebuild(CaseState(1, doc))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
    assert [m.key for m in seen] == [doc.sources[0].id]


async def test_the_matrix_pane_asks_for_the_hypothesis_under_the_cursor():
    doc = read_case_file(HTS)
    pane = MatrixPane()
    seen, hook = capture()
    async with PaneAlone(pane).run_test(size=(120, 36), message_hook=hook) as pilot:
        pane.rebuild(CaseState(1, doc))
        await pilot.pause()
        pane.query_one("#matrix-table").focus()
        await pilot.press("l", "E", "D", "A")
        await pilot.pause()
    h2 = doc.hypotheses[1].id
    assert [(type(m).__name__, m.key) for m in seen] == [
        ("FormRequested", h2),
        ("DeleteRequested", h2),
        ("FormRequested", None),
    ]
    assert seen[-1].collection == "hypotheses"


async def test_the_case_screen_answers_a_pane_message_with_the_form(hts, hts_app):
    from claimmap.tui.modals.item_form import ItemFormModal

    seen, hook = capture()
    async with hts_app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        tree = hts_app.screen.query_one("#map-tree")
        tree.move_cursor(tree.root.children[0])  # the first hypothesis
        await pilot.press("plus")  # support link
        await settle(pilot)
        form = hts_app.screen
        assert isinstance(form, ItemFormModal)
        assert form.collection == "links"
    assert [(m.collection, m.preset) for m in seen] == [
        ("links", {"kind": "support", "to": read_case_file(HTS).hypotheses[0].id})
    ]
