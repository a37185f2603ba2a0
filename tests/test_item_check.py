"""One added or changed item is checked against the case's keys (CaseKeys) by the rules a whole
file is checked by: the same problems, at the item, whether the keys come from a document in
memory (the TUI's forms) or from the store's key columns (every stored edit)."""

from __future__ import annotations

from typing import Any

import pytest

from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.casefile_write import dump_yaml
from claimmap.model import document as d
from claimmap.model.case_keys import CaseKeys
from claimmap.model.item_check import MODELS, check_item
from claimmap.model.problems import InvalidDocument, Problem
from claimmap.model.references import find_reference_problems
from claimmap.store.case_store import Store

# (collection, index, changed fields): each breaks one reference rule of the small case
EDITS: list[tuple[str, int, dict[str, Any]]] = [
    ("evidence", 0, {"source": "S9"}),
    ("evidence", 1, {"ratings": {"H1": "C", "H7": "I"}}),
    ("evidence", 2, {"ratings": {}, "ratings_by": {"ANALYST": {"H1": "C"}}}),
    ("evidence", 0, {"id": "S1"}),
    ("hypotheses", 2, {"relations": [{"kind": "subsumes", "target": "H3"}]}),
    ("hypotheses", 1, {"relations": [{"kind": "subsumes", "target": "H9"}]}),
    ("hypotheses", 0, {"relations": [{"kind": "subsumes", "target": "H2"}] * 2}),
    ("assumptions", 0, {"hypotheses": ["H1", "H8"]}),
    ("indicators", 0, {"hypothesis": "H4"}),
    ("links", 0, {"from": "E9"}),
    ("links", 0, {"kind": "undercut"}),
    ("links", 1, {"to": "L2"}),
]


def _edited(doc: d.CaseDocument, collection: str, index: int, changes: dict[str, Any]) -> Any:
    """The item's fields with the changes made (ANALYST stands for the case's own analyst)."""
    if "ratings_by" in changes:
        changes = {**changes, "ratings_by": {doc.analyst: changes["ratings_by"]["ANALYST"]}}
    item = getattr(doc, collection)[index]
    return {**item.model_dump(by_alias=True, exclude_none=True), **changes}


def _whole_case_says(
    doc: d.CaseDocument, collection: str, index: int, data: dict[str, Any]
) -> list[Problem]:
    """What checking the whole case, with the item changed, finds at that item."""
    items = list(getattr(doc, collection))
    items[index] = MODELS[collection].model_validate(data)
    trial = doc.model_copy(update={collection: items})
    return [p for p in find_reference_problems(trial) if p.loc[:2] == (collection, index)]


@pytest.mark.parametrize(("collection", "index", "changes"), EDITS)
def test_an_item_checked_against_the_keys_meets_the_whole_case_rules(
    small_file, collection, index, changes
):
    doc = read_case_file(small_file)
    data = _edited(doc, collection, index, changes)
    expected = _whole_case_says(doc, collection, index, data)
    assert expected, "each edit breaks a rule"
    for case in (doc, CaseKeys.of(doc)):
        with pytest.raises(InvalidDocument) as caught:
            check_item(case, collection, index, data)
        assert caught.value.problems == expected


@pytest.mark.parametrize(("collection", "index", "changes"), EDITS)
def test_a_stored_edit_is_checked_by_the_same_rules(
    store: Store, small_file, collection, index, changes
):
    """The store reads the keys in the case's order, not the whole case; the problems and
    their places are still those of the whole-case check, and nothing is written."""
    doc = read_case_file(small_file)
    case_id = store.import_document(doc).id
    stored = store.export_document(case_id)
    data = _edited(stored, collection, index, changes)
    expected = _whole_case_says(stored, collection, index, data)
    key = getattr(stored, collection)[index].id
    before = dump_yaml(stored)
    with pytest.raises(InvalidDocument) as caught:
        store.update_item(case_id, key, {k: data[k] for k in changes})
    assert caught.value.problems == expected
    assert dump_yaml(store.export_document(case_id)) == before


def test_an_edit_that_closes_a_loop_is_refused_at_the_edited_item(store: Store, small_file):
    """The whole-case check names a loop at its earliest member; an edit of a later member
    closes it just the same (such an edit used to be stored, and the case's own export then
    failed to load)."""
    case_id = store.import_document(read_case_file(small_file)).id
    store.update_item(case_id, "H1", {"relations": [{"kind": "subsumes", "target": "H2"}]})
    store.add_item(case_id, "links", {"id": "L3", "kind": "undercut", "from": "E2", "to": "L1"})
    store.update_item(case_id, "L2", {"to": "L3"})
    before = dump_yaml(store.export_document(case_id))

    with pytest.raises(InvalidDocument) as caught:
        store.update_item(case_id, "H2", {"relations": [{"kind": "subsumes", "target": "H1"}]})
    assert [p.render() for p in caught.value.problems] == [
        "hypotheses[1].relations: subsumes relations form a cycle: H1 → H2 → H1"
    ]
    with pytest.raises(InvalidDocument) as caught:
        store.update_item(case_id, "L3", {"to": "L2"})
    assert [p.render() for p in caught.value.problems] == [
        "links[2].to: undercut links form a cycle: L2 → L3 → L2"
    ]
    hypothesis = {
        "id": "H4",
        "label": "The dog",
        "relations": [{"kind": "subsumes", "target": "H1"}],
    }
    store.add_item(case_id, "hypotheses", hypothesis)  # no loop: H4 → H1 → H2
    with pytest.raises(InvalidDocument, match=r"cycle: H1 → H2 → H4 → H1"):
        store.update_item(case_id, "H2", {"relations": [{"kind": "subsumes", "target": "H4"}]})
    store.delete_item(case_id, "H4")
    assert dump_yaml(store.export_document(case_id)) == before
