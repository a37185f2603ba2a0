"""A database error in the user's words: which database, what happened, what to do.

SQLite reports a damaged file, a full disk or a read-only file as an exception carrying SQL;
the user needs to hear instead that nothing was written and where to go from here."""

from __future__ import annotations

import re
import sqlite3

from sqlalchemy.exc import DBAPIError

_CHECK = "restore it from a backup, or run `claimmap db check` to see what still reads"
_RULES: list[tuple[str, str]] = [
    (
        r"not a database|file is encrypted",
        "cannot open database {raw}: {why}; check --db, or restore it from a backup if it was "
        "a claimmap database",
    ),
    (r"malformed|disk I/O error", "{db} is damaged ({why}); " + _CHECK),
    (
        r"no such (table|column): (?P<name>\S+)",
        "{db} is damaged: its table or column {name!r} is missing; " + _CHECK,
    ),
    (
        r"database or disk is full|SQLITE_FULL",
        "the disk holding {db} is full; nothing was written. Free some space and try again",
    ),
    (
        r"readonly database|read-only",
        "{db} is read-only (the file or its folder cannot be written); nothing was written",
    ),
    (
        r"unable to open database file",
        "cannot open {db}: its folder is missing or cannot be written",
    ),
    (
        r"database is locked",
        "{db} is busy: another claimmap has held it for over 30 seconds; try again",
    ),
]


def explain(exc: BaseException, database: str | None, *, general: bool = True) -> str | None:
    """The message for a database error, or None if `exc` is not one (or, unless `general`,
    if it is none of the troubles named here)."""
    if isinstance(exc, DBAPIError):
        why = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc).splitlines()[0]
    elif isinstance(exc, sqlite3.Error):
        why = str(exc).splitlines()[0]
    else:
        return None
    db = f"the database {database}" if database else "the database"
    for pattern, template in _RULES:
        match = re.search(pattern, why, re.IGNORECASE)
        if match:
            name = match.groupdict().get("name") or ""
            return template.format(db=db, raw=database, why=why, name=name.strip("'\""))
    return f"{db} reported an error: {why}; nothing was changed" if general else None
