"""The rating cells of a case file, validated in bulk.

A big case has a million cells. Through the models each costs a Python call for the short
form (`H1: C`), another for the id check of its key, and a model: five seconds for the
benchmark's big case. Nearly every cell is one of a few plain shapes, so they are checked
here, with each distinct key checked once by the models' own types, and the models validate
the rest of the document. Anything else (a wrong value, an unknown key, another type) sends
the whole document through the models, whose errors are the ones the user sees."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from claimmap.model.document import PLAIN_CELLS, AnalystName, CaseDocument, Id, RatingCell

Cells = dict[str, RatingCell]
_ID: TypeAdapter[str] = TypeAdapter(Id)
_ANALYST: TypeAdapter[str] = TypeAdapter(AnalystName)
_SHORT = frozenset(PLAIN_CELLS)


class _Unusual(Exception):
    """A cell or key outside the plain shapes: the models must judge it."""


@lru_cache(maxsize=4096)  # a case names a few dozen hypotheses a million times
def _key(adapter: TypeAdapter[str], key: object) -> str:
    if type(key) is not str:
        raise _Unusual
    try:
        checked = adapter.validate_python(key)
    except ValidationError:
        raise _Unusual from None
    if checked != key:
        raise _Unusual
    return key


def _cell(value: Any) -> RatingCell:
    if type(value) is str:
        cell = PLAIN_CELLS.get(value)
        if cell is not None:
            return cell
    elif type(value) is dict and value.keys() <= {"rating", "rationale"}:
        rating, why = value.get("rating"), value.get("rationale")
        if type(rating) is str and rating in PLAIN_CELLS and (why is None or type(why) is str):
            level = PLAIN_CELLS[rating].rating
            if "rationale" not in value:
                return RatingCell.model_construct(rating=level)
            return RatingCell.model_construct(rating=level, rationale=why)
    raise _Unusual


@lru_cache(maxsize=256)  # most items rate the same hypotheses: one check per key list
def _keys(adapter: TypeAdapter[str], keys: tuple[object, ...]) -> None:
    for key in keys:
        _key(adapter, key)


def _cells(value: Any) -> Cells:
    if type(value) is not dict:
        raise _Unusual
    _keys(_ID, tuple(value))
    try:  # all short forms (`H1: C`)? Checked and looked up in C, not a call a cell
        plain = _SHORT.issuperset(value.values())
    except TypeError:  # a rationale's mapping is unhashable
        plain = False
    if plain:
        return dict(zip(value, map(PLAIN_CELLS.__getitem__, value.values()), strict=True))
    return {k: _cell(c) for k, c in value.items()}


def validate_with_cells(data: Any) -> CaseDocument:
    """`CaseDocument.model_validate(data)`, the same document or the same ValidationError,
    with the plain rating cells checked in bulk."""
    items = data.get("evidence") if type(data) is dict else None
    if type(items) is not list or not all(type(item) is dict for item in items):
        return CaseDocument.model_validate(data)
    try:
        rated = []
        for item in items:
            own = _cells(item["ratings"]) if "ratings" in item else None
            by = None
            if "ratings_by" in item:
                if type(item["ratings_by"]) is not dict:
                    raise _Unusual
                by = {
                    _key(_ANALYST, who): _cells(cells) for who, cells in item["ratings_by"].items()
                }
            rated.append((own, by))
    except _Unusual:
        return CaseDocument.model_validate(data)
    rest = {
        **data,
        "evidence": [
            {k: v for k, v in item.items() if k not in ("ratings", "ratings_by")} for item in items
        ],
    }
    try:
        doc = CaseDocument.model_validate(rest)
    except ValidationError:
        return CaseDocument.model_validate(data)  # its errors, the ratings' included
    for ev, (own, by) in zip(doc.evidence, rated, strict=True):
        if own is not None:
            ev.ratings = own
        if by is not None:
            ev.ratings_by = by
    return doc
