"""A case can be started from nothing and its own fields, teaching notes and written judgement
edited through the store: each edit validated, one logged change, undoable; the judgement
survives case files and follows its hypothesis through renames and removals."""

from __future__ import annotations

import datetime as dt

import pytest

from claimmap.formats.casefile_read import parse_case_text
from claimmap.formats.casefile_write import dump_yaml
from claimmap.model.enums import Confidence, Likelihood
from claimmap.model.problems import InvalidDocument
from claimmap.store.engine import StoreError
from tests.conftest import SMALL_CASE

JUDGED = (
    SMALL_CASE
    + """\
judgement:
  bottom_line: The cat did it, most probably while chasing a fly.
  hypothesis: H1
  likelihood: very likely
  confidence: moderate
  basis: Two independent items, one of them second-hand.
  date: 2026-11-30
"""
)

JUDGEMENT = {
    "bottom_line": "The wind did it.",
    "hypothesis": "H2",
    "likelihood": "likely",
    "confidence": "low",
}


def test_a_new_case_is_empty_has_a_unique_slug_and_undo_removes_it(store):
    first = store.create_case("HTS في إدلب", question="Why did HTS withdraw?", tags=["syria"])
    second = store.create_case("HTS في إدلب")
    assert (first.slug, second.slug) == ("hts-في-إدلب", "hts-في-إدلب-2")
    assert (first.hypotheses, first.evidence, first.ratings) == (0, 0, 0)
    doc = store.export_document(first.id)
    assert (doc.case.title, doc.case.question, doc.case.tags) == (
        "HTS في إدلب",
        "Why did HTS withdraw?",
        ["syria"],
    )
    assert store.export_document(second.id).case.question == ""
    assert store.history(first.id, limit=1)[0].action == "create case hts-في-إدلب"
    store.undo(second.id)
    assert [c.slug for c in store.list_cases()] == ["hts-في-إدلب"]


def test_a_new_case_needs_a_title(store):
    with pytest.raises(InvalidDocument, match=r"case.title: cannot be empty"):
        store.create_case("")
    assert store.list_cases() == []


def test_case_fields_change_in_one_logged_undoable_edit(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    changed = store.update_case(
        case.id,
        {"title": "Le vase", "question": "Qui ?", "description": "Hall, 3 pm", "tags": ["a", "b"]},
    )
    assert changed == ["title", "question", "description", "tags"]
    header = store.case_header(case.id)
    assert (header.info.title, header.info.question, header.info.description) == (
        "Le vase",
        "Qui ?",
        "Hall, 3 pm",
    )
    assert header.info.tags == ["a", "b"]
    assert header.info.slug == case.slug  # the handle stays put when the title changes
    assert (
        store.history(case.id, limit=1)[0].action == "edit case title, question, description, tags"
    )
    store.undo(case.id)
    back = store.case_header(case.id).info
    assert (back.title, back.tags, back.description) == (
        "Who broke the vase? من كسر المزهرية؟",
        ["household"],
        None,
    )


def test_an_edit_that_changes_nothing_is_not_logged(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    entries = len(store.history(case.id))
    assert store.update_case(case.id, {"question": "Who broke the vase in the hall?"}) == []
    assert len(store.history(case.id)) == entries


def test_invalid_case_edits_are_refused_whole(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    with pytest.raises(StoreError, match="a case has no field 'slogan'"):
        store.update_case(case.id, {"slogan": "x"})
    with pytest.raises(InvalidDocument, match=r"case\.title: cannot be empty"):
        store.update_case(case.id, {"title": "", "question": "changed?"})
    assert store.case_header(case.id).info.question == "Who broke the vase in the hall?"


def test_teaching_notes_merge_and_clear(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    store.update_case(case.id, {"teaching": {"learning_goals": ["Spot the decisive item"]}})
    store.update_case(case.id, {"teaching": {"notes": "Ten minutes"}})
    teaching = store.case_header(case.id).teaching
    assert teaching is not None
    assert (teaching.learning_goals, teaching.notes) == (["Spot the decisive item"], "Ten minutes")
    store.update_case(case.id, {"teaching": None})
    assert store.case_header(case.id).teaching is None
    store.undo(case.id)
    assert store.export_document(case.id).teaching == teaching


def test_the_judgement_is_set_merged_dated_and_cleared(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    assert store.case_header(case.id).judgement is None
    store.update_case(case.id, {"judgement": {**JUDGEMENT, "date": "2026-11-02"}})
    judged = store.case_header(case.id).judgement
    assert judged is not None
    assert judged.likelihood is Likelihood.LIKELY and judged.confidence is Confidence.LOW
    assert judged.date == dt.date(2026, 11, 2)
    # Changing one field keeps the others; a judgement changed without a date is dated today.
    store.update_case(case.id, {"judgement": {"confidence": "moderate"}})
    judged = store.case_header(case.id).judgement
    assert judged is not None
    assert (judged.bottom_line, judged.hypothesis) == ("The wind did it.", "H2")
    assert judged.confidence is Confidence.MODERATE
    assert judged.date == dt.date.today()
    store.update_case(case.id, {"judgement": None})
    assert store.case_header(case.id).judgement is None
    store.undo(case.id)
    assert store.case_header(case.id).judgement == judged


def test_a_bad_judgement_names_the_field_and_changes_nothing(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    with pytest.raises(InvalidDocument, match=r"judgement\.hypothesis: unknown hypothesis 'H7'"):
        store.update_case(case.id, {"judgement": {**JUDGEMENT, "hypothesis": "H7"}})
    with pytest.raises(InvalidDocument, match=r"judgement\.likelihood: 'probable' is not one of"):
        store.update_case(case.id, {"judgement": {**JUDGEMENT, "likelihood": "probable"}})
    with pytest.raises(InvalidDocument, match=r"judgement\.bottom_line: required field is missing"):
        store.update_case(case.id, {"judgement": {"likelihood": "likely", "confidence": "low"}})
    assert store.case_header(case.id).judgement is None


def test_the_judgement_round_trips_through_a_case_file(store):
    doc = parse_case_text(JUDGED)
    case = store.import_document(doc)
    back = store.export_document(case.id)
    assert back.judgement == doc.judgement
    assert back.judgement is not None and back.judgement.date == dt.date(2026, 11, 30)
    again = parse_case_text(dump_yaml(back))
    assert again.judgement == doc.judgement


def test_a_judgement_naming_an_unknown_hypothesis_is_refused_in_a_file():
    with pytest.raises(InvalidDocument, match=r"judgement.hypothesis.*unknown hypothesis 'H9'"):
        parse_case_text(JUDGED.replace("hypothesis: H1", "hypothesis: H9"))


def test_renaming_the_judged_hypothesis_keeps_the_judgement_on_it(store):
    case = store.import_document(parse_case_text(JUDGED))
    store.update_item(case.id, "H1", {"id": "Cat"})
    judged = store.case_header(case.id).judgement
    assert judged is not None and judged.hypothesis == "Cat"


def test_removing_the_judged_hypothesis_clears_it_and_undo_restores_it(store):
    case = store.import_document(parse_case_text(JUDGED))
    gone = store.delete_item(case.id, "H1")
    assert "judgements" not in gone  # the judgement stays; only its hypothesis goes
    judged = store.case_header(case.id).judgement
    assert judged is not None and judged.hypothesis is None
    assert judged.bottom_line.startswith("The cat did it")
    assert "judgement no longer names a hypothesis" in store.history(case.id, limit=1)[0].action
    store.undo(case.id)
    judged = store.case_header(case.id).judgement
    assert judged is not None and judged.hypothesis == "H1"
    store.redo(case.id)
    judged = store.case_header(case.id).judgement
    assert judged is not None and judged.hypothesis is None


def test_removing_another_hypothesis_leaves_the_judgement_alone(store):
    case = store.import_document(parse_case_text(JUDGED))
    store.delete_item(case.id, "H2")
    judged = store.case_header(case.id).judgement
    assert judged is not None and judged.hypothesis == "H1"
    assert "judgement" not in store.history(case.id, limit=1)[0].action


def test_an_item_added_without_an_id_gets_the_next_free_one(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    assert store.add_item(case.id, "hypotheses", {"label": "The dog"}) == "H4"
    assert store.add_item(case.id, "evidence", {"summary": "A paw print"}) == "E4"
    # An id of another kind already named E5: the evidence numbering steps over it.
    assert store.add_item(case.id, "hypotheses", {"id": "E5", "label": "The elf"}) == "E5"
    assert store.add_item(case.id, "evidence", {"summary": "Glitter"}) == "E6"
    assert store.add_item(case.id, "sources", {"id": "S9", "title": "Diary"}) == "S9"
    assert store.history(case.id, limit=1)[0].action == "add source S9"


def test_a_new_assumption_stays_ungraded_through_the_store(store):
    case = store.import_document(parse_case_text(SMALL_CASE))
    key = store.add_item(case.id, "assumptions", {"statement": "The vase was full"})
    doc = store.export_document(case.id)
    added = next(a for a in doc.assumptions if a.id == key)
    assert added.grade is None
    assert "grade" not in dump_yaml(doc).split("The vase was full")[1].split("- id")[0]
    store.update_item(case.id, key, {"grade": "Solid"})
    graded = next(a for a in store.export_document(case.id).assumptions if a.id == key)
    assert graded.grade == "Solid"
    # A source added without them gets the neutral reliability and kind.
    source = store.add_item(case.id, "sources", {"title": "A rumour"})
    added_source = next(s for s in store.export_document(case.id).sources if s.id == source)
    assert (added_source.reliability.value, added_source.kind.value) == ("F", "other")
