"""The domain: what a case is, independent of storage, files and screens.

The names below load on first use (PEP 562), so importing a light submodule such as
`claimmap.model.enums` does not load pydantic and every model with it: a command-line edit
starts faster.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimmap.model.document import DEFAULT_ANALYST, FORMAT, CaseDocument
    from claimmap.model.problems import InvalidDocument, Problem

_HOME = {
    "DEFAULT_ANALYST": "claimmap.model.document",
    "FORMAT": "claimmap.model.document",
    "CaseDocument": "claimmap.model.document",
    "InvalidDocument": "claimmap.model.problems",
    "Problem": "claimmap.model.problems",
}

__all__ = ["DEFAULT_ANALYST", "FORMAT", "CaseDocument", "InvalidDocument", "Problem"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOME[name]), name)
