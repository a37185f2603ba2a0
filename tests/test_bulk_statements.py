"""Bulk paths make a handful of statements on the server, not one per row: import, reading the
matrix, export and undoing a whole case. Counted at the driver's cursor, where each `execute`
or `executemany` call is one (pipelined, on psycopg) trip to the database. (SQLite runs in the
process, where a statement per row costs no trip; its speed is in benchmarks/.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from claimmap.formats.casefile_read import parse_case_text
from claimmap.store.case_store import Store

N_EVIDENCE, N_HYPOTHESES = 300, 5  # 1,500 ratings, 300 evidence rows


def big_case() -> str:
    hyps = ", ".join(f"{{id: H{h}, label: 'Hypothesis {h}'}}" for h in range(1, N_HYPOTHESES + 1))
    cycle = ["CC", "C", "N", "I", "II"]
    evs = "".join(
        f"  - {{id: E{e}, summary: 'Item {e} — بند', ratings: {{"
        + ", ".join(f"H{h}: {cycle[(e + h) % 5]}" for h in range(1, N_HYPOTHESES + 1))
        + "}}\n"
        for e in range(1, N_EVIDENCE + 1)
    )
    return (
        "format: claimmap/1\ncase: {title: Big case, question: Which?}\n"
        f"hypotheses: [{hyps}]\nevidence:\n{evs}"
    )


@contextmanager
def counted(store: Store) -> Iterator[list[tuple[str, bool]]]:
    calls: list[tuple[str, bool]] = []

    def count(_c: Any, _cur: Any, statement: str, _p: Any, _ctx: Any, many: bool) -> None:
        calls.append((statement.split()[0].upper(), many))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield calls
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_import_read_export_and_undo_make_a_handful_of_statements(store: Store) -> None:
    doc = parse_case_text(big_case())
    with counted(store) as calls:
        case = store.import_document(doc)
    assert case.ratings == N_EVIDENCE * N_HYPOTHESES
    inserts = [c for c in calls if c[0] == "INSERT"]
    # one statement (or one executemany) per table, plus insertmanyvalues' batches of RETURNING
    assert len(calls) < 60, calls
    assert any(many for _, many in inserts)  # the ratings went as one executemany
    with counted(store) as calls:
        matrix = store.matrix(case.id)
    assert matrix.ratings.shape == (1, N_EVIDENCE, N_HYPOTHESES)
    assert len(calls) < 10, calls
    with counted(store) as calls:
        back = store.export_document(case.id)
    assert len(back.evidence) == N_EVIDENCE
    assert len(calls) < 20, calls
    store.delete_case(case.id)
    with counted(store) as calls:
        store.undo(case.id)  # puts back 1,800 rows
    assert store.export_document(case.id) == back
    assert len(calls) < 60, calls
