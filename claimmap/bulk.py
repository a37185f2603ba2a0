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
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
