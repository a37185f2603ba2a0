"""The registry of scoring methods, by name, in report order. A method's module is loaded
when the method is first made: the interface scores with one method at a time, and opens a
case without loading the other four (DF-QuAD brings its argument graph)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Method

METHOD_NAMES: tuple[str, ...] = ("inconsistency", "weighted", "squared", "bayes", "dfquad")
# name -> (module, class)
_CLASSES = {
    "inconsistency": (".parc", "Inconsistency"),
    "weighted": (".parc", "Weighted"),
    "squared": (".opensynth", "Squared"),
    "bayes": (".bayes", "Bayes"),
    "dfquad": (".dfquad", "DFQuAD"),
}


def make_methods(names: Sequence[str] | None = None) -> list[Method]:
    """Fresh method objects for the given names (all of them when None), in the given order."""
    chosen = list(METHOD_NAMES) if names is None else list(dict.fromkeys(names))
    unknown = [n for n in chosen if n not in METHOD_NAMES]
    if unknown:
        raise ValueError(
            f"unknown method {', '.join(map(repr, unknown))}; "
            f"valid methods: {', '.join(METHOD_NAMES)}"
        )
    made: list[Method] = []
    for name in chosen:
        module, cls = _CLASSES[name]
        made.append(getattr(importlib.import_module(module, __package__), cls)())
    return made
