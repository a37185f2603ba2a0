"""`dump_yaml` makes PyYAML's nodes itself (its representer's bookkeeping was most of the
time): its bytes must be yaml.dump's with the case dumper, whatever the text."""

from __future__ import annotations

import yaml
from hypothesis import given, settings

from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.casefile_write import _CaseDumper, document_to_data, dump_yaml
from claimmap.model.document import CaseDocument
from tests.conftest import SAMPLES
from tests.exports.export_tools import NASTY, nasty_case
from tests.helpers.case_strategies import documents, texts, with_layers


def _reference(doc: CaseDocument) -> str:
    data = document_to_data(doc)
    options = {"allow_unicode": True, "sort_keys": False, "default_flow_style": False}
    return str(yaml.dump(data, Dumper=_CaseDumper, width=100, **options))


def test_the_samples_and_hostile_text_are_laid_out_as_yaml_dump_lays_them_out():
    for path in sorted(SAMPLES.glob("*.yaml")):
        doc = read_case_file(path)
        assert dump_yaml(doc) == _reference(doc), path.name
    nasty = nasty_case(NASTY)
    assert dump_yaml(nasty) == _reference(nasty)
    assert "|" in dump_yaml(nasty)  # multi-line text is a literal block in both


@settings(max_examples=60, deadline=None)
@given(documents(), texts(), texts())
def test_any_case_with_colleagues_rationales_and_numbers(doc: CaseDocument, why: str, who: str):
    doc = with_layers(doc, why, who)
    # priors are floats (1e-05, 0.5), credibility may be a number: every scalar kind
    hypotheses = [
        h.model_copy(update={"prior": [None, 1e-05, 0.5, 1.0][i % 4]})
        for i, h in enumerate(doc.hypotheses)
    ]
    doc = doc.model_copy(update={"hypotheses": hypotheses})
    text = dump_yaml(doc)
    assert text == _reference(doc)
    assert yaml.safe_load(text) == document_to_data(doc)


def test_an_empty_case_too():
    doc = CaseDocument.model_validate(
        {"format": "claimmap/1", "case": {"title": "t"}, "hypotheses": [], "evidence": []}
    )
    assert dump_yaml(doc) == _reference(doc)
