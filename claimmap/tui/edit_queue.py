"""Edits waiting to be saved, applied to the store strictly in the order they were made.

Every edit becomes a job with a sequence number. Workers drain the queue under one lock, so two
quick keystrokes can never reach the database out of order however the threads are scheduled.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from claimmap.store.case_store import Store


@dataclass(frozen=True)
class Job:
    seq: int
    describe: str
    run: Callable[[Store], Any]
    rating: tuple[str, str, str | None, str | None] | None = None  # replayed over reloads
    reload: bool = True  # structural edits reload the case afterwards
    edit: bool = True  # False for jobs that change nothing (an export): no reload on failure


@dataclass
class Outcome:
    job: Job
    result: Any = None
    error: Exception | None = None


@dataclass
class EditQueue:
    store: Store
    _jobs: deque[Job] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _seq: int = 0
    done_seq: int = 0  # highest sequence number whose job has finished (saved or failed)

    def add(self, describe: str, run: Callable[[Store], Any], **kwargs: Any) -> Job:
        self._seq += 1
        job = Job(self._seq, describe, run, **kwargs)
        self._jobs.append(job)
        return job

    def drain(self, report: Callable[[Outcome], None]) -> None:
        """Run every queued job in order (called from worker threads)."""
        with self._lock:
            while self._jobs:
                job = self._jobs.popleft()
                try:
                    outcome = Outcome(job, result=job.run(self.store))
                except Exception as exc:  # reported to the user by the screen
                    outcome = Outcome(job, error=exc)
                self.done_seq = job.seq
                report(outcome)

    def pending_ratings(self, after: int) -> list[tuple[str, str, str | None, str | None]]:
        """Ratings queued after `after` (not yet in a reloaded document), oldest first."""
        return [job.rating for job in list(self._jobs) if job.seq > after and job.rating]

    @contextmanager
    def settled(self) -> Iterator[None]:
        """Hold off the savers: inside, no edit is half-way through being written."""
        with self._lock:
            yield

    @property
    def idle(self) -> bool:
        return not self._jobs
