"""The id a new item gets when the analyst gives none: the TUI's forms, `claimmap add` and the
store all use this one rule, so an item added anywhere gets the id it would get elsewhere."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

PREFIX = {
    "hypotheses": "H",
    "evidence": "E",
    "sources": "S",
    "assumptions": "A",
    "indicators": "I",
    "links": "L",
}


def next_id(ids: Mapping[str, Sequence[str]], collection: str) -> str:
    """The next free id in the case's own style: one more than the highest `E<n>`, skipping
    any id another kind of item already uses (ids are unique across the whole case)."""
    prefix = PREFIX[collection]
    pattern = re.compile(rf"^{prefix}(\d+)$")
    used = [int(m.group(1)) for key in ids[collection] if (m := pattern.match(key))]
    taken = {key for name in PREFIX for key in ids[name]}
    number = max(used, default=0) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"
