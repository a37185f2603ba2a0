"""Teaching notes and ticked checks live in the case document, survive the store, follow
their evidence when it is deleted, and are edited with undo like everything else."""

from __future__ import annotations

import pytest

from claimmap.formats.casefile_read import parse_case_text
from claimmap.model.problems import InvalidDocument
from claimmap.store.engine import StoreError
from claimmap.store.teaching_edits import set_reviewed, set_teaching
from tests.conftest import SMALL_CASE

TAUGHT = (
    SMALL_CASE
    + """\
teaching:
  learning_goals: [Tell evidence that fits everything from evidence that decides]
  discussion_questions: [Which item would you check first, and why?]
  notes: Give the class ten minutes per step.
reviewed: [across_rows, "linchpin:E2", "non_diagnostic:E3"]
"""
)


def test_teaching_and_ticks_survive_import_and_export(store):
    doc = parse_case_text(TAUGHT)
    case = store.import_document(doc)
    back = store.export_document(case.id)
    assert back.teaching == doc.teaching
    assert back.reviewed == ["across_rows", "linchpin:E2", "non_diagnostic:E3"]
    # On PostgreSQL a file's unattributed ratings become the importing login's.
    assert back.analyst == ("tester" if store.on_postgres else "default")
    assert back.model_dump(exclude={"case", "analyst"}) == doc.model_dump(
        exclude={"case", "analyst"}
    )


def test_a_tick_naming_unknown_evidence_is_refused_with_its_place():
    with pytest.raises(InvalidDocument) as bad:
        parse_case_text(TAUGHT.replace("linchpin:E2", "linchpin:E9"))
    assert str(bad.value).startswith("reviewed[1] (line 41): unknown evidence 'E9'")
    with pytest.raises(InvalidDocument, match="needs an evidence id"):
        parse_case_text(TAUGHT.replace('"linchpin:E2"', "linchpin"))


def test_deleting_evidence_takes_its_ticks_along_and_undo_brings_them_back(store):
    case = store.import_document(parse_case_text(TAUGHT))
    store.delete_item(case.id, "E2")
    assert store.export_document(case.id).reviewed == ["across_rows", "non_diagnostic:E3"]
    store.undo(case.id)
    assert "linchpin:E2" in store.export_document(case.id).reviewed


def test_ticking_and_unticking_is_logged_and_undoable(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    assert set_reviewed(store, case.id, "linchpin:E1") is True
    assert set_reviewed(store, case.id, "linchpin:E1") is False  # already ticked: no edit
    assert set_reviewed(store, case.id, "disprove") is True
    assert store.export_document(case.id).reviewed == ["linchpin:E1", "disprove"]
    assert store.history(case.id, limit=1)[0].action == "tick disprove"
    assert set_reviewed(store, case.id, "linchpin:E1", reviewed=False) is True
    assert store.export_document(case.id).reviewed == ["disprove"]
    store.undo(case.id)
    assert store.export_document(case.id).reviewed == ["linchpin:E1", "disprove"]


def test_bad_ticks_are_refused_without_a_change(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    with pytest.raises(StoreError, match="no evidence item 'E9'"):
        set_reviewed(store, case.id, "linchpin:E9")
    with pytest.raises(StoreError, match="'guessed' is not one of"):
        set_reviewed(store, case.id, "guessed")
    assert store.export_document(case.id).reviewed == []


def test_teaching_notes_are_replaced_and_undone(store):
    case = store.import_document(parse_case_text(TAUGHT))
    set_teaching(store, case.id, {"learning_goals": ["Only this goal"]})
    assert store.export_document(case.id).teaching.learning_goals == ["Only this goal"]
    assert store.export_document(case.id).teaching.notes is None
    store.undo(case.id)
    assert store.export_document(case.id).teaching.notes == "Give the class ten minutes per step."
    set_teaching(store, case.id, None)
    assert store.export_document(case.id).teaching is None
    with pytest.raises(InvalidDocument, match=r"teaching\.learnign_goals"):
        set_teaching(store, case.id, {"learnign_goals": ["typo"]})
