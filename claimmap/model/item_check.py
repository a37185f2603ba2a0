"""Validate one item as part of a case: the same models and reference checks as a case file.

The store checks edits with this before writing, and the TUI's forms check with it before
submitting, so a form, a command-line edit and an imported file never disagree.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from claimmap.model import document as d
from claimmap.model.case_keys import CaseKeys
from claimmap.model.collections import SINGULAR as SINGULAR  # re-exported for callers
from claimmap.model.problems import InvalidDocument, Problem, format_loc
from claimmap.model.references import COLLECTIONS, find_cycles, first_uses, item_problems
from claimmap.model.validation import problems_from, python_name_problems

MODELS: dict[str, type[BaseModel]] = {
    "hypotheses": d.Hypothesis,
    "sources": d.Source,
    "evidence": d.Evidence,
    "assumptions": d.Assumption,
    "indicators": d.Indicator,
    "links": d.Link,
}


def check_item(
    case: d.CaseDocument | CaseKeys, collection: str, index: int, data: dict[str, Any]
) -> Any:
    """Validate `data` as item `index` of `collection` within `case` (index == len appends);
    returns the item model, or raises InvalidDocument with every problem."""
    keys = case if isinstance(case, CaseKeys) else CaseKeys.of(case)
    named = python_name_problems(data, (collection, index))
    if named:
        raise InvalidDocument(named)
    try:
        item: Any = MODELS[collection].model_validate(data)
    except ValidationError as exc:
        raise InvalidDocument(problems_from(exc, data, (collection, index))) from None
    _check_id_is_free(keys, collection, index, item.id)
    ids = {name: list(keys.ids[name]) for name in COLLECTIONS}
    ids[collection][index : index + 1] = [item.id]
    pools, _ = first_uses(ids)  # a clash of the item's own id was refused just above
    problems = item_problems(collection, index, item, pools, keys.analyst)
    problems.extend(_loops_through(keys, collection, index, item))
    if problems:
        raise InvalidDocument(problems)
    return item


def _loops_through(keys: CaseKeys, collection: str, index: int, item: Any) -> list[Problem]:
    """Loops of relations or undercuts that run through the item, reported at the item: the
    case-wide check names a loop at its earliest member, which may be another one."""
    if collection not in ("hypotheses", "links"):
        return []
    hypotheses, links = list(keys.hypotheses), list(keys.links)
    trial = hypotheses if collection == "hypotheses" else links
    trial[index : index + 1] = [item]
    field = "relations" if collection == "hypotheses" else "to"
    return [
        Problem((collection, index, field), problem.message)
        for problem, ring in find_cycles(hypotheses, links)
        if item.id in ring
    ]


def _check_id_is_free(keys: CaseKeys, collection: str, index: int, key: str) -> None:
    """Ids are unique across all six collections. The document-wide check reports a clash at
    whichever copy comes later, which may not be the item being edited; so ask directly."""
    for name in COLLECTIONS:
        for i, other in enumerate(keys.ids[name]):
            if other == key and (name, i) != (collection, index):
                where = format_loc((name, i))
                problem = Problem(
                    (collection, index, "id"), f"duplicate id {key!r} (first used at {where})"
                )
                raise InvalidDocument([problem])


_ANALYST = TypeAdapter(d.AnalystName)


def check_analyst(name: str) -> str:
    """An analyst name as it enters from `--as`, a form or the store API: the same rule as a
    case file's `analyst` and `ratings_by` keys, so whatever is stored can be exported."""
    try:
        return _ANALYST.validate_python(name)
    except ValidationError as exc:
        raise InvalidDocument(problems_from(exc, name, ("analyst",))) from None
