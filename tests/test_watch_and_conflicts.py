"""Watching for a colleague's commits, and the optimistic check that keeps forms from saving
over them: two Store objects on one database, on each engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.store.stale import ChangedUnderneath, DeletedUnderneath
from claimmap.store.watch import Watcher


@pytest.fixture
def pair(db: str, small_file: Path) -> Iterator[tuple[Store, Store, int]]:
    """Me and a colleague on the same database, and the vase case."""
    mine = Store.open(db, who="tester")
    theirs = Store.open(db, who="tester")  # same name: two TUIs on one file may share it
    case = mine.import_document(read_case_file(small_file))
    yield mine, theirs, case.id
    mine.close()
    theirs.close()


def test_nothing_moves_until_someone_commits(pair):
    mine, theirs, case_id = pair
    watcher = Watcher(mine)
    try:
        start = watcher.last_id(case_id)
        assert not watcher.moved()
        theirs.rate(case_id, "E3", "H2", "II", "seen from the garden")
        assert watcher.wait(10)  # a notice crosses the network on its own time
        [change] = watcher.since(case_id, start)
        assert change.rating_only and change.id not in mine.written
        [cell] = change.ratings
        assert (cell.evidence, cell.hypothesis, cell.value) == ("E3", "H2", "II")
        assert cell.rationale == "seen from the garden"
        assert cell.analyst == mine.export_document(case_id).analyst
        assert not watcher.moved()  # told once
    finally:
        watcher.close()


def test_postgresql_is_told_not_polled(pair):
    mine, theirs, case_id = pair
    if not mine.on_postgres:
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    watcher = Watcher(mine)
    try:
        assert watcher.fileno() is not None  # listening, so an event loop can wake on it
        theirs.rate(case_id, "E3", "H2", "II")
        assert watcher.wait(10)
    finally:
        watcher.close()


def test_own_commits_are_known_as_own(pair):
    mine, theirs, case_id = pair
    watcher = Watcher(mine)
    try:
        start = watcher.last_id(case_id)
        mine.rate(case_id, "E3", "H2", "C")
        theirs.rate(case_id, "E3", "H3", "I")
        changes = watcher.since(case_id, start)
        assert [c.id in mine.written for c in changes] == [True, False]
    finally:
        watcher.close()


def test_a_cleared_rating_comes_through_as_none(pair):
    mine, theirs, case_id = pair
    watcher = Watcher(mine)
    try:
        start = watcher.last_id(case_id)
        theirs.rate(case_id, "E1", "H1", None)
        [change] = watcher.since(case_id, start)
        assert [(c.evidence, c.hypothesis, c.value) for c in change.ratings] == [("E1", "H1", None)]
    finally:
        watcher.close()


def test_the_deletion_of_a_case_names_who_and_when(pair):
    mine, theirs, case_id = pair
    watcher = Watcher(mine)
    try:
        theirs.delete_case(case_id)
        gone = watcher.deletion(case_id)
        assert gone is not None and gone.deletes_case and gone.who == "tester"
        assert len(gone.when()) == 5  # HH:MM
    finally:
        watcher.close()


def test_saving_over_a_colleagues_edit_is_refused_with_their_name(db: str, small_file: Path):
    mine = Store.open(db, who="tester")
    try:
        case_id = mine.import_document(read_case_file(small_file)).id
        opened_at = Watcher(mine).last_id(case_id)
        colleague = Store.open(db, who="tester")
        colleague.written.clear()
        colleague.update_item(case_id, "E1", {"summary": "Dog hair, not cat hair."})
        with pytest.raises(ChangedUnderneath, match=r"E1 was changed by tester at \d\d:\d\d"):
            mine.update_item(case_id, "E1", {"summary": "Mine"}, expected=opened_at)
        doc = mine.export_document(case_id)
        assert doc.evidence[0].summary == "Dog hair, not cat hair."  # theirs stands
        # a colleague's rating is not a change to the item: the edit goes through
        colleague.rate(case_id, "E2", "H1", "C")
        mine.update_item(case_id, "E2", {"summary": "Shut, said the log"}, expected=opened_at)
        colleague.close()
    finally:
        mine.close()


def test_own_edits_since_the_form_opened_are_no_conflict(store: Store, small_file: Path):
    case_id = store.import_document(read_case_file(small_file)).id
    opened_at = Watcher(store).last_id(case_id)
    store.update_item(case_id, "E1", {"summary": "first"})
    store.update_item(case_id, "E1", {"summary": "second"}, expected=opened_at)
    assert store.export_document(case_id).evidence[0].summary == "second"


def test_saving_a_deleted_item_says_who_deleted_it(db: str, small_file: Path):
    mine, colleague = Store.open(db, who="tester"), Store.open(db, who="tester")
    try:
        case_id = mine.import_document(read_case_file(small_file)).id
        opened_at = Watcher(mine).last_id(case_id)
        colleague.delete_item(case_id, "E3")
        with pytest.raises(DeletedUnderneath, match="E3 was deleted by tester"):
            mine.update_item(case_id, "E3", {"summary": "Mine"}, expected=opened_at)
        # undoing the deletion is a change too: the item is back, but not as the form saw it
        colleague.undo(case_id)
        with pytest.raises(ChangedUnderneath, match="E3 was changed"):
            mine.update_item(case_id, "E3", {"summary": "Mine"}, expected=opened_at)
    finally:
        mine.close()
        colleague.close()


def test_case_details_and_judgement_are_checked_apart(db: str, small_file: Path):
    mine, colleague = Store.open(db, who="tester"), Store.open(db, who="tester")
    try:
        case_id = mine.import_document(read_case_file(small_file)).id
        opened_at = Watcher(mine).last_id(case_id)
        colleague.update_case(case_id, {"title": "The vase, again"})
        with pytest.raises(ChangedUnderneath, match="The case was changed"):
            mine.update_case(case_id, {"question": "Mine?"}, expected=opened_at)
        judgement = {"bottom_line": "The cat.", "likelihood": "likely", "confidence": "low"}
        mine.update_case(case_id, {"judgement": judgement}, expected=opened_at)
    finally:
        mine.close()
        colleague.close()


def test_an_undo_is_told_at_once_too(pair, monkeypatch):
    mine, theirs, case_id = pair
    if not mine.on_postgres:
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    from claimmap.store import watch

    monkeypatch.setattr(watch, "POLL_EVERY", 600.0)  # no safety-net poll: only a notice wakes
    watcher = Watcher(mine)
    try:
        theirs.rate(case_id, "E3", "H2", "II")
        assert watcher.wait(10)
        assert theirs.undo(case_id) is not None
        assert watcher.wait(5)
    finally:
        watcher.close()
