"""The start-up prefetch of a case's ratings: used when nothing changed, refused otherwise,
and the case read is the same either way."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from helpers.tui import HTS

from claimmap.cli import main
from claimmap.formats.casefile_read import read_case_file
from claimmap.store import prefetch
from claimmap.store.case_store import Store
from claimmap.store.cells_sql import STATE_SQL


@pytest.fixture
def stored(tmp_path: Path) -> tuple[str, Store, int, str]:
    path = str(tmp_path / "prefetch.db")
    store = Store.open(path)
    case = store.import_document(read_case_file(HTS))
    yield path, store, case.id, case.slug
    store.close()


def read(store: Store, case_id: int) -> tuple[np.ndarray, dict[tuple[str, str, str], str]]:
    _, matrix, rationales = store.case_columns(case_id)
    return matrix.ratings, rationales


def finished(path: str) -> None:
    """Let the prefetch end before the test goes on (the reader waits for it by itself)."""
    prefetch._jobs[str(Path(path).resolve())].done.wait(10)


@pytest.mark.parametrize("ref", ["slug", "id"])
def test_an_unchanged_case_is_read_from_the_prefetch_and_reads_the_same(stored, ref) -> None:
    path, store, case_id, slug = stored
    expected = read(store, case_id)
    taken = prefetch.used["taken"]
    prefetch.start(path, slug if ref == "slug" else str(case_id))
    ratings, rationales = read(store, case_id)
    assert prefetch.used["taken"] == taken + 1
    assert np.array_equal(ratings, expected[0])
    assert rationales == expected[1] and rationales  # HTS has rationales


def test_a_change_committed_after_the_prefetch_refuses_it(stored) -> None:
    path, store, case_id, slug = stored
    before = read(store, case_id)[0]
    prefetch.start(path, slug)
    finished(path)
    other = Store.open(path)  # another window rates a cell
    other.rate(case_id, "E1", "H1", "II")
    other.close()
    refused = prefetch.used["refused"]
    ratings, _ = read(store, case_id)
    assert prefetch.used["refused"] == refused + 1
    assert not np.array_equal(ratings, before)  # the edit is there
    assert np.array_equal(ratings, read(store, case_id)[0])


def test_a_schema_revision_changed_after_the_prefetch_refuses_it(stored) -> None:
    # a migration may rewrite rows without writing the change log
    import sqlite3

    path, store, case_id, slug = stored
    prefetch.start(path, slug)
    finished(path)
    other = sqlite3.connect(path)
    (revision,) = other.execute("SELECT version_num FROM alembic_version").fetchone()
    with other:
        other.execute("UPDATE alembic_version SET version_num = 'elsewhere'")
    refused = prefetch.used["refused"]
    read(store, case_id)
    assert prefetch.used["refused"] == refused + 1
    with other:
        other.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    other.close()


def test_another_case_or_database_is_not_served_the_prefetch(stored, tmp_path) -> None:
    path, store, _, slug = stored
    doc = read_case_file(HTS)
    other = store.import_document(
        doc.model_copy(update={"case": doc.case.model_copy(update={"slug": "hts-again"})})
    )
    prefetch.start(path, slug)
    refused = prefetch.used["refused"]
    expected = read(Store.open(path), other.id)
    assert prefetch.used["refused"] == refused + 1  # asked for the other case: refused
    prefetch.start(str(tmp_path / "missing.db"), slug)  # no such file: nothing started
    assert not (tmp_path / "missing.db").exists()
    assert np.array_equal(read(store, other.id)[0], expected[0])


def test_a_case_it_cannot_resolve_starts_nothing_harmful(stored) -> None:
    path, store, case_id, _ = stored
    prefetch.start(path, "no such case")
    finished(path)
    taken, refused = prefetch.used["taken"], prefetch.used["refused"]
    ratings, _ = read(store, case_id)
    assert prefetch.used == {"taken": taken, "refused": refused + 1}
    assert ratings.shape[1:] == (18, 5)


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["score", "--draws", "0"], "H1"),
        (["show"], "انسحابات"),  # the case analyst's layer alone
        (["export", "-f", "json"], '"rationale"'),  # every rating and its rationale
    ],
)
def test_commands_that_read_a_stored_case_take_the_prefetch(stored, command, shown) -> None:
    path, _, _, slug = stored
    taken = prefetch.used["taken"]
    result = CliRunner().invoke(main, ["--db", path, command[0], slug, *command[1:]])
    assert result.exit_code == 0, result.output
    assert prefetch.used["taken"] == taken + 1
    assert shown in result.output


@pytest.mark.parametrize("rationales", [True, False])
def test_a_case_read_in_two_halves_at_once_reads_the_same(stored, monkeypatch, rationales) -> None:
    # Past SPLIT_ABOVE rating ids the prefetch reads the lower and upper halves on two
    # connections at once; the joined answer must be the whole read's, rationales included.
    path, store, case_id, slug = stored
    other = Store.open(path)  # a second analyst, so the halves hold layers of both
    other.rate(case_id, "E3", "H2", "CC", "seen from the road", "rita", new_analyst=True)
    other.close()
    expected = read(store, case_id)
    monkeypatch.setattr(prefetch, "SPLIT_ABOVE", 0)
    halves: list[str] = []
    connect = prefetch._connect

    def counted(db: str):
        halves.append(db)
        return connect(db)

    monkeypatch.setattr(prefetch, "_connect", counted)
    taken = prefetch.used["taken"]
    prefetch.start(path, slug, rationales=rationales, halves=True)
    if rationales:
        ratings, why = read(store, case_id)
        assert why == expected[1] and ("rita", "E3", "H2") in why
    else:
        ratings = store.matrix(case_id).ratings
    assert prefetch.used["taken"] == taken + 1 and len(halves) == 2
    assert np.array_equal(ratings, expected[0])


def test_a_commit_between_the_two_halves_refuses_the_prefetch(stored, monkeypatch) -> None:
    path, store, case_id, slug = stored
    monkeypatch.setattr(prefetch, "SPLIT_ABOVE", 0)
    connect = prefetch._connect
    opened: list[str] = []

    def commit_before_the_second(db: str):
        opened.append(db)
        if len(opened) == 2:  # another window rates a cell just before the upper half
            other = Store.open(path)
            other.rate(case_id, "E1", "H1", "II")
            other.close()
        return connect(db)

    monkeypatch.setattr(prefetch, "_connect", commit_before_the_second)
    refused = prefetch.used["refused"]
    prefetch.start(path, slug, halves=True)
    finished(path)  # the reader reads after the commit, as the state it checks then says
    ratings, _ = read(store, case_id)
    assert len(opened) == 2 and prefetch.used["refused"] == refused + 1
    fresh = Store.open(path)
    try:
        assert np.array_equal(ratings, read(fresh, case_id)[0])  # the edit is there
    finally:
        fresh.close()


def test_halves_read_in_two_snapshots_are_never_joined(stored, monkeypatch) -> None:
    # A reader whose own snapshot predates a commit that fell between the two halves' would
    # find the prefetch's state (the lower half's) equal to its own: the halves' states
    # must have been compared already, or it would take a matrix half before, half after.
    path, _, case_id, slug = stored
    monkeypatch.setattr(prefetch, "SPLIT_ABOVE", 0)
    reader_ready = threading.Event()
    connect = prefetch._connect
    opened: list[str] = []

    def commit_before_the_second(db: str):
        opened.append(db)
        if len(opened) == 2:
            reader_ready.wait(10)
            other = Store.open(path)
            other.rate(case_id, "E1", "H1", "II")
            other.close()
        return connect(db)

    monkeypatch.setattr(prefetch, "_connect", commit_before_the_second)
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        state = tuple(reader.execute(STATE_SQL).fetchone())  # before the commit
        prefetch.start(path, slug, halves=True)
        reader_ready.set()
        finished(path)
        key = str(Path(path).resolve())
        sql = prefetch._jobs[key].sql
        assert prefetch.take(key, sql, case_id, lambda: state) is None
    finally:
        reader.close()


def test_the_interface_and_show_read_whole_and_score_and_export_in_halves(
    stored, monkeypatch
) -> None:
    # the interface imports on one core while the rows are read, which a second reader
    # slowed; `show` reads one layer. `score` and `export` wait for the rows.
    path, _, _, slug = stored
    monkeypatch.setattr(prefetch, "SPLIT_ABOVE", 0)
    asked: list[bool] = []
    started = prefetch.start

    def noted(*args, **kwargs):
        asked.append(kwargs.get("halves", False))
        return started(*args, **kwargs)

    monkeypatch.setattr(prefetch, "start", noted)
    out = str(Path(path).with_name("out.json"))
    for args in (
        ["score", "--draws", "0", slug],
        ["export", "-f", "json", "-o", out, slug],
        ["show", slug],
    ):
        run = CliRunner().invoke(main, ["--db", path, *args])
        assert run.exit_code == 0, run.output
    assert asked == [True, True, False]  # score, export, show
