"""A change-log entry as an open case sees it: who changed what, and the cells it set.

Apart from the watcher (store/watch.py), which reads them, so that the interface can hold
them without loading SQLAlchemy: a case opened on a reader shows before the store is open."""

from __future__ import annotations

from dataclasses import dataclass

from claimmap.store.change_record import Snapshot, local_minute


@dataclass(frozen=True)
class RatingChange:
    """One cell as a change left it: `value` None when the rating was removed."""

    evidence: str
    hypothesis: str
    analyst: str
    value: str | None
    rationale: str | None


@dataclass(frozen=True)
class Change:
    """A change-log entry written by someone (or something) else."""

    id: int
    case_id: int | None
    at: str
    who: str
    action: str
    op: str  # edit | undo | redo
    before: Snapshot
    after: Snapshot
    # filled in when the entry touched only ratings (and every row's items still exist)
    ratings: tuple[RatingChange, ...] = ()

    @property
    def tables(self) -> set[str]:
        return set(self.before) | set(self.after)

    @property
    def rating_only(self) -> bool:
        """An edit confined to rating rows: applied to an open case cell by cell."""
        return self.op == "edit" and bool(self.tables) and self.tables <= {"ratings"}

    @property
    def deletes_case(self) -> bool:
        return self.op == "edit" and self.action.startswith("delete case") and not self.after

    def when(self) -> str:
        """The entry's time, local, to the minute: "10:41"."""
        return local_minute(self.at)
