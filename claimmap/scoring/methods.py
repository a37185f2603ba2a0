"""The registry of scoring methods, by name, in report order."""

from __future__ import annotations

from collections.abc import Sequence

from .base import Method
from .bayes import Bayes
from .dfquad import DFQuAD
from .opensynth import Squared
from .parc import Inconsistency, Weighted

METHOD_NAMES: tuple[str, ...] = ("inconsistency", "weighted", "squared", "bayes", "dfquad")


def make_methods(names: Sequence[str] | None = None) -> list[Method]:
    """Fresh method objects for the given names (all of them when None), in the given order."""
    chosen = list(METHOD_NAMES) if names is None else list(dict.fromkeys(names))
    unknown = [n for n in chosen if n not in METHOD_NAMES]
    if unknown:
        raise ValueError(
            f"unknown method {', '.join(map(repr, unknown))}; "
            f"valid methods: {', '.join(METHOD_NAMES)}"
        )
    factories = {
        "inconsistency": Inconsistency,
        "weighted": Weighted,
        "squared": Squared,
        "bayes": Bayes,
        "dfquad": DFQuAD,
    }
    return [factories[n]() for n in chosen]
