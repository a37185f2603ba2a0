"""User text is shown as text: Rich markup in it is never applied, and its control characters
(ESC sequences, carriage returns) never reach the terminal, on every screen and tab."""

from __future__ import annotations

import html
import json
import re

import pytest
from helpers.tui import settle
from textual.widgets import Input

from claimmap.formats.casefile_read import parse_case_text
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.modals.item_form import ItemFormModal
from tests.conftest import SMALL_CASE

EVIL = "[bold]BOLDTAG[/bold] [link=https://x.test]LINKTAG[/link] \x1b[31mESCTAG\x1b]0;t\x07\r"
# Every free-text field of the small case, as a double-quoted YAML scalar.
FIELDS = [
    ('title: "Who broke the vase? من كسر المزهرية؟"', "title: {q}"),
    ("question: Who broke the vase in the hall?", "question: {q}"),
    ("tags: [household]", "tags: [{q}]"),
    ("label: The cat, statement: The cat knocked it over.", "label: {q}, statement: {q}"),
    ("summary: Cat hair was found on the table.", "summary: {q}\n  notes: {q}"),
    ("title: Neighbour's account,", "title: {q}, author: {q}, notes: {q},"),
    ("statement: The vase was on the table.,", "statement: {q}, notes: {q},"),
    ("description: More hair on the shelf,", "description: {q}, notes: {q},"),
    (
        "{id: L1, kind: support, from: E1, to: H1}",
        "{id: L1, kind: support, from: E1, to: H1, notes: {q}}",
    ),
]


@pytest.fixture
def evil(tmp_path) -> tuple[Store, int]:
    text, q = SMALL_CASE, json.dumps(EVIL)
    for old, new in FIELDS:
        assert old in text
        text = text.replace(old, new.replace("{q}", q), 1)
    store = Store.open(str(tmp_path / "evil.db"))
    case = store.import_document(parse_case_text(text))
    yield store, case.id
    store.close()


def _screen_text(app: ClaimmapApp) -> str:
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


def _shown_as_text(shown: str) -> None:
    assert "BOLDTAG" in shown or "LINKTAG" in shown or "ESCTAG" in shown
    # Markup applied would drop the tags and keep the words; cut text may lose both.
    assert shown.count("BOLDTAG") == shown.count("[bold]BOLDTAG")
    assert shown.count("LINKTAG") == shown.count("x.test]LINKTAG")
    assert not re.search(
        "[\x00-\x09\x0b-\x1f\x7f-\x9f]", shown
    )  # no control character drawn (the SVG has its own line breaks)


async def test_every_tab_shows_user_text_as_text(evil):
    store, case_id = evil
    before = store.export_document(case_id)
    app = ClaimmapApp(store, case_id)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        for tab in "12345":
            await pilot.press(tab)
            await settle(pilot)
            _shown_as_text(_screen_text(app))
    assert store.export_document(case_id) == before


async def test_the_case_list_and_an_edit_form_show_user_text_as_text(evil):
    store, case_id = evil
    before = store.export_document(case_id)
    app = ClaimmapApp(store, None)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        _shown_as_text(_screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ItemFormModal)
        _shown_as_text(_screen_text(app))
        await pilot.press("ctrl+s")  # saving the form unchanged keeps the text exactly
        await settle(pilot)
    after = store.export_document(case_id)
    assert after.evidence[0].model_dump() == before.evidence[0].model_dump()
    assert after.model_dump() == before.model_dump()


async def test_a_form_message_quoting_user_text_shows_it_as_typed(evil):
    store, case_id = evil
    app = ClaimmapApp(store, case_id)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemFormModal)
        form.query_one("#f-id", Input).value = "[bold]BOLDTAG[/bold]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        _shown_as_text(_screen_text(app))
        assert "'[bold]BOLDTAG[/bold]' is not a valid id" in _screen_text(app)
