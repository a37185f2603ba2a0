"""Validate one item as part of a case: the same models and reference checks as a case file.

The store checks edits with this before writing, and the TUI's forms check with it before
submitting, so a form, a command-line edit and an imported file never disagree.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from claimmap.model import document as d
from claimmap.model.collections import SINGULAR as SINGULAR  # re-exported for callers
from claimmap.model.problems import InvalidDocument
from claimmap.model.references import find_reference_problems
from claimmap.model.validation import problems_from

MODELS: dict[str, type[BaseModel]] = {
    "hypotheses": d.Hypothesis,
    "sources": d.Source,
    "evidence": d.Evidence,
    "assumptions": d.Assumption,
    "indicators": d.Indicator,
    "links": d.Link,
}


def check_item(doc: d.CaseDocument, collection: str, index: int, data: dict[str, Any]) -> Any:
    """Validate `data` as item `index` of `collection` within `doc` (index == len appends);
    returns the item model, or raises InvalidDocument with every problem."""
    try:
        item = MODELS[collection].model_validate(data)
    except ValidationError as exc:
        raise InvalidDocument(problems_from(exc, data, (collection, index))) from None
    items = list(getattr(doc, collection))
    items[index : index + 1] = [item]
    trial = doc.model_copy(update={collection: items})
    problems = [p for p in find_reference_problems(trial) if p.loc[:2] == (collection, index)]
    if problems:
        raise InvalidDocument(problems)
    return item
