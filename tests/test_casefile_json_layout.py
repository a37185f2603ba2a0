"""`dump_json` lays the case file out itself (json's indenting encoder is pure Python and took
seconds over a million cells): its bytes must be json.dumps(indent=2)'s, whatever the text."""

from __future__ import annotations

import json

from hypothesis import given, settings

from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.casefile_write import document_to_data, dump_json
from claimmap.model.document import CaseDocument, RatingCell
from claimmap.model.enums import RatingValue
from tests.conftest import SAMPLES
from tests.helpers.case_strategies import documents, texts


def _reference(doc: CaseDocument) -> str:
    return json.dumps(document_to_data(doc), ensure_ascii=False, indent=2) + "\n"


def test_the_samples_are_laid_out_as_json_dumps_lays_them_out():
    for path in sorted(SAMPLES.glob("*.yaml")):
        doc = read_case_file(path)
        assert dump_json(doc) == _reference(doc), path.name


@settings(max_examples=60, deadline=None)
@given(documents(), texts(), texts())
def test_any_case_with_colleagues_and_rationales_too(doc: CaseDocument, why: str, who: str):
    # Every item also carries a colleague's layer, and every other cell a rationale, so the
    # long form appears at both depths (an item's own ratings and a colleague's).
    evidence = []
    for n, ev in enumerate(doc.evidence):
        own = {
            h: RatingCell(rating=c.rating, rationale=why if i % 2 else None)
            for i, (h, c) in enumerate(ev.ratings.items())
        }
        theirs = {h.id: RatingCell(rating=RatingValue.II, rationale=why) for h in doc.hypotheses}
        by = {f"{who} {n}": theirs} if n % 2 == 0 else {}
        evidence.append(ev.model_copy(update={"ratings": own, "ratings_by": by}))
    doc = doc.model_copy(update={"evidence": evidence})
    text = dump_json(doc)
    assert text == _reference(doc)
    assert json.loads(text) == document_to_data(doc)


def test_an_empty_case_too():
    doc = CaseDocument.model_validate(
        {"format": "claimmap/1", "case": {"title": "t"}, "hypotheses": [], "evidence": []}
    )
    assert dump_json(doc) == _reference(doc)
