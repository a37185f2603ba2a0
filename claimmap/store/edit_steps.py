"""Rating, undo and redo, one write transaction each, for the Store and for the SqliteEditor
(a command-line `rate`, `undo` or `redo` on a SQLite file, without SQLAlchemy) alike."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from claimmap.bulk import gc_paused
from claimmap.store import changelog, rating_edit
from claimmap.store.errors import StoreError

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

Step = Callable[["AnyConnection", "int | None", str], "changelog.Entry | None"]


class EditSteps:
    """A subclass gives `who`, `on_postgres` and `writing` (one write transaction)."""

    who: str
    on_postgres: bool

    def writing(self) -> AbstractContextManager[AnyConnection]:
        raise NotImplementedError

    def rate(
        self,
        case_id: int,
        evidence: str,
        hypothesis: str,
        value: str | None,
        rationale: str | None = None,
        analyst: str | None = None,
        *,
        new_analyst: bool = False,
    ) -> None:
        """Set (or with value None, clear) one cell. Clearing makes it unrated, not NA.

        `analyst` (default: the case's own) whose rating it is. On SQLite a name that has no
        rating in the case yet and is not the case's analyst raises UnknownAnalyst unless
        `new_analyst`: a typo must not quietly start a second analyst. On PostgreSQL the
        rating is the login's, which is no typo, so no question is asked there."""
        rating_edit.check_rating(value, analyst, self.who, self.on_postgres)
        cell = (evidence, hypothesis, value, rationale)
        with self.writing() as conn:
            rating_edit.rate(conn, case_id, self.who, self.on_postgres, cell, analyst, new_analyst)

    def undo(self, case_id: int | None = None) -> changelog.Entry | None:
        """Undo this analyst's (`self.who`) newest edit, never a colleague's; raises
        UndoConflict when a colleague changed the same rows since."""
        return self._step(changelog.undo, "undo", case_id)

    def redo(self, case_id: int | None = None) -> changelog.Entry | None:
        """Redo the edit `self.who` undid most recently, with the same check as undo."""
        return self._step(changelog.redo, "redo", case_id)

    def _step(self, step: Step, verb: str, case_id: int | None) -> changelog.Entry | None:
        try:
            with gc_paused(), self.writing() as conn:
                return step(conn, case_id, self.who)
        except Exception as exc:
            if not _integrity(exc):
                raise
            why = getattr(exc, "orig", None) or exc
            raise StoreError(f"cannot {verb}: a later change conflicts ({why})") from None


def _integrity(exc: Exception) -> bool:
    """A constraint the replay broke, as sqlite3 or (when loaded) SQLAlchemy reports it."""
    if isinstance(exc, sqlite3.IntegrityError):
        return True
    alchemy = sys.modules.get("sqlalchemy.exc")
    return alchemy is not None and isinstance(exc, alchemy.IntegrityError)
