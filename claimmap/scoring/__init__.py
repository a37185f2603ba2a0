"""Pure scoring engine: numpy only, no database, no UI.

Entry points: `Matrix` (the input), `score_report` / `format_report` (what the CLI calls),
`build_view` and the method classes for finer use. They load on first use (PEP 562), so a
module that needs only `claimmap.scoring.matrix` does not load every method with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .matrix import NA, UNRATED, Link, Matrix
    from .methods import METHOD_NAMES, make_methods
    from .report import format_report, score_report
    from .view import View, build_view

_HOME = {
    "NA": ".matrix",
    "UNRATED": ".matrix",
    "Link": ".matrix",
    "Matrix": ".matrix",
    "METHOD_NAMES": ".methods",
    "make_methods": ".methods",
    "format_report": ".report",
    "score_report": ".report",
    "View": ".view",
    "build_view": ".view",
}

__all__ = [
    "METHOD_NAMES",
    "NA",
    "UNRATED",
    "Link",
    "Matrix",
    "View",
    "build_view",
    "format_report",
    "make_methods",
    "score_report",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOME[name], __name__), name)
