"""`claimmap db copy` moves every case with its ratings, analysts and change log between the
engines, both ways, in one transaction on the target; undo works on the copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimmap.cli import main
from claimmap.formats.casefile_read import parse_case_text, read_case_file
from claimmap.store.case_store import Store
from tests.conftest import SAMPLES


def _cli(*args: str) -> tuple[int, str]:
    run = CliRunner().invoke(main, list(args))
    return run.exit_code, run.output


def fill(url: str, small_file: Path) -> dict[str, object]:
    """A database with history: two cases, edits, a deleted item, an undone edit."""
    store = Store.open(url)
    try:
        vase = store.import_document(read_case_file(small_file)).id
        hts = store.import_document(read_case_file(SAMPLES / "hts-idlib-2018.yaml")).id
        store.rate(vase, "E3", "H2", "I", "سبب")
        store.add_item(vase, "hypotheses", {"id": "H4", "label": "The dog"})
        store.rate(vase, "E1", "H4", "CC")
        store.delete_item(vase, "H4")  # its id and its rating now live only in the log
        store.rate(hts, "E1", "H1", "II")
        store.undo(hts)
        return {
            "cases": store.list_cases(),
            "docs": [store.export_document(c.id) for c in store.list_cases()],
            "history": store.history(limit=100),
            "vase": vase,
        }
    finally:
        store.close()


@pytest.mark.parametrize("direction", ["sqlite-to-postgresql", "postgresql-to-sqlite"])
def test_copy_between_engines_keeps_everything_and_undo_works_on_the_copy(
    direction: str, pg_url: str, tmp_path: Path, small_file: Path
) -> None:
    file = str(tmp_path / "laptop.db")
    source, target = (file, pg_url) if direction.startswith("sqlite") else (pg_url, file)
    Store.open(target).close()  # an empty database, as `claimmap db upgrade` leaves it
    before = fill(source, small_file)
    code, out = _cli("db", "copy", source, target)
    assert code == 0, out
    assert out.startswith("copied 2 cases, ")
    copy = Store.open(target)
    try:
        assert copy.list_cases() == before["cases"]
        assert [copy.export_document(c.id) for c in copy.list_cases()] == before["docs"]
        assert copy.history(limit=100) == before["history"]
        vase = int(before["vase"])  # type: ignore[call-overload]
        # undo walks back through history made on the other engine: the deleted H4 returns
        # with its rating, under the ids the log names
        assert copy.undo(vase).action == "delete hypothesis H4"
        assert copy.matrix(vase).hypotheses == ("H1", "H2", "H3", "H4")
        assert copy.undo(vase).action == "rate E1 × H4: unrated → CC"
        # and new rows never take an id the log still refers to
        copy.add_item(vase, "hypotheses", {"id": "H5", "label": "The ghost"})
        copy.undo(vase)
        assert copy.redo(vase) is not None
        assert copy.matrix(vase).hypotheses[-1] == "H5"
    finally:
        copy.close()


def test_copy_refuses_a_target_that_holds_cases_and_changes_nothing(
    pg_url: str, tmp_path: Path, small_file: Path
) -> None:
    file = str(tmp_path / "laptop.db")
    fill(file, small_file)
    store = Store.open(pg_url)
    try:
        store.import_document(parse_case_text(small_file.read_text(encoding="utf-8")))
        kept = store.history()
    finally:
        store.close()
    code, out = _cli("db", "copy", file, pg_url)
    assert code == 1
    assert out == (
        "claimmap: the target already holds 1 cases and 1 log entries; copy into an empty "
        "database (rows keep their ids so that undo works on the copy)\n"
    )
    store = Store.open(pg_url)
    try:
        assert store.history() == kept
    finally:
        store.close()
