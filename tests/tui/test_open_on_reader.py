"""`claimmap open CASE` on an up-to-date SQLite file shows the case through a bare sqlite3
reader and opens the Store (SQLAlchemy) only once the case is on screen. What must hold:
the case is shown before the store opens; a key pressed before it is open is saved all the
same; a colleague's commit that falls between the read and the store's opening is not
missed; the case is on screen before SQLAlchemy has been imported (in a fresh interpreter);
and a case the reader cannot find is left to the Store, which says what is wrong."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from helpers.tui import HTS, fresh_run, settle
from textual.pilot import Pilot

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.store.errors import StoreError
from claimmap.store.sqlite_editor import SqliteEditor
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import MatrixTable


def _hts_file(tmp_path: Path) -> tuple[str, int, str, str]:
    """A database file with the HTS case; its id, and the first cell's keys."""
    path = str(tmp_path / "reader.db")
    store = Store.open(path, who="tester")
    try:
        case = store.import_document(read_case_file(HTS))
    finally:
        store.close()
    doc = read_case_file(HTS)
    return path, case.id, doc.evidence[0].id, doc.hypotheses[0].id


class Opener:
    """The app's store opener, noting what the screen showed when it was called."""

    def __init__(self, path: str, before=None) -> None:
        self.path = path
        self.before = before  # run first, as if another program committed meanwhile
        self.app: ClaimmapApp | None = None
        self.case_shown_first: list[bool] = []
        self.stores: list[Store] = []

    def __call__(self) -> Store:
        assert self.app is not None
        screen = self.app.screen
        self.case_shown_first.append(
            isinstance(screen, CaseScreen)
            and screen.state is not None
            and screen.query_one(MatrixTable).row_count > 0
        )
        if self.before is not None:
            self.before()
        store = Store.open(self.path, who="tester")
        self.stores.append(store)
        return store

    def close(self) -> None:
        for store in self.stores:
            store.close()


@asynccontextmanager
async def _running(
    path: str, case: str, before=None
) -> AsyncIterator[tuple[ClaimmapApp, Pilot[None], Opener]]:
    """The app on `case` in the file `path`, shown through a bare reader (here an editor); its
    store opener runs `before` first. The stores it opened are closed afterwards."""
    opener = Opener(path, before)
    app = ClaimmapApp(opener, case, reader=lambda: SqliteEditor.open_as(path, "tester"))
    opener.app = app
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            yield app, pilot, opener
    finally:
        opener.close()


async def _store_opened(pilot: Pilot[None], app: ClaimmapApp) -> None:
    for _ in range(200):
        if app._store is not None:
            break
        await pilot.pause(0.02)
    await settle(pilot)


async def test_the_case_shows_before_the_store_opens_and_a_key_is_saved(tmp_path):
    path, case_id, evidence, hypothesis = _hts_file(tmp_path)
    async with _running(path, "hts-idlib-2018") as (app, pilot, opener):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert screen.case_id == case_id
        assert screen.query_one(MatrixTable).row_count == 18
        await pilot.press("n")  # E1 x H1 to N, maybe before the store is open
        await _store_opened(pilot, app)
        assert opener.case_shown_first == [True]  # opened once, after the case showed
        assert screen.watcher is not None  # following others' commits from then on
    store = Store.open(path)
    try:
        cell = store.export_document(case_id).evidence[0].ratings[hypothesis]
        assert cell.rating.value == "N"
        rated = [e.action for e in store.history(case_id) if e.action.startswith("rate")]
        assert rated == [f"rate {evidence} × {hypothesis}: C → N"]
    finally:
        store.close()


async def test_a_commit_between_the_read_and_the_store_is_not_missed(tmp_path):
    path, case_id, evidence, hypothesis = _hts_file(tmp_path)

    shown_then: list[str] = []

    def colleague_rates() -> None:  # after the reader's read, before the store opens
        state = app.screen.state
        shown_then.append(state.cell(evidence, hypothesis).rating.value)
        other = Store.open(path, who="colleague")
        try:
            analyst = other.export_document(case_id).analyst  # the one the matrix shows
            other.rate(case_id, evidence, hypothesis, "II", "from the colleague", analyst)
        finally:
            other.close()

    async with _running(path, str(case_id), before=colleague_rates) as (app, pilot, _):
        await _store_opened(pilot, app)
        assert shown_then == ["C"]  # as read, before the colleague's commit
        screen = app.screen
        assert isinstance(screen, CaseScreen) and screen.state is not None
        for _ in range(100):  # the watcher's catch-up fetch, then its message
            cell = screen.state.cell(evidence, hypothesis)
            if cell is not None and cell.rating.value == "II":
                break
            await pilot.pause(0.02)
        cell = screen.state.cell(evidence, hypothesis)
        assert cell is not None and cell.rating.value == "II"
        assert cell.rationale == "from the colleague"


async def test_a_store_that_fails_to_open_says_why_and_what_was_not_saved(tmp_path, capsys):
    """The case is on screen and a key rated a cell; then the store cannot be opened (a
    write lock held too long, say): the app closes with the reason and names the edit that
    was shown but could not be saved, with no traceback."""
    path, _, evidence, hypothesis = _hts_file(tmp_path)

    def fails() -> None:
        raise StoreError("the database is locked (another program is writing to it)")

    async with _running(path, "1", before=fails) as (app, pilot, _):
        await pilot.pause()
        await pilot.press("n")  # E1 x H1, before the store opens
        for _ in range(200):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == 1
    said = capsys.readouterr().err  # what the app printed as it closed
    assert "claimmap: the database is locked" in said
    assert said.rstrip().endswith(f"Not saved:\nrate {evidence} × {hypothesis}")
    assert "Traceback" not in said


async def test_keys_that_need_the_store_do_not_freeze_the_screen_while_it_opens(tmp_path):
    """`w` (whom to rate as) needs the store, as `H` and `q` do. Pressed while it is still
    opening (here: until the test says so), it waits for it without holding up the screen,
    then acts."""
    import threading

    path, _, _, _ = _hts_file(tmp_path)
    go = threading.Event()
    released: list[bool] = []

    def held() -> None:  # until the test lets it go
        released.append(go.wait(10))

    async with _running(path, "1", before=held) as (app, pilot, _):
        await pilot.pause()
        app.open_store()  # opening now, and held there
        await pilot.press("w")
        await pilot.pause(0.05)
        assert isinstance(app.screen, CaseScreen)  # the screen went on without it
        go.set()  # only reached if the screen did not wait for the store
        await _store_opened(pilot, app)
        assert released == [True]
        assert type(app.screen).__name__ == "AnalystModal"  # `w` acted once it opened


async def test_a_case_the_reader_cannot_find_is_left_to_the_store(tmp_path):
    path, _, _, _ = _hts_file(tmp_path)
    async with _running(path, "no-such-case") as (app, pilot, opener):
        await settle(pilot)
    assert app.return_code == 1
    assert opener.case_shown_first == [False]  # the Store was asked, and said why


SCRIPT = """
import asyncio, json, sys
from functools import partial
from claimmap.cli.tui_commands import first_reader
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.widgets.matrix_table import MatrixTable

path, case = sys.argv[1], sys.argv[2]
demo = case == "demo"
seen = {}

def opener():
    seen["rows_shown"] = app.screen.query_one(MatrixTable).row_count
    seen["sqlalchemy_loaded"] = "sqlalchemy" in sys.modules
    from claimmap.store.case_store import Store
    return Store.open(path, who="tester")

reader = partial(first_reader, path, "tester", demo)
app = ClaimmapApp(opener, None if demo else case, demo=demo, reader=reader)

async def main():
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(300):
            await pilot.pause(0.02)
            if app._store is not None:
                break
        seen["notes"] = [n.message for n in app._notifications]
        app._store.close()
    print(json.dumps(seen))

asyncio.run(main())
"""


def test_the_case_is_on_screen_before_sqlalchemy_is_imported(tmp_path):
    path, _, _, _ = _hts_file(tmp_path)
    seen = fresh_run(SCRIPT, path, "1")
    assert seen == {"rows_shown": 18, "sqlalchemy_loaded": False, "notes": []}


def test_the_demo_on_a_new_database_shows_before_sqlalchemy_is_imported(tmp_path):
    """`claimmap demo` on a first start: the database made and the sample imported without
    SQLAlchemy; the import is a logged change like any other, and said."""
    path = str(tmp_path / "first-start" / "claimmap.db")
    (tmp_path / "first-start").mkdir()
    seen = fresh_run(SCRIPT, path, "demo")
    assert seen["rows_shown"] == 18 and seen["sqlalchemy_loaded"] is False
    assert seen["notes"] == ["imported the sample case 'hts-idlib-2018' from hts-idlib-2018.yaml"]
    store = Store.open(path)
    try:
        (case,) = store.list_cases()
        assert (case.slug, case.hypotheses, case.evidence, case.ratings) == (
            "hts-idlib-2018",
            5,
            18,
            90,
        )
        assert read_case_file(HTS) == store.export_document(case.id)
        (entry,) = store.history(case.id)
        assert (entry.action, entry.who) == ("import case hts-idlib-2018", "tester")
    finally:
        store.close()
    seen = fresh_run(SCRIPT, path, "demo")  # a second start finds it, imports nothing
    assert seen == {"rows_shown": 18, "sqlalchemy_loaded": False, "notes": []}
