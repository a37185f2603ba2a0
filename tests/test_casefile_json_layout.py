"""`dump_json` lays the case file out itself (json's indenting encoder is pure Python and took
seconds over a million cells): its bytes must be json.dumps(indent=2)'s, whatever the text."""

from __future__ import annotations

import json

from hypothesis import given, settings

from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.casefile_write import document_to_data, dump_json
from claimmap.model.document import CaseDocument
from tests.conftest import SAMPLES
from tests.helpers.case_strategies import documents, texts, with_layers


def _reference(doc: CaseDocument) -> str:
    return json.dumps(document_to_data(doc), ensure_ascii=False, indent=2) + "\n"


def test_the_samples_are_laid_out_as_json_dumps_lays_them_out():
    for path in sorted(SAMPLES.glob("*.yaml")):
        doc = read_case_file(path)
        assert dump_json(doc) == _reference(doc), path.name


@settings(max_examples=60, deadline=None)
@given(documents(), texts(), texts())
def test_any_case_with_colleagues_and_rationales_too(doc: CaseDocument, why: str, who: str):
    doc = with_layers(doc, why, who)
    text = dump_json(doc)
    assert text == _reference(doc)
    assert json.loads(text) == document_to_data(doc)


def test_an_empty_case_too():
    doc = CaseDocument.model_validate(
        {"format": "claimmap/1", "case": {"title": "t"}, "hypotheses": [], "evidence": []}
    )
    assert dump_json(doc) == _reference(doc)
