"""Rating, undo and redo, and adding, changing and removing items: one write transaction
each, for the Store and for the SqliteEditor (a command-line edit on a SQLite file, without
SQLAlchemy) alike."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from claimmap.bulk import gc_paused
from claimmap.model.collections import SINGULAR
from claimmap.store import change_record, changelog, rating_edit, snapshot
from claimmap.store.case_reading import slugify
from claimmap.store.driver_sql import execute, fetch_all, insert_sql, update_sql
from claimmap.store.errors import StoreError

if TYPE_CHECKING:
    from claimmap.model.document import CaseDocument
    from claimmap.store.case_reading import CaseSummary
    from claimmap.store.driver_sql import AnyConnection

Step = Callable[["AnyConnection", "int | None", str], "changelog.Entry | None"]


class EditSteps:
    """A subclass gives `who`, `on_postgres`, `written` (the change-log ids it committed, which
    `writing` adds to) and `writing` (one write transaction)."""

    who: str
    on_postgres: bool
    written: set[int]
    resolve_case: Callable[[str], CaseSummary]  # CaseReading's

    def writing(self) -> AbstractContextManager[AnyConnection]:
        raise NotImplementedError

    def import_document(self, doc: CaseDocument, *, replace: bool = False) -> CaseSummary:
        """Store a validated document as a case, all in one transaction. A case with the same
        slug is refused unless `replace`, which swaps it in the same transaction."""
        from claimmap.model.document import DEFAULT_ANALYST
        from claimmap.store.document_io import write_document

        wanted = doc.case.slug or slugify(doc.case.title)
        if self.on_postgres and doc.analyst == DEFAULT_ANALYST:
            # A file's unattributed ratings become the importer's: on a server every rating
            # belongs to a login, and the importer may write only their own.
            doc = doc.model_copy(update={"analyst": self.who})
        with gc_paused(), self.writing() as conn:
            found = fetch_all(conn, "SELECT id FROM cases WHERE slug = ?", (wanted,))
            old = int(found[0][0]) if found else None
            before: snapshot.Snapshot | str = {}
            fields = {
                "title": doc.case.title,
                "question": doc.case.question,
                "description": doc.case.description,
                "tags": json.dumps(doc.case.tags, ensure_ascii=False),
                "blind_until_rated": doc.case.blind_until_rated,
                "analyst": doc.analyst,
                "updated_at": change_record.now(),
            }
            if old is not None:
                if not replace:
                    raise StoreError(
                        f"a case with slug {wanted!r} already exists (id {old}); "
                        "use --replace to overwrite it or give the file another case.slug"
                    )
                # Keep the case's id and slug; swap its contents.
                before = snapshot.capture_case_json(conn, old)
                snapshot.clear_case(conn, old)
                execute(conn, update_sql("cases", list(fields)), (*fields.values(), old))
                case_id = old
            else:
                values = {**fields, "slug": wanted, "created_at": fields["updated_at"]}
                sql = f"{insert_sql('cases', list(values))} RETURNING id"
                case_id = int(fetch_all(conn, sql, tuple(values.values()))[0][0])
            try:
                write_document(conn, doc, case_id)
            except ValueError as exc:
                raise StoreError(str(exc)) from None
            after = snapshot.capture_case_json(conn, case_id)
            verb = "replace" if old is not None else "import"
            change_record.record(conn, case_id, self.who, f"{verb} case {wanted}", before, after)
        return self.resolve_case(str(case_id))

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

    def add_item(self, case_id: int, collection: str, data: dict[str, Any]) -> str:
        """Add a hypothesis, source, evidence item, assumption, indicator or link; returns its
        id, which is the next free one (H4, E12...) when `data` gives none."""
        from claimmap.store import items  # with the document models, which `rate` never needs

        with _no_clash(), self.writing() as conn:
            key, after = items.add(conn, case_id, collection, data)
            action = f"add {SINGULAR[collection]} {key}"
            change_record.record(conn, case_id, self.who, action, {}, after)
        return key

    def update_item(
        self, case_id: int, key: str, changes: dict[str, Any], expected: int | None = None
    ) -> None:
        """`expected`: the change-log id the editor read the item at; when someone else has
        changed or deleted it since, nothing is saved (stale.ChangedUnderneath or
        DeletedUnderneath say who)."""
        from claimmap.store import items, stale

        with _no_clash(), self.writing() as conn:
            match = stale.item_key(key)
            stale.check(conn, case_id, expected, self.written, key, match)
            collection, row_id = items.find_key(conn, case_id, key)
            before = snapshot.capture(conn, collection, [row_id], cascade=True)
            items.update(conn, case_id, collection, row_id, key, changes)
            after = snapshot.capture(conn, collection, [row_id], cascade=True)
            action = f"edit {SINGULAR[collection]} {key} ({', '.join(changes)})"
            change_record.record(conn, case_id, self.who, action, before, after)

    def delete_item(self, case_id: int, key: str) -> dict[str, int]:
        """Delete an item and what depends on it; returns how many rows went, per table."""
        from claimmap.store import items

        with self.writing() as conn:
            collection, row_id = items.find_key(conn, case_id, key)
            before, after = items.delete(conn, collection, row_id, key)
            action = f"delete {SINGULAR[collection]} {key}"
            if after.get("judgements"):
                action += " (the judgement no longer names a hypothesis)"
            change_record.record(conn, case_id, self.who, action, before, after)
        return {
            name: len(set(rows) - set(after.get(name, {})))
            for name, rows in before.items()
            if set(rows) - set(after.get(name, {}))
        }

    def update_case(
        self, case_id: int, changes: dict[str, Any], expected: int | None = None
    ) -> list[str]:
        """Change the case's own fields (title, question, description, tags,
        blind_until_rated, teaching, judgement) in one logged, undoable transaction.
        `teaching` and `judgement` take a dict of the fields to change, or None to remove
        them. Returns the fields that changed; an edit that changes nothing writes no log
        entry. On PostgreSQL only a team lead (or the database's owner) may switch
        blind_until_rated. `expected`: as for update_item (the judgement is checked when it
        is changed, the case's other fields otherwise)."""
        from claimmap.store import case_fields, stale

        today = dt.date.today()
        with self.writing() as conn:
            judged = "judgement" in changes
            what = "The judgement" if judged else "The case"
            match = stale.case_row(case_id, ["judgements"] if judged else ["cases"])
            stale.check(conn, case_id, expected, self.written, what, match)
            before, after, changed = case_fields.apply_changes(conn, case_id, changes, today)
            # a team setting: an analyst must not lift it to peek at colleagues' ratings
            on_server = self.on_postgres and "blind_until_rated" in changed
            if on_server and not isinstance(conn, sqlite3.Connection):
                from claimmap.store import team  # roles live on the server alone

                team.require_lead(conn, self.who, "switch blind_until_rated")
            if changed:
                action = f"edit case {', '.join(changed)}"
                change_record.record(conn, case_id, self.who, action, before, after)
        return changed

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


@contextmanager
def _no_clash() -> Iterator[None]:
    """Edits are validated against the whole case before they are written, so a constraint
    failure here is a gap in that validation; it still must not reach the user as SQL."""
    try:
        yield
    except Exception as exc:
        if not _integrity(exc):
            raise
        raise StoreError(
            "that edit would store the same thing twice or leave a dangling reference; "
            "nothing was changed"
        ) from None


def _integrity(exc: Exception) -> bool:
    """A constraint the replay broke, as sqlite3 or (when loaded) SQLAlchemy reports it."""
    if isinstance(exc, sqlite3.IntegrityError):
        return True
    alchemy = sys.modules.get("sqlalchemy.exc")
    return alchemy is not None and isinstance(exc, alchemy.IntegrityError)
