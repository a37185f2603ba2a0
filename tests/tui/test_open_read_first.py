"""A case opened directly is read in the opening worker, while nothing else runs, and shown
in its screen's first frame: the screen does not read it again (its own load used to
compete with its first layouts and paints: on HTS 0.7 s of a 2.5 s start). If that first
read fails, the screen reads the case itself, as a case opened from the list does, and says
what went wrong only if that fails too."""

from __future__ import annotations

from helpers.tui import settle

from claimmap.store.errors import StoreError
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.screens import case_screen
from claimmap.tui.screens.case_screen import CaseScreen
from claimmap.tui.widgets.matrix_table import MatrixTable


def _count_reads(app: ClaimmapApp, monkeypatch, fail_first: bool = False) -> list[str]:
    """Who read the case, in order: "opening" before any case screen exists, else "screen"."""
    real = case_screen.read_case
    calls: list[str] = []

    def counted(*args, **kwargs):
        screens = app.screen_stack if app.is_running else []
        calls.append("screen" if any(isinstance(s, CaseScreen) for s in screens) else "opening")
        if fail_first and len(calls) == 1:
            raise StoreError("the database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(case_screen, "read_case", counted)
    return calls


async def test_the_case_is_read_once_and_shown(hts, monkeypatch):
    store, case_id = hts
    app = ClaimmapApp(store, case_id)
    reads = _count_reads(app, monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert reads == ["opening"]  # not again by the screen
        assert screen.state is not None
        assert screen.query_one(MatrixTable).row_count == 18  # HTS has 18 evidence items
        assert screen.sub_title.startswith("as ")  # not "loading…"


async def test_a_failed_first_read_leaves_the_screen_to_read_the_case(hts, monkeypatch):
    store, case_id = hts
    app = ClaimmapApp(store, case_id)
    reads = _count_reads(app, monkeypatch, fail_first=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert reads == ["opening", "screen"]  # the screen read it after the first failed
        assert screen.state is not None
        assert screen.query_one(MatrixTable).row_count == 18


def test_a_case_read_first_is_in_the_header_from_the_screen_s_start(hts):
    """Its title and whom the keys rate as are set when the screen is made, so its first frame
    has them (set later, the header's update cost another layout and frame)."""
    store, case_id = hts
    read = case_screen.read_case(store, case_id, None)
    screen = CaseScreen(case_id, read=read)
    question = read.state.doc.case.question
    assert screen.title == read.state.doc.case.title
    assert screen.sub_title == f"as {read.state.me}  ·  {question}"
