"""Pydantic's validation errors, reworded for the person who wrote the input."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from claimmap.model.document import CaseDocument
from claimmap.model.problems import InvalidDocument, Loc, Problem
from claimmap.model.rating_cells import validate_with_cells
from claimmap.model.references import find_reference_problems


def _is_analyst(loc: tuple[Any, ...]) -> bool:
    return bool(loc) and (loc[-1] == "analyst" or (len(loc) > 1 and loc[-2] == "ratings_by"))


def _message(error: Any, loc: Loc) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "string_pattern_mismatch" and _is_analyst(loc):
        return f"{value!r} is not a usable analyst name (empty, or spaces at either end)"
    if kind == "missing":
        return "required field is missing"
    if (kind == "string_too_short" and ctx.get("min_length") == 1) or (
        kind == "string_type" and value is None  # `title=` on the command line
    ):
        return "cannot be empty"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "enum":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return f"{value!r} is not one of {', '.join(allowed)}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not a valid id (letters, digits, '_', '.' or '-'; no spaces)"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']} (got {value!r})" if not isinstance(value, dict | list) else error["msg"]


def _at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def problems_from(exc: ValidationError, data: Any, prefix: Loc = ()) -> list[Problem]:
    """Pydantic's errors as problems a person can read, located under `prefix`."""
    problems = []
    for error in exc.errors():
        loc: Loc = tuple(p for p in error["loc"] if p != "[key]")
        # A short-form rating (`H2: X`) is reported where it was written, not as `H2.rating`.
        if loc and loc[-1] == "rating" and isinstance(_at(data, loc[:-1]), str):
            loc = loc[:-1]
        problems.append(Problem((*prefix, *loc), _message(error, (*prefix, *loc))))
    return problems


def python_name_problems(item: Any, loc: Loc) -> list[Problem]:
    """The models accept their Python attribute names (`from_`) so code can build them; a
    file or an edit must use the format's own names (`from`), or two spellings would be valid."""
    if isinstance(item, dict) and "from_" in item:
        return [Problem((*loc, "from_"), "unknown key (the field is called `from`)")]
    return []


def validate_case_data(data: Any) -> CaseDocument:
    """A case document from plain data, or InvalidDocument listing every problem.

    The one way every reader (case files, CSV, PARC ACH) turns data into a document, so all of
    them apply the same field checks, the same cross-references and the same wording."""
    links = data.get("links") if isinstance(data, dict) else None
    if isinstance(links, list):
        named = [
            p for i, link in enumerate(links) for p in python_name_problems(link, ("links", i))
        ]
        if named:
            raise InvalidDocument(named)
    try:
        doc = validate_with_cells(data)
    except ValidationError as exc:
        raise InvalidDocument(problems_from(exc, data)) from None
    problems = find_reference_problems(doc)
    if problems:
        raise InvalidDocument(problems)
    return doc
