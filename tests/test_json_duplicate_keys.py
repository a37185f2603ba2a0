"""A JSON case file that names a key twice in one object is refused with the key named; the
same key in different objects is no duplicate."""

from __future__ import annotations

import json

import pytest

from claimmap.formats.casefile_read import parse_case_bytes
from claimmap.model.problems import InvalidDocument

CASE = {
    "format": "claimmap/1",
    "case": {"title": "Two keys"},
    "hypotheses": [{"id": "H1", "label": "One"}, {"id": "H2", "label": "Two"}],
    "evidence": [
        {"id": "E1", "summary": "first", "ratings": {"H1": "C", "H2": "I"}},
        {"id": "E2", "summary": "second", "ratings": {"H1": "N", "H2": "CC"}},
    ],
}


def test_the_same_key_in_different_objects_is_fine():
    doc = parse_case_bytes(json.dumps(CASE).encode(), "case.json")
    assert [ev.ratings["H2"].rating.value for ev in doc.evidence] == ["I", "CC"]


@pytest.mark.parametrize(
    ("twice", "key"),
    [
        ('"title": "Two keys"', "title"),  # in the case
        ('"H1": "C"', "H1"),  # in a rating map, where the bulk check reads cells
        ('"format": "claimmap/1"', "format"),  # at the top
    ],
)
def test_a_key_given_twice_in_one_object_is_refused(twice, key):
    text = json.dumps(CASE)
    assert twice in text
    doubled = text.replace(twice, f"{twice}, {twice}", 1)
    with pytest.raises(InvalidDocument) as caught:
        parse_case_bytes(doubled.encode(), "case.json")
    assert f"duplicate key {key!r}" in str(caught.value)
