"""What the readers of other tools' files share: rating codes, new ids, and validation whose
problems point at the place in the foreign file (a CSV row and column, an XML element)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimmap.formats.casefile_read import CaseFileError
from claimmap.model.document import FORMAT, CaseDocument
from claimmap.model.enums import RatingValue
from claimmap.model.problems import InvalidDocument, Loc, Problem
from claimmap.model.validation import validate_case_data

RATING_CODES = tuple(r.value for r in RatingValue)
RATING_CHOICES = ", ".join(RATING_CODES)
_EXACT: dict[str, str | None] = {"": None, **{c: c for c in RATING_CODES}}


def rating_code(text: str) -> str | None:
    """'cc', 'C C', ' n/a ' -> CC, CC, NA; blank -> None (unrated); ValueError otherwise.

    Spaces inside a code are dropped because PARC ACH writes "C C" and "I I"."""
    if text in _EXACT:  # the common case, without the regular expression
        return _EXACT[text]
    code = re.sub(r"\s+", "", text).upper().replace("N/A", "NA")
    if not code:
        return None
    if code in RATING_CODES:
        return code
    raise ValueError(f"{text.strip()!r} is not one of {RATING_CHOICES}")


def level_word(text: str) -> str:
    """'high', 'HIGH' -> 'High'; anything else unchanged, for validation to report."""
    word = text.strip()
    return word.capitalize() if word.lower() in ("high", "medium", "low") else word


class FreshIds:
    """New ids (H7, E12, S3…) that no item uses yet, in linear time over a whole import.

    `used` holds every id taken so far; readers add the ids a file gives. For each prefix we
    remember `low`, below which every number is known to be taken, so a search that starts
    at or under it skips the taken run instead of walking it again for every new item (which
    made 16,000 hypothesis columns or 20,000 PARC sources quadratic)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._low: dict[str, int] = {}

    def take(self, prefix: str, start: int = 1) -> str:
        """The first of prefix<start>, prefix<start+1>, … that is free; now taken."""
        low = self._low.get(prefix, 1)
        n = max(start, low)
        while f"{prefix}{n}" in self.used:
            n += 1
        if start <= low:
            self._low[prefix] = n + 1
        key = f"{prefix}{n}"
        self.used.add(key)
        return key


def case_info(filename: str, title: str | None = None) -> dict[str, Any]:
    """Case fields for an imported file: its own title if it has one, else the file's name.

    Neither a CSV matrix nor a PARC ACH file states a focus question, so the question says
    where the case came from; the analyst rewrites it."""
    stem = Path(filename).stem.strip("<>") or "imported"
    slug = re.sub(r"[^\w]+", "-", stem).strip("-_")[:80].strip("-")
    info: dict[str, Any] = {
        "title": title if title and title.strip() else stem,
        "question": f"(imported from {Path(filename).name}; no focus question was given)",
    }
    if slug:
        info["slug"] = slug
    return info


def empty_document(info: dict[str, Any]) -> dict[str, Any]:
    return {"format": FORMAT, "case": info, "hypotheses": [], "sources": [], "evidence": []}


def finish(
    data: dict[str, Any], filename: str, problems: list[Problem], place: Callable[[Loc], str | None]
) -> CaseDocument:
    """Validate the built document. Every problem found while reading, and every problem the
    validation finds (moved to the foreign file's place by `place` when it can say), is raised
    together as one CaseFileError naming the file, so nothing is written."""
    try:
        doc = validate_case_data(data)
    except InvalidDocument as exc:
        problems = [*problems, *(_relocate(p, place) for p in exc.problems)]
    if problems:
        raise CaseFileError(filename, problems)
    return doc


def _relocate(problem: Problem, place: Callable[[Loc], str | None]) -> Problem:
    where = place(problem.loc)
    return problem if where is None else Problem((where,), problem.message)
