"""A whole case's snapshot (taken by an import or a deletion, replayed by undo and redo): on
SQLite the ratings' rows are encoded by SQLite's own JSON, which must read back as the very
values the cursor gives, whatever the text."""

from __future__ import annotations

import pytest

from claimmap.formats.casefile_read import parse_case_text
from claimmap.store import snapshot
from claimmap.store.case_store import Store
from tests.conftest import SMALL_CASE

TRICKY = 'He said "no" \\ then\n\ttab; انسحاب هيئة تحرير الشام; emoji 🧐; \u0001 end'


def test_the_ratings_encoded_by_sqlite_read_back_as_the_cursors_values(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    case_id = store.import_document(parse_case_text(SMALL_CASE)).id
    store.rate(case_id, "E1", "H2", "CC", TRICKY)
    with store.reading() as conn:
        fast = snapshot.from_json(snapshot.capture_case_json(conn, case_id))
        monkeypatch.setattr(snapshot, "_SQLITE_JSON", False)
        plain = snapshot.from_json(snapshot.capture_case_json(conn, case_id))
    assert fast == plain
    why = [row["rationale"] for row in fast["ratings"].values() if row["rationale"]]
    assert TRICKY in why


def test_undo_and_redo_of_an_import_put_every_rating_back(store: Store):
    case_id = store.import_document(parse_case_text(SMALL_CASE)).id
    whole = store.export_document(case_id)
    store.undo(case_id)
    assert all(c.id != case_id for c in store.list_cases())
    store.redo(case_id)
    assert store.export_document(case_id) == whole
