"""The store: every read and every edit of cases, each edit one transaction with one log entry.

The command line and the TUI both go through this class, so they share validation, the change
log, undo and redo.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import IntegrityError

from claimmap.bulk import gc_paused
from claimmap.model.collections import SINGULAR
from claimmap.model.enums import RatingValue
from claimmap.store import changelog, snapshot
from claimmap.store.analysts import analyst_ids
from claimmap.store.engine import StoreError, backup, open_engine
from claimmap.store.location import resolve_url
from claimmap.store.snapshot import table

if TYPE_CHECKING:  # pydantic's models and numpy load only for the commands that use them
    from claimmap.model.document import CaseDocument
    from claimmap.scoring.matrix import Matrix


def slugify(text: str) -> str:
    """A URL-safe handle that keeps letters of any script: 'HTS في إدلب' → 'hts-في-إدلب'."""
    text = unicodedata.normalize("NFKC", text).lower()
    slug = re.sub(r"[^\w]+", "-", text).strip("-_")
    return slug[:80].strip("-") or "case"


# the store's bulk reads and writes pause the collector (see claimmap/bulk.py)
bulk_work = gc_paused


def current_user() -> str:
    try:
        return os.environ.get("CLAIMMAP_ANALYST") or getpass.getuser()
    except Exception:
        return "analyst"


@dataclass(frozen=True)
class CaseSummary:
    id: int
    slug: str
    title: str
    question: str
    hypotheses: int
    evidence: int
    ratings: int
    updated_at: str


class Store:
    def __init__(self, engine: Engine, who: str | None = None):
        self.engine = engine
        self.who = who or current_user()
        self.backup_made: Path | None = None

    @classmethod
    def open(cls, path_or_url: str | None = None, who: str | None = None) -> Store:
        url = resolve_url(path_or_url)
        engine, made = open_engine(url)
        store = cls(engine, who)
        store.backup_made = made
        return store

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction; it takes the write lock at once (see engine.py)."""
        with (
            self.engine.connect().execution_options(claimmap_begin="IMMEDIATE") as conn,
            conn.begin(),
        ):
            yield conn

    def backup(self, target: Path) -> Path:
        return backup(self.engine, target)

    # -- cases ----------------------------------------------------------------------------

    def list_cases(self) -> list[CaseSummary]:
        return self._summaries(None)

    def _summaries(self, case_id: int | None) -> list[CaseSummary]:
        """Every case with its counts, or (given `case_id`) that one case: counting is by
        index, but still one step per rating, so one case is never charged for all."""
        cases, hyps, evs, rats = (table(n) for n in ("cases", "hypotheses", "evidence", "ratings"))

        def count(tbl: Any) -> Any:
            return select(func.count()).where(tbl.c.case_id == cases.c.id).scalar_subquery()

        query = select(
            cases.c.id,
            cases.c.slug,
            cases.c.title,
            cases.c.question,
            count(hyps),
            count(evs),
            count(rats),
            cases.c.updated_at,
        ).order_by(cases.c.title, cases.c.id)
        if case_id is not None:
            query = query.where(cases.c.id == case_id)
        with self.reading() as conn:
            return [CaseSummary(*row) for row in conn.execute(query)]

    def case_id(self, ref: str) -> int:
        """The id of a case given by id, slug or exact title, read from the cases table alone
        (an edit needs no counts)."""
        cases = table("cases")
        with self.reading() as conn:
            rows = [tuple(r) for r in conn.execute(select(cases.c.id, cases.c.slug, cases.c.title))]
        for test in (
            lambda c: ref.isdigit() and c[0] == int(ref),
            lambda c: c[1] == ref,
            lambda c: c[2] == ref,
            lambda c: c[1] == slugify(ref),
        ):
            found = [c for c in rows if test(c)]
            if len(found) == 1:
                return int(found[0][0])
        slugs = sorted(rows, key=lambda c: (c[2], c[0]))[:10]
        known = ", ".join(c[1] for c in slugs) or "none yet; try `claimmap demo`"
        raise StoreError(f"no case {ref!r} (give an id, a slug or the exact title; known: {known})")

    def resolve_case(self, ref: str) -> CaseSummary:
        """A case by id, slug or exact title, with its counts."""
        return self._summaries(self.case_id(ref))[0]

    def import_document(self, doc: CaseDocument, *, replace: bool = False) -> CaseSummary:
        """Store a validated document as a case, all in one transaction. A case with the same
        slug is refused unless `replace`, which swaps it in the same transaction."""
        wanted = doc.case.slug or slugify(doc.case.title)
        cases = table("cases")
        with bulk_work(), self.writing() as conn:
            old = conn.execute(select(cases.c.id).where(cases.c.slug == wanted)).scalar()
            before: snapshot.Snapshot | str = {}
            fields = {
                "title": doc.case.title,
                "question": doc.case.question,
                "description": doc.case.description,
                "tags": json.dumps(doc.case.tags, ensure_ascii=False),
                "analyst": doc.analyst,
                "updated_at": changelog.now(),
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
                conn.execute(cases.update().where(cases.c.id == old).values(fields))
                case_id = int(old)
            else:
                values = {**fields, "slug": wanted, "created_at": fields["updated_at"]}
                case_id = snapshot.inserted_id(conn.execute(cases.insert().values(values)))
            try:
                from claimmap.store.document_io import write_document

                write_document(conn, doc, case_id)
            except ValueError as exc:
                raise StoreError(str(exc)) from None
            after = snapshot.capture_case_json(conn, case_id)
            verb = "replace" if old is not None else "import"
            changelog.record(conn, case_id, self.who, f"{verb} case {wanted}", before, after)
        return self.resolve_case(str(case_id))

    def export_document(self, case_id: int) -> CaseDocument:
        from claimmap.store.document_export import read_document

        with bulk_work(), self.reading() as conn:
            return read_document(conn, case_id)

    def delete_case(self, case_id: int) -> None:
        cases = table("cases")
        with bulk_work(), self.writing() as conn:
            slug = conn.scalar(select(cases.c.slug).where(cases.c.id == case_id))
            if slug is None:
                raise StoreError(f"no case with id {case_id}")
            before = snapshot.capture_case_json(conn, case_id)
            conn.execute(cases.delete().where(cases.c.id == case_id))
            changelog.record(conn, case_id, self.who, f"delete case {slug}", before, {})

    # -- edits ----------------------------------------------------------------------------

    def _key_id(self, conn: Connection, case_id: int, name: str, key: str) -> int:
        tbl = table(name)
        found = conn.scalar(select(tbl.c.id).where(tbl.c.case_id == case_id, tbl.c.key == key))
        if found is None:
            raise StoreError(f"no {name} item {key!r} in this case")
        return int(found)

    def rate(
        self,
        case_id: int,
        evidence: str,
        hypothesis: str,
        value: str | None,
        rationale: str | None = None,
        analyst: str | None = None,
    ) -> None:
        """Set (or with value None, clear) one cell. Clearing makes it unrated, not NA."""
        if value is not None and value not in RatingValue.__members__:
            raise StoreError(f"{value!r} is not one of {', '.join(RatingValue.__members__)}")
        ratings, cases = table("ratings"), table("cases")
        with self.writing() as conn:
            ev_id = self._key_id(conn, case_id, "evidence", evidence)
            hyp_id = self._key_id(conn, case_id, "hypotheses", hypothesis)
            who = analyst or str(conn.scalar(select(cases.c.analyst).where(cases.c.id == case_id)))
            analyst_id = analyst_ids(conn, {who})[who]
            where = (
                ratings.c.evidence_id == ev_id,
                ratings.c.hypothesis_id == hyp_id,
                ratings.c.analyst_id == analyst_id,
            )
            row_id = conn.scalar(select(ratings.c.id).where(*where))
            before = snapshot.capture(conn, "ratings", [row_id]) if row_id else {}
            old = before["ratings"][row_id]["value"] if row_id else "unrated"
            if value is None:
                if row_id:
                    conn.execute(ratings.delete().where(ratings.c.id == row_id))
            elif row_id:
                conn.execute(
                    ratings.update()
                    .where(ratings.c.id == row_id)
                    .values(value=value, rationale=rationale)
                )
            else:
                row_id = snapshot.inserted_id(
                    conn.execute(
                        ratings.insert().values(
                            case_id=case_id,
                            evidence_id=ev_id,
                            hypothesis_id=hyp_id,
                            analyst_id=analyst_id,
                            value=value,
                            rationale=rationale,
                        )
                    )
                )
            after = snapshot.capture(conn, "ratings", [row_id]) if row_id else {}
            action = f"rate {evidence} × {hypothesis}: {old} → {value or 'unrated'}"
            changelog.record(conn, case_id, self.who, action, before, after)

    def add_item(self, case_id: int, collection: str, data: dict[str, Any]) -> None:
        """Add a hypothesis, source, evidence item, assumption, indicator or link."""
        from claimmap.store import items

        with self.writing() as conn:
            after = items.add(conn, case_id, collection, data)
            action = f"add {SINGULAR[collection]} {data.get('id')}"
            changelog.record(conn, case_id, self.who, action, {}, after)

    def update_item(self, case_id: int, key: str, changes: dict[str, Any]) -> None:
        from claimmap.store import items

        with self.writing() as conn:
            collection, row_id = items.find_key(conn, case_id, key)
            before = snapshot.capture(conn, collection, [row_id], cascade=True)
            items.update(conn, case_id, collection, row_id, key, changes)
            after = snapshot.capture(conn, collection, [row_id], cascade=True)
            action = f"edit {SINGULAR[collection]} {key} ({', '.join(changes)})"
            changelog.record(conn, case_id, self.who, action, before, after)

    def delete_item(self, case_id: int, key: str) -> dict[str, int]:
        """Delete an item and what depends on it; returns how many rows went, per table."""
        from claimmap.store import items

        with self.writing() as conn:
            collection, row_id = items.find_key(conn, case_id, key)
            before = items.delete(conn, collection, row_id, key)
            action = f"delete {SINGULAR[collection]} {key}"
            changelog.record(conn, case_id, self.who, action, before, {})
        return {name: len(rows) for name, rows in before.items()}

    # -- history --------------------------------------------------------------------------

    def undo(self, case_id: int | None = None) -> changelog.Entry | None:
        try:
            with bulk_work(), self.writing() as conn:
                return changelog.undo(conn, case_id, self.who)
        except IntegrityError as exc:
            raise StoreError(f"cannot undo: a later change conflicts ({exc.orig})") from None

    def redo(self, case_id: int | None = None) -> changelog.Entry | None:
        try:
            with bulk_work(), self.writing() as conn:
                return changelog.redo(conn, case_id, self.who)
        except IntegrityError as exc:
            raise StoreError(f"cannot redo: a later change conflicts ({exc.orig})") from None

    def history(self, case_id: int | None = None, limit: int = 50) -> list[changelog.Entry]:
        with self.reading() as conn:
            return changelog.history(conn, case_id, limit)

    # -- scoring input ----------------------------------------------------------------------

    def matrix(self, case_id: int) -> Matrix:
        from claimmap.store.matrix_query import read_matrix

        with bulk_work(), self.reading() as conn:
            return read_matrix(conn, case_id)
