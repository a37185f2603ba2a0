"""Bulk work with the cyclic garbage collector paused.

Reading, validating, writing or exporting a big case makes millions of short-lived objects
(rows, cells, dicts), none of them in reference cycles. Each 700 new objects trigger a young
collection, and every so often a full one walks all the live objects again: bulk paths turn
superlinear and a 5,000-item case spends seconds in the collector. Pausing it for the bulk
step costs nothing (reference counting still frees everything) and the collector resumes at
the end, as it was.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle_collector() -> None:
    """Collect the young garbage, then move everything still alive out of the collector's
    sight. For a moment when nobody waits (the typing has paused) after something long-lived
    was made, such as a tab's pane: later full collections then walk only what was made
    since, instead of tens of thousands of widgets and render caches again at each (a pause
    of 25-50 ms on a big case). Young only: a full collection would walk all of those once
    more, the very pause this avoids. Each call leaves for good the cycles among what it
    froze that die later (a pane's first tables once replaced): call it a bounded number of
    times."""
    gc.collect(1)
    gc.freeze()


def import_lasting(name: str) -> ModuleType:
    """Import a heavy module in the middle of a session (networkx with the first map) with
    the collector paused, then move what it made out of the collector's sight: a module
    lives as long as the process, and otherwise full collections would walk its objects
    during the import and again at every later one, pauses of tens of milliseconds. (An
    import leaves almost no garbage to freeze with it: a few hundred objects for all of
    claimmap's start-up imports.)"""
    if name in sys.modules:
        return sys.modules[name]
    with gc_paused():
        module = importlib.import_module(name)
        gc.freeze()
    return module
