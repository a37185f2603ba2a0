"""store/table_facts.py, what undo and redo know of the tables without SQLAlchemy, is what
store/tables.py defines."""

from __future__ import annotations

from sqlalchemy import Boolean

from claimmap.store.table_facts import BOOLEANS, COLUMNS, FOREIGN_KEYS, ORDER
from claimmap.store.tables import metadata

LOGGED = [t for t in metadata.sorted_tables if t.name != "changes"]


def test_the_tables_and_their_columns_are_those_of_the_metadata_in_its_order() -> None:
    assert [t.name for t in LOGGED] == ORDER  # parents before children
    assert {t.name: tuple(c.name for c in t.columns) for t in LOGGED} == COLUMNS


def test_the_foreign_keys_and_what_a_deletion_does_are_those_of_the_metadata() -> None:
    expected = {
        (t.name, fk.parent.name): (fk.column.table.name, fk.ondelete)
        for t in LOGGED
        for fk in t.foreign_keys
    }
    assert expected == FOREIGN_KEYS
    assert ("ratings", "hypothesis_id") in FOREIGN_KEYS  # the check has something to compare


def test_the_boolean_columns_are_those_of_the_metadata() -> None:
    found = {
        t.name: tuple(c.name for c in t.columns if isinstance(c.type, Boolean))
        for t in metadata.sorted_tables
    }
    assert {name: flags for name, flags in found.items() if flags} == BOOLEANS
    assert BOOLEANS  # cases.blind_until_rated
