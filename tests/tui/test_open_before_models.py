"""`claimmap open CASE` paints the matrix from the case's shell (store/case_shell.py) and
loads the document models (pydantic) only after that: on a small case as soon as it is
painted, on a big one at the first pause in the typing. What must hold: the matrix is on
screen before pydantic is imported (in a fresh interpreter), and on a big case takes a rating
key before it too; the models are then built from the rows already read; and a stored value
that only their validation rejects is said, and the case left, whether the damage is found
as the models are built or by a tab that needs them before that."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from helpers.tui import HTS, fresh_run, settle, until
from textual.pilot import Pilot

import claimmap.tui.case_state as case_state
from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.screens.case_list import CaseListScreen
from claimmap.tui.widgets.matrix_table import MatrixTable

SCRIPT = """
import asyncio, json, sys
from functools import partial
from claimmap.cli.tui_commands import first_reader
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import MatrixTable

path, case, evidence, hypothesis, size = sys.argv[1:6]
seen = {}
if size == "big":  # HTS handled as a case too big to build its models at once
    import claimmap.tui.case_state
    claimmap.tui.case_state.CHEAP_REPORT_CELLS = 0

real_rebuild = MatrixTable.rebuild

def rebuild(table, *args, **kwargs):  # what is loaded as the matrix gets its rows
    real_rebuild(table, *args, **kwargs)
    if table.row_count and "models_at_paint" not in seen:
        seen["models_at_paint"] = "claimmap.model.document" in sys.modules
        seen["pydantic_at_paint"] = "pydantic" in sys.modules

MatrixTable.rebuild = rebuild

def _rows(screen):
    tables = screen.query(MatrixTable)
    return tables.first().row_count if tables else 0

def opener():
    from claimmap.store.case_store import Store
    return Store.open(path, who="tester")

reader = partial(first_reader, path, "tester", False)
app = ClaimmapApp(opener, case, reader=reader)

async def main():
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(2000):  # until the matrix has its rows, looking every 5 ms
            screen = app.screen
            if isinstance(screen, CaseScreen) and _rows(screen):
                break
            await pilot.pause(0.005)
        seen["rows_shown"] = screen.query_one(MatrixTable).row_count
        await pilot.press("I")  # the cursor is on the first cell
        state = screen.state
        seen["rated"] = state.cell(evidence, hypothesis).rating.value
        seen["models_after_key"] = "pydantic" in sys.modules
        for _ in range(400):  # the models built, and the key saved through the store
            if state.document_ready() and app._store is not None and screen.queue.idle:
                break
            await pilot.pause(0.02)
        seen["models_built"] = state.document_ready()
        doc = state.doc
        seen["doc_matches_shell"] = [
            (e.id, e.summary, e.source, e.date, e.tags) for e in doc.evidence
        ] == [(e.id, e.summary, e.source, e.date, list(e.tags)) for e in state.shown.evidence]
        await app.workers.wait_for_complete()
        app._store.close()
    print(json.dumps(seen))

asyncio.run(main())
"""


def _hts_file(tmp_path: Path) -> tuple[str, int]:
    path = str(tmp_path / "open.db")
    store = Store.open(path, who="tester")
    try:
        case = store.import_document(read_case_file(HTS))
    finally:
        store.close()
    return path, case.id


@pytest.mark.parametrize("size", ["small", "big"])
def test_the_matrix_is_shown_before_pydantic_is_imported(tmp_path, size):
    path, case_id = _hts_file(tmp_path)
    doc = read_case_file(HTS)
    evidence, hypothesis = doc.evidence[0].id, doc.hypotheses[0].id
    before = doc.evidence[0].ratings[hypothesis].rating.value
    assert before != "II"  # so that the key changes the cell
    seen = fresh_run(SCRIPT, path, str(case_id), evidence, hypothesis, size)
    after_key = seen.pop("models_after_key")
    assert seen == {
        "rows_shown": 18,
        "models_at_paint": False,
        "pydantic_at_paint": False,
        "rated": "II",
        "models_built": True,
        "doc_matches_shell": True,
    }
    if size == "big":  # the key came before the pause, and before the models
        assert after_key is False
    store = Store.open(path)
    try:
        stored = store.export_document(case_id).evidence[0].ratings[hypothesis]
    finally:
        store.close()
    assert stored.rating.value == "II"  # the key before the models was saved all the same


@asynccontextmanager
async def _damaged(tmp_path: Path) -> AsyncIterator[tuple[ClaimmapApp, Pilot[None]]]:
    """The app on HTS with a date that the shell shows as stored but the document's
    validation refuses, as if another program had written it."""
    path = tmp_path / "damaged.db"
    store = Store.open(str(path))
    case = store.import_document(read_case_file(HTS))
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE evidence SET date = 'last spring' WHERE key = 'E1'")
    store = Store.open(str(path))
    app = ClaimmapApp(store, case.id)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            yield app, pilot
    finally:
        store.close()


def _painted_before_the_models(monkeypatch) -> list[bool]:
    """For each time the matrix gets rows: whether the case's models were still to be built."""
    seen: list[bool] = []
    real = MatrixTable.rebuild

    def rebuild(table, state, *args, **kwargs):
        real(table, state, *args, **kwargs)
        if table.row_count:
            seen.append(not state.document_ready())

    monkeypatch.setattr(MatrixTable, "rebuild", rebuild)
    return seen


def _said(app: ClaimmapApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_damage_found_as_the_models_are_built_is_said_and_the_case_left(
    tmp_path, monkeypatch
):
    painted = _painted_before_the_models(monkeypatch)
    async with _damaged(tmp_path) as (app, pilot):
        await until(pilot, lambda: isinstance(app.screen, CaseListScreen), 0.02)
        await settle(pilot)
        assert painted[:1] == [True]  # from the shell, the damage unseen yet
        assert isinstance(app.screen, CaseListScreen)
        said = _said(app)
        assert any("holds a value claimmap cannot read" in s and "db check" in s for s in said)
        assert app.is_running


async def test_a_tab_that_needs_the_models_finds_the_damage_at_once(tmp_path, monkeypatch):
    """A big case builds its models at the first pause; the Items tab, asked for before it,
    builds them itself and finds the damage."""
    monkeypatch.setattr(case_state, "CHEAP_REPORT_CELLS", 0)  # HTS handled as a big case
    built_in: list[str] = []
    real = Store.document_from

    def document_from(self, rows):
        built_in.append(threading.current_thread().name)
        return real(self, rows)

    monkeypatch.setattr(Store, "document_from", document_from)
    painted = _painted_before_the_models(monkeypatch)
    async with _damaged(tmp_path) as (app, pilot):
        await until(pilot, lambda: painted)
        assert painted == [True] and built_in == []
        await pilot.press("2")  # the Items tab shows the document: well before the pause
        await settle(pilot)
        assert built_in == [threading.main_thread().name]
        assert isinstance(app.screen, CaseListScreen)
        assert any("cannot read" in s for s in _said(app)), _said(app)


async def test_damage_found_under_a_dialog_closes_it_and_leaves_no_case_screen_behind(
    tmp_path, monkeypatch
):
    """The rationale dialog is open when the models are built at the pause (a big case)."""
    monkeypatch.setattr(case_state, "CHEAP_REPORT_CELLS", 0)
    painted = _painted_before_the_models(monkeypatch)
    async with _damaged(tmp_path) as (app, pilot):
        await until(pilot, lambda: painted)
        await pilot.press("r")  # the cell's rationale dialog
        assert type(app.screen).__name__ == "RationaleModal"
        # until the pause builds the models
        await until(pilot, lambda: isinstance(app.screen, CaseListScreen), 0.02)
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["Screen", "CaseListScreen"]
        said = _said(app)
        assert any("cannot read" in s and "dialog that was open" in s for s in said), said
