"""A value for a thread worker, let go of once the worker has taken it.

Textual keeps a finished worker, and with it the arguments it was started with, for as long
as anything names it: each pool thread's context names the last worker it ran (textual.worker's
`active_worker`), and a left case screen's workers stay with the screen for good (its objects
were frozen out of the collector's sight while it was shown: bulk.settle_collector). A case
handed to a worker as an argument then outlived its screen, some 100 MB per visit to a case of
50 hypotheses x 5,000 items x 5 analysts. Handed over in one of these, it goes with the
worker's own frame instead.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Handoff(Generic[T]):
    __slots__ = ("_value",)

    def __init__(self, value: T) -> None:
        self._value: T | None = value

    def take(self) -> T:
        value, self._value = self._value, None
        if value is None:
            raise RuntimeError("a handoff is taken once")
        return value
