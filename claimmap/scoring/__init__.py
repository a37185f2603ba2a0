"""Pure scoring engine: numpy only, no database, no UI.

Entry points: `Matrix` (the input), `score_report` / `format_report` (what the CLI calls),
`build_view` and the method classes for finer use.
"""

from .matrix import NA, UNRATED, Link, Matrix
from .methods import METHOD_NAMES, make_methods
from .report import format_report, score_report
from .view import View, build_view

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
