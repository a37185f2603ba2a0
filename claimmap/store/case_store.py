"""The store: every read and every edit of cases, each edit one transaction with one log entry.

The command line and the TUI both go through this class, so they share validation, the change
log, undo and redo.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError

from claimmap.model.problems import InvalidDocument
from claimmap.store import analysts, change_record, postgres, snapshot, team
from claimmap.store.case_reading import CaseReading, CaseSummary, bulk_work, slugify
from claimmap.store.change_record import current_user
from claimmap.store.edit_steps import EditSteps
from claimmap.store.engine import StoreError, backup, open_engine
from claimmap.store.location import resolve_url
from claimmap.store.snapshot import table

# The document models (pydantic), numpy and the item checks load where they are used, so a
# command-line `rate` or `undo` starts without them (tests/test_layering.py keeps it so).

F = TypeVar("F", bound=Callable[..., Any])


def _one_transaction(method: F) -> F:
    """A store method that is one whole write transaction, run again when PostgreSQL aborted
    it for a serialization failure or a deadlock (see postgres.retrying)."""

    @functools.wraps(method)
    def run(self: Store, *args: Any, **kwargs: Any) -> Any:
        if not self.on_postgres:
            return method(self, *args, **kwargs)
        return postgres.retrying(lambda: method(self, *args, **kwargs))

    return cast(F, run)


class Store(CaseReading, EditSteps):
    def __init__(self, engine: Engine, who: str | None = None):
        self.engine = engine
        self.on_postgres = engine.dialect.name == "postgresql"
        self.who = who or current_user()
        if self.on_postgres:
            # The server knows who we are: its login is the analyst, whatever was typed.
            with engine.connect() as conn:
                login = postgres.login(conn)
            if who is not None and who != login:
                raise StoreError(
                    f"on PostgreSQL the change log names your database login ({login}); "
                    f"--who {who} cannot change it (connect as {who} instead)"
                )
            self.who = login
        self.backup_made: Path | None = None
        self.written: set[int] = set()  # change-log ids this Store committed

    @classmethod
    def open(
        cls, path_or_url: str | None = None, who: str | None = None, *, create: bool = True
    ) -> Store:
        """`create`: whether a missing folder named by `path_or_url` may be made."""
        url = resolve_url(path_or_url, create=create)
        engine, made = open_engine(url)
        store = cls(engine, who)
        store.backup_made = made
        return store

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._refusals(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction; it takes the write lock at once (see engine.py and
        postgres.py)."""
        written: list[int] = []
        with (
            self._refusals(),
            self.engine.connect().execution_options(claimmap_begin="IMMEDIATE") as conn,
            conn.begin(),
        ):
            conn.info[change_record.WRITTEN] = written
            yield conn
        self.written.update(written)  # committed: these entries are ours (see store/watch.py)

    @contextmanager
    def _refusals(self) -> Iterator[None]:
        """The server's refusals (no privilege, row-level security, busy) as one-line errors."""
        try:
            yield
        except DBAPIError as exc:
            refused = postgres.refusal(exc, self._described()) if self.on_postgres else None
            if refused is None:
                raise
            raise refused from None

    def _described(self) -> str:
        """The login, with its team role when it has one: `ana (viewer)`."""
        try:
            with self.engine.connect() as conn:
                role = team.role_of(conn, self.who)
        except DBAPIError:
            role = None
        return f"{self.who} ({role})" if role else self.who

    # -- the team (PostgreSQL) ------------------------------------------------------------

    def _team_server(self) -> None:
        if not self.on_postgres:
            raise StoreError(
                "teams need a PostgreSQL database (--db postgresql+psycopg://...): on SQLite "
                "whoever can open the file can edit it; see docs/teams.md"
            )

    def team_add(self, name: str, role: str) -> bool:
        self._team_server()
        with self._refusals(), self.engine.begin() as conn:
            return team.add(conn, name, role)

    def team_members(self) -> list[tuple[str, str]]:
        self._team_server()
        with self.reading() as conn:
            return team.members(conn)

    def team_remove(self, name: str) -> None:
        self._team_server()
        with self._refusals(), self.engine.begin() as conn:
            team.remove(conn, name)

    def backup(self, target: Path) -> Path:
        return backup(self.engine, target)

    # -- cases ----------------------------------------------------------------------------

    @_one_transaction
    def create_case(
        self,
        title: str,
        *,
        question: str = "",
        description: str | None = None,
        tags: tuple[str, ...] | list[str] = (),
    ) -> CaseSummary:
        """A new, empty case. Its slug comes from the title, with -2, -3... when taken; the
        creation is one logged change, so undo removes the case again."""
        from pydantic import ValidationError

        from claimmap.model import document as d
        from claimmap.model.validation import problems_from

        data = {
            "title": title,
            "question": question,
            "description": description or None,
            "tags": list(tags),
        }
        try:
            info = d.CaseInfo.model_validate(data)
        except ValidationError as exc:
            raise InvalidDocument(problems_from(exc, data, ("case",))) from None
        cases = table("cases")
        with self.writing() as conn:
            taken = set(conn.scalars(select(cases.c.slug)))
            base = slugify(info.title)
            slug = next(
                s
                for s in (base, *(f"{base}-{n}" for n in range(2, len(taken) + 3)))
                if s not in taken
            )
            stamp = change_record.now()
            case_id = snapshot.inserted_id(
                conn.execute(
                    cases.insert().values(
                        slug=slug,
                        title=info.title,
                        question=info.question,
                        description=info.description,
                        tags=json.dumps(info.tags, ensure_ascii=False),
                        analyst=d.DEFAULT_ANALYST,
                        created_at=stamp,
                        updated_at=stamp,
                    )
                )
            )
            after = snapshot.capture(conn, "cases", [case_id])
            change_record.record(conn, case_id, self.who, f"create case {slug}", {}, after)
        return self.resolve_case(str(case_id))

    update_case = _one_transaction(EditSteps.update_case)

    import_document = _one_transaction(EditSteps.import_document)

    @_one_transaction
    def delete_case(self, case_id: int) -> None:
        cases = table("cases")
        with bulk_work(), self.writing() as conn:
            slug = conn.scalar(select(cases.c.slug).where(cases.c.id == case_id))
            if slug is None:
                raise StoreError(f"no case with id {case_id}")
            before = snapshot.capture_case_json(conn, case_id)
            conn.execute(cases.delete().where(cases.c.id == case_id))
            change_record.record(conn, case_id, self.who, f"delete case {slug}", before, {})

    # -- edits ----------------------------------------------------------------------------

    def _key_query(self, case_id: int, name: str, key: str) -> Any:
        tbl = table(name)
        query = select(tbl.c.id).where(tbl.c.case_id == case_id, tbl.c.key == key)
        return query.scalar_subquery()

    rate = _one_transaction(EditSteps.rate)

    add_item = _one_transaction(EditSteps.add_item)
    update_item = _one_transaction(EditSteps.update_item)
    delete_item = _one_transaction(EditSteps.delete_item)

    # -- history --------------------------------------------------------------------------

    undo = _one_transaction(EditSteps.undo)
    redo = _one_transaction(EditSteps.redo)

    def case_analysts(self, case_id: int) -> list[str]:
        """The case's own analyst first, then everyone else with a rating in it, by name."""
        with self.reading() as conn:
            return analysts.case_analysts(conn, case_id)

    def database_shown(self) -> str:
        """The database as a message names it: a file's path, a server's URL without the
        password."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database:
            return url.database.removeprefix("file:")  # a read-only URI names the file so
        return url.render_as_string(hide_password=True)
