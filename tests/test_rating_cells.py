"""Rating cells validated in bulk must give what the models give: the same document, or the
same errors, for any input."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from claimmap.formats.casefile_write import document_to_data
from claimmap.model.document import CaseDocument
from claimmap.model.rating_cells import validate_with_cells
from tests.helpers.case_strategies import documents, texts


def _both(data: Any) -> tuple[Any, Any]:
    """Each way's document, or its list of errors."""
    out = []
    for validate in (validate_with_cells, CaseDocument.model_validate):
        try:
            out.append(validate(copy.deepcopy(data)))
        except ValidationError as exc:
            # the same errors; the exception objects a value error carries compare by text
            out.append(
                [
                    {**e, "ctx": {k: str(v) for k, v in e.get("ctx", {}).items()}}
                    for e in exc.errors()
                ]
            )
    return out[0], out[1]


def _same(data: Any) -> Any:
    fast, slow = _both(data)
    assert fast == slow
    if isinstance(slow, CaseDocument):  # which fields were given, too
        for a, b in zip(fast.evidence, slow.evidence, strict=True):
            assert a.model_fields_set == b.model_fields_set
            for cells in (a.ratings, *a.ratings_by.values()):
                for cell in cells.values():
                    assert cell.model_fields_set == slow_cell_fields(b, cell)
    return slow


def slow_cell_fields(ev: Any, cell: Any) -> set[str]:
    found = [c for cells in (ev.ratings, *ev.ratings_by.values()) for c in cells.values()]
    return next(c.model_fields_set for c in found if c == cell)


@settings(max_examples=60, deadline=None)
@given(documents(), texts())
def test_any_case_gives_the_same_document(doc: CaseDocument, why: str):
    data = document_to_data(doc)
    for n, item in enumerate(data.get("evidence", [])):
        cells = item.get("ratings", {})
        long = {h: {"rating": c, "rationale": why} for h, c in cells.items()}
        if n % 3 == 1:  # the long form, with and without a rationale
            item["ratings"] = {h: {"rating": c} for h, c in cells.items()}
        if n % 2 == 0:
            item["ratings_by"] = {"ana": long, "bo": {}}
    assert isinstance(_same(data), CaseDocument)


BASE = {
    "format": "claimmap/1",
    "case": {"title": "t"},
    "hypotheses": [{"id": "H1", "label": "one"}, {"id": "H2", "label": "two"}],
    "evidence": [
        {"id": "E1", "summary": "s", "ratings": {"H1": "C", "H2": {"rating": "I"}}},
        {"id": "E2", "summary": "s", "ratings_by": {"ana": {"H1": "NA"}}},
    ],
}


@pytest.mark.parametrize(
    "path, value",
    [
        (("evidence", 0, "ratings", "H1"), "X"),  # not a rating
        (("evidence", 0, "ratings", "H1"), 3),
        (("evidence", 0, "ratings", "H2"), {"rating": "C", "why": "?"}),  # unknown key
        (("evidence", 0, "ratings", "H2"), {"rating": "C", "rationale": 5}),
        (("evidence", 0, "ratings", "H2"), {"rationale": "no rating"}),
        (("evidence", 0, "ratings"), None),
        (("evidence", 0, "ratings"), ["H1", "C"]),
        (("evidence", 1, "ratings_by"), {" ana": {"H1": "C"}}),  # a name with a space
        (("evidence", 1, "ratings_by"), {"ana": None}),
        (("evidence", 1, "summary"), ""),  # an error outside the ratings
    ],
)
def test_a_wrong_cell_gives_the_models_errors(path: tuple[Any, ...], value: Any):
    data = copy.deepcopy(BASE)
    place = data
    for part in path[:-1]:
        place = place[part]
    place[path[-1]] = value
    assert isinstance(_same(data), list)  # both refuse it, with the same errors


@pytest.mark.parametrize("key", ["H 1", "H\u200d1", "Ｈ1", "", "H" * 65, "H1\n"])
def test_a_wrong_key_gives_the_models_errors(key: str):
    data = copy.deepcopy(BASE)
    data["evidence"][0]["ratings"] = {key: "C"}
    assert isinstance(_same(data), list)


def test_the_plain_case_is_accepted_by_both():
    doc = _same(copy.deepcopy(BASE))
    assert doc.evidence[0].ratings["H2"].rating.value == "I"
    assert doc.evidence[1].ratings_by["ana"]["H1"].rating.value == "NA"
