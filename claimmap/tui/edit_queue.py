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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimmap.store.case_store import Store

Rating = tuple[str, str, str | None, str | None]  # evidence, hypothesis, value, rationale


@dataclass(frozen=True)
class Job:
    seq: int
    describe: str
    run: Callable[[Store], Any]
    rating: Rating | None = None  # replayed over reloads
    reload: bool = True  # structural edits reload the case afterwards
    edit: bool = True  # False for jobs that change nothing (an export): no reload on failure


@dataclass
class Outcome:
    job: Job
    result: Any = None
    error: Exception | None = None


@dataclass
class EditQueue:
    # the store the jobs run on, asked for when the first job runs: the interface may show a
    # case, and take edits, before its store is open (see ClaimmapApp)
    store_of: Callable[[], Store]
    _jobs: deque[Job] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _seq: int = 0
    done_seq: int = 0  # highest sequence number whose job has finished (saved or failed)
    # Ratings not yet seen in a reloaded document, queued or already saved: a reload that read
    # the database just before a rating was saved must still show it.
    _unseen: dict[int, Rating] = field(default_factory=dict)

    def add(self, describe: str, run: Callable[[Store], Any], **kwargs: Any) -> Job:
        self._seq += 1
        job = Job(self._seq, describe, run, **kwargs)
        if job.rating is not None:
            self._unseen[job.seq] = job.rating
        self._jobs.append(job)
        return job

    def drain(self, report: Callable[[Outcome], None]) -> None:
        """Run every queued job in order (called from worker threads)."""
        with self._lock:
            while self._jobs:
                job = self._jobs.popleft()
                try:
                    outcome = Outcome(job, result=job.run(self.store_of()))
                except Exception as exc:  # reported to the user by the screen
                    outcome = Outcome(job, error=exc)
                    self._unseen.pop(job.seq, None)  # never saved: nothing to show again
                self.done_seq = job.seq
                report(outcome)

    def pending_ratings(self, after: int) -> list[Rating]:
        """Ratings made after job `after`, oldest first: a document read once job `after` had
        finished lacks them. Earlier ones are in every later read, so they are forgotten."""
        unseen = sorted(self._unseen.items())  # a copy: savers may drop failed ones meanwhile
        for seq, _ in unseen:
            if seq <= after:
                self._unseen.pop(seq, None)
        return [rating for seq, rating in unseen if seq > after]

    def waiting(self) -> list[str]:
        """What is queued and not yet saved, oldest first."""
        return [job.describe for job in list(self._jobs) if job.edit]

    def pending_cells(self) -> set[tuple[str, str]]:
        """Cells with a rating still waiting to be saved: a colleague's rating of one of them
        is not shown, since ours is saved after it and stands."""
        return {(job.rating[0], job.rating[1]) for job in list(self._jobs) if job.rating}

    @contextmanager
    def settled(self) -> Iterator[None]:
        """Hold off the savers: inside, no edit is half-way through being written."""
        with self._lock:
            yield

    @property
    def idle(self) -> bool:
        return not self._jobs
