"""Fixtures for the interface: a store with the HTS sample case, and a way to let workers end."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.tui import HTS

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp


@pytest.fixture
def hts(tmp_path: Path) -> tuple[Store, int]:
    store = Store.open(str(tmp_path / "tui.db"))
    case = store.import_document(read_case_file(HTS))
    yield store, case.id
    store.close()


@pytest.fixture
def hts_app(hts: tuple[Store, int]) -> ClaimmapApp:
    store, case_id = hts
    return ClaimmapApp(store, case_id)
