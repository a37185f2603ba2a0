"""Reading one stored case: how a case is found by name and read whole, shared by the Store
(through SQLAlchemy, on SQLite or PostgreSQL) and the CaseReader (a bare sqlite3
connection, for the commands that only read a SQLite file)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimmap.bulk import gc_paused
from claimmap.store.driver_sql import fetch_all
from claimmap.store.errors import StoreError

# loaded where used: `case_id`, all that an edit reads here, needs none of them
if TYPE_CHECKING:
    from claimmap.model.document import CaseDocument, Judgement
    from claimmap.scoring.matrix import Matrix
    from claimmap.store.case_shell import CaseShell
    from claimmap.store.changelog import Entry
    from claimmap.store.document_export import CaseHeader
    from claimmap.store.document_rows import CaseRows
    from claimmap.store.driver_sql import AnyConnection

# bulk reads and writes pause the collector (see claimmap/bulk.py)
bulk_work = gc_paused


def slugify(text: str) -> str:
    """A URL-safe handle that keeps letters of any script: 'HTS في إدلب' → 'hts-في-إدلب'."""
    text = unicodedata.normalize("NFKC", text).lower()
    slug = re.sub(r"[^\w]+", "-", text).strip("-_")
    return slug[:80].strip("-") or "case"


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


# Counting is by index, but still one step per rating: one case is never charged for all.
SUMMARIES_SQL = """
SELECT c.id, c.slug, c.title, c.question,
       (SELECT count(*) FROM hypotheses WHERE case_id = c.id),
       (SELECT count(*) FROM evidence WHERE case_id = c.id),
       (SELECT count(*) FROM ratings WHERE case_id = c.id),
       c.updated_at
FROM cases AS c"""


class CaseReading:
    """The reads of one case. A subclass gives `reading` (one read transaction) and
    `database_shown` (the database as a message names it)."""

    def reading(self) -> AbstractContextManager[AnyConnection]:
        raise NotImplementedError

    def database_shown(self) -> str:
        raise NotImplementedError

    def case_id(self, ref: str) -> int:
        """The id of a case given by id, slug or exact title, read from the cases table alone
        (an edit needs no counts)."""
        return self.case_ref(ref)[0]

    def case_ref(self, ref: str) -> tuple[int, str]:
        """The id and the slug of a case given by id, slug or exact title."""
        with self.reading() as conn:
            rows = fetch_all(conn, "SELECT id, slug, title FROM cases")
        for test in (
            lambda c: ref.isdigit() and c[0] == int(ref),
            lambda c: c[1] == ref,
            lambda c: c[2] == ref,
            lambda c: c[1] == slugify(ref),
        ):
            found = [c for c in rows if test(c)]
            if len(found) == 1:
                return int(found[0][0]), str(found[0][1])
        slugs = sorted(rows, key=lambda c: (c[2], c[0]))[:10]
        known = ", ".join(c[1] for c in slugs) or "none yet; try `claimmap demo`"
        raise StoreError(f"no case {ref!r} (give an id, a slug or the exact title; known: {known})")

    def list_cases(self) -> list[CaseSummary]:
        return self._summaries(None)

    def resolve_case(self, ref: str) -> CaseSummary:
        """A case by id, slug or exact title, with its counts."""
        return self._summaries(self.case_id(ref))[0]

    def _summaries(self, case_id: int | None) -> list[CaseSummary]:
        """Every case with its counts, by title, or (given `case_id`) that one case."""
        sql = SUMMARIES_SQL
        params: tuple[int, ...] = ()
        if case_id is not None:
            sql, params = f"{sql} WHERE c.id = ?", (case_id,)
        with self.reading() as conn:
            rows = fetch_all(conn, f"{sql} ORDER BY c.title, c.id", params)
        return [CaseSummary(*row) for row in rows]

    def newest_change(self, case_id: int | None = None) -> int:
        """The newest change-log id (of one case, or of any): where watching starts from."""
        sql = "SELECT max(id) FROM changes"
        params: tuple[int, ...] = ()
        if case_id is not None:
            sql, params = f"{sql} WHERE case_id = ?", (case_id,)
        with self.reading() as conn:
            return int(fetch_all(conn, sql, params)[0][0] or 0)

    def history(
        self, case_id: int | None = None, limit: int = 50, who: str | None = None
    ) -> list[Entry]:
        """The change log, newest first; `who` keeps one analyst's entries only."""
        from claimmap.store.changelog import history

        with self.reading() as conn:
            return history(conn, case_id, limit, who)

    def judgement(self, case_id: int) -> Judgement | None:
        """The written judgement, or None: the document models (pydantic) load only when
        there is one, so `score` on a case without one starts without them."""
        with self.reading() as conn:
            if not fetch_all(conn, "SELECT 1 FROM judgements WHERE case_id = ?", (case_id,)):
                return None
            from claimmap.store.document_export import read_header

            return read_header(conn, case_id).judgement

    def case_header(self, case_id: int) -> CaseHeader:
        """The case's info, teaching notes and judgement, without reading its items."""
        from claimmap.store.document_export import read_header

        with self.reading() as conn:
            return read_header(conn, case_id)

    def matrix(self, case_id: int) -> Matrix:
        from claimmap.store.matrix_query import read_matrix

        with bulk_work(), self._readable(case_id), self.reading() as conn:
            return read_matrix(conn, case_id)

    def case_columns(
        self, case_id: int, *, rationales: bool = True, colleagues: bool = True
    ) -> tuple[CaseDocument, Matrix, dict[tuple[str, str, str], str]]:
        """The case as an interface holds it, read in one transaction: the document without
        its ratings, the rating cube, and the rationales by (analyst, evidence, hypothesis)
        (empty when not asked for). A million ratings cost one int8 array, not a million
        objects. Without `colleagues` (and rationales), the cube holds the case analyst's
        layer alone, all that a printed summary shows."""
        from claimmap.store.matrix_query import read_matrix

        if not rationales:
            from claimmap.store.document_export import read_document

            with bulk_work(), self._readable(case_id), self.reading() as conn:
                shell = read_document(conn, case_id, ratings_of=())
                return shell, read_matrix(conn, case_id, colleagues=colleagues), {}
        rows, matrix, why = self._rows_columns(case_id)
        return self.document_from(rows), matrix, why

    def shell_columns(
        self, case_id: int
    ) -> tuple[CaseShell, CaseRows, Matrix, dict[tuple[str, str, str], str]]:
        """`case_columns` with the case's shell and rows in place of its document, read
        without the document models (pydantic): a caller shows the shell first and builds
        the document from the rows later (`document_from`)."""
        from claimmap.store.case_shell import case_shell

        rows, matrix, why = self._rows_columns(case_id)
        with self._readable(case_id):  # an unknown enum value fails here
            return case_shell(rows), rows, matrix, why

    def _rows_columns(
        self, case_id: int
    ) -> tuple[CaseRows, Matrix, dict[tuple[str, str, str], str]]:
        """The case's rows, rating cube and rationales, in one read transaction."""
        from claimmap.store.document_rows import read_case_rows
        from claimmap.store.matrix_query import read_columns

        with bulk_work(), self._readable(case_id), self.reading() as conn:
            return read_case_rows(conn, case_id), *read_columns(conn, case_id)

    def document_from(self, rows: CaseRows) -> CaseDocument:
        """The document (without ratings) of the case whose rows `shell_columns` read: validated,
        and damage said as any read says it."""
        from claimmap.store.document_export import document_from_rows

        with bulk_work(), self._readable(rows.case_id):
            return document_from_rows(rows)

    def export_document(self, case_id: int) -> CaseDocument:
        """The whole case as a document, its ratings put back from the columns: on a big case
        half the time of building a model per stored rating row."""
        from claimmap.formats.casefile_matrix import rated_document

        with bulk_work():
            return rated_document(*self.case_columns(case_id))

    @contextmanager
    def _readable(self, case_id: int) -> Iterator[None]:
        """A stored value claimmap cannot read (a rating outside the enum, broken JSON, a
        row another program changed) is damage to report, not a crash."""
        try:
            yield
        except (ValueError, KeyError, TypeError) as exc:  # pydantic's ValidationError too
            reason = str(exc).splitlines()[0][:200]
            raise StoreError(
                f"case {case_id} in the database {self.database_shown()} holds a value claimmap "
                f"cannot read ({type(exc).__name__}: {reason}); run `claimmap db check` to see "
                "what is damaged, or restore the database from a backup"
            ) from None
