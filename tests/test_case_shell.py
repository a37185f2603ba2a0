"""A case's shell (what the interface paints before the document models load) is made from
the stored rows without pydantic. It must show every item exactly as the validated document
built from the same rows has it, in every script, and a stored value outside its enum must
be reported as damage, as the document's own read reports it."""

from __future__ import annotations

import pytest

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.store.errors import StoreError
from tests.conftest import SAMPLES


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_the_shell_shows_what_the_document_holds(store: Store, sample: str):
    imported = read_case_file(SAMPLES / sample)
    case_id = store.import_document(imported).id
    shell, rows, matrix, rationales = store.shell_columns(case_id)
    doc = store.document_from(rows)
    # the document from the rows is the one read_document builds, query by query
    assert doc == store.case_columns(case_id, rationales=False)[0]
    assert rationales == store.case_columns(case_id)[2]
    assert (matrix.evidence, matrix.hypotheses) == (
        tuple(e.id for e in imported.evidence),
        tuple(h.id for h in imported.hypotheses),
    )
    assert (shell.case.title, shell.case.question, shell.case.slug) == (
        imported.case.title,
        imported.case.question,
        doc.case.slug,
    )
    assert shell.case.blind_until_rated == imported.case.blind_until_rated
    assert shell.analyst == doc.analyst
    assert [(h.id, h.label) for h in shell.hypotheses] == [
        (h.id, h.label) for h in imported.hypotheses
    ]
    fields = ("id", "summary", "source", "date", "kind", "credibility", "relevance", "notes")
    assert [[getattr(e, f) for f in fields] + [list(e.tags)] for e in shell.evidence] == [
        [getattr(e, f) for f in fields] + [e.tags] for e in imported.evidence
    ]
    assert [(s.id, s.title, s.kind, s.reliability) for s in shell.sources] == [
        (s.id, s.title, s.kind, s.reliability) for s in imported.sources
    ]


def test_the_arabic_title_and_names_come_through_as_written(store: Store):
    imported = read_case_file(SAMPLES / "hts-idlib-2018.yaml")
    shell = store.shell_columns(store.import_document(imported).id)[0]
    assert "انسحابات هيئة تحرير الشام" in shell.case.title
    assert shell.case.title == imported.case.title


def test_a_kind_outside_its_enum_is_damage_said_with_the_case_and_the_remedy(store: Store):
    case_id = store.import_document(read_case_file(SAMPLES / "hts-idlib-2018.yaml")).id
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE evidence SET kind = 'rumour' WHERE key = 'E1'")
    with pytest.raises(StoreError, match=r"case \d+ .*cannot read.*db check"):
        store.shell_columns(case_id)
