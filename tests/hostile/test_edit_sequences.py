"""Random sequences of store edits never leave a case that cannot be exported and re-imported.

After each step (applied or refused) the case exports, the export imports into a second
database, and that re-exports byte for byte the same."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimmap.formats.casefile_read import parse_case_text
from claimmap.formats.casefile_write import dump_yaml
from claimmap.model.problems import InvalidDocument
from claimmap.store.case_store import Store
from claimmap.store.engine import StoreError
from tests.conftest import SMALL_CASE

KEYS = st.sampled_from(
    ["H1", "H2", "H3", "H4", "E1", "E2", "E3", "E4", "S1", "S2", "A1", "I1", "L1", "L2", "Z9"]
)
ANALYSTS = st.sampled_from(["default", "Bob", "سارة", "Bob ", "a\nb", "x" * 201, "\x1b[31m"])
TEXT = st.sampled_from(
    ["plain", "هيئة تحرير الشام", " padded ", "two\nlines", "[bold]x[/]", "\x1b[2J", "007"]
)
VALUES = st.sampled_from(["CC", "C", "N", "I", "II", "NA", None])
FIELDS = {
    "hypotheses": "label",
    "evidence": "summary",
    "sources": "title",
    "assumptions": "statement",
}

EDITS = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(sorted(FIELDS)), KEYS, TEXT),
    st.tuples(st.just("rename"), KEYS, KEYS),
    st.tuples(st.just("retext"), KEYS, TEXT),
    st.tuples(st.just("remove"), KEYS),
    st.tuples(st.just("rate"), KEYS, KEYS, VALUES, ANALYSTS),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def _apply(store: Store, case: int, edit: tuple[Any, ...]) -> None:
    kind, *args = edit
    if kind == "add":
        collection, key, text = args
        store.add_item(case, collection, {"id": key, FIELDS[collection]: text})
    elif kind == "rename":
        store.update_item(case, args[0], {"id": args[1]})
    elif kind == "retext":
        key, text = args
        doc = store.export_document(case)
        for collection, name in FIELDS.items():
            if any(item.id == key for item in getattr(doc, collection)):
                store.update_item(case, key, {name: text})
    elif kind == "remove":
        store.delete_item(case, args[0])
    elif kind == "rate":
        evidence, hypothesis, value, analyst = args
        store.rate(case, evidence, hypothesis, value, analyst=analyst, new_analyst=True)
    elif kind == "undo":
        store.undo(case)
        if all(c.id != case for c in store.list_cases()):
            store.redo(case)  # that undid the import itself; this test is about the edits
    else:
        store.redo(case)


def _round_trips(store: Store, case: int, mirror: Store) -> None:
    first = dump_yaml(store.export_document(case))
    again = mirror.import_document(parse_case_text(first), replace=True)
    assert dump_yaml(mirror.export_document(again.id)) == first


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EDITS, min_size=1, max_size=8))
def test_any_edit_sequence_leaves_a_case_that_round_trips(edits):
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(str(Path(folder) / "a.db"), who="tester")
        mirror = Store.open(str(Path(folder) / "b.db"), who="tester")
        try:
            case = store.import_document(parse_case_text(SMALL_CASE)).id
            for edit in edits:
                # A refusal is fine; what matters is the state it leaves.
                with contextlib.suppress(InvalidDocument, StoreError):
                    _apply(store, case, edit)
                _round_trips(store, case, mirror)
        finally:
            store.close()
            mirror.close()
