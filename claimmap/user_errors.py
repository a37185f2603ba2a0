"""One-line messages for the errors a user can act on, shared by the command line and the TUI.

What it reads loads when there is an error to say: a screen that imports `describe` opens
without the formats' registry and the problem models."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimmap.model.problems import InvalidDocument


def describe(exc: Exception, database: str | None = None) -> str:
    """The message; every line of it printable (problems escape their own parts, and the rest
    is user text in an exception's words, so it is escaped here). `database` names the
    database in use, for the errors that come from it."""
    from claimmap.formats.errors import CaseFileError
    from claimmap.model.problems import InvalidDocument
    from claimmap.model.visible import visible

    if isinstance(exc, (CaseFileError, InvalidDocument)):
        return _problems(exc)
    from claimmap.store.db_errors import explain

    said = explain(exc, database)
    return visible(f"claimmap: {said}" if said else _describe(exc))


def _problems(exc: InvalidDocument) -> str:
    from claimmap.formats.errors import CaseFileError

    if isinstance(exc, CaseFileError):
        return exc.render()
    return "\n".join(p.render() for p in exc.problems)


def _describe(exc: Exception) -> str:
    from claimmap.formats.errors import ExportError
    from claimmap.formats.registry import UnknownFormat
    from claimmap.store.errors import StoreError

    if isinstance(exc, (StoreError, ExportError, UnknownFormat)):
        return f"claimmap: {exc}"
    if isinstance(exc, OSError):
        return f"claimmap: {exc.filename or ''}: {exc.strerror or exc}".replace(": :", ":")
    return f"claimmap: unexpected {type(exc).__name__}: {exc} (run with --debug for details)"
