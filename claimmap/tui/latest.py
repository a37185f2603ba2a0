"""Only the newest answer counts: how panes run repeated work in threads without cancelling it.

A thread worker cannot be stopped once its thread runs. Textual's `exclusive=True` only marks
the older worker cancelled: its thread goes on, still posts its now stale answer (which may even
arrive after the newer one and paint over it), and anything waiting for that worker gets
`WorkerCancelled` (the cause of a flaky test under load). So these workers are never cancelled:
each request takes a number, its answer carries the number, and an answer whose number is no
longer the newest is dropped.
"""

from __future__ import annotations


class Latest:
    def __init__(self) -> None:
        self._newest = 0

    def ask(self) -> int:
        """Number a new request (on the UI thread, before its worker starts)."""
        self._newest += 1
        return self._newest

    def is_newest(self, number: int) -> bool:
        return number == self._newest
