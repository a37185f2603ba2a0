"""The id a new item gets when the analyst gives none: the TUI's forms, `claimmap add` and the
store all use this one rule, so an item added anywhere gets the id it would get elsewhere."""

from __future__ import annotations

import re

from claimmap.model.document import CaseDocument

PREFIX = {
    "hypotheses": "H",
    "evidence": "E",
    "sources": "S",
    "assumptions": "A",
    "indicators": "I",
    "links": "L",
}


def next_id(doc: CaseDocument, collection: str) -> str:
    """The next free id in the case's own style: one more than the highest `E<n>`, skipping
    any id another kind of item already uses (ids are unique across the whole case)."""
    prefix = PREFIX[collection]
    pattern = re.compile(rf"^{prefix}(\d+)$")
    used = [int(m.group(1)) for it in getattr(doc, collection) if (m := pattern.match(it.id))]
    taken = {it.id for name in PREFIX for it in getattr(doc, name)}
    number = max(used, default=0) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"
