"""Import, export and sample loading for the TUI: thin calls into `formats` and the store,
run in workers. Each returns the sentence to show the user, or raises with a readable message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimmap.formats import registry
from claimmap.formats.atomic import write_atomically
from claimmap.samples import import_samples
from claimmap.store.sqlite_target import database_files
from claimmap.user_errors import describe

if TYPE_CHECKING:
    from claimmap.store.case_store import Store


@dataclass(frozen=True)
class TransferRequest:
    path: str
    format: str | None  # None: from the file's suffix (imports only)
    replace: bool = False


class TransferError(Exception):
    """A transfer that failed, said in the interface's words."""


REPLACE_HINT = "tick “replace a stored case with the same slug” to overwrite it"


def plainly(exc: Exception, path: Path | str, reading: bool) -> str:
    """An error as the interface says it: about the file the user named (never a temporary
    file beside it), with no class names and no command-line flags."""
    if isinstance(exc, OSError):
        why = (exc.strerror or str(exc)).rstrip(".")
        return f"cannot {'read' if reading else 'write'} {path}: {why[:1].lower()}{why[1:]}"
    return in_words(exc)


def in_words(exc: Exception) -> str:
    """A store or validation error without the command line's prefixes and class names."""
    text = describe(exc)
    text = re.sub(r"^claimmap: ", "", text)
    text = re.sub(r"^unexpected \w+: ", "", text)
    text = text.replace(" (run with --debug for details)", "")
    text = re.sub(r"use --replace to overwrite it(?: or [^;.]*)?", REPLACE_HINT, text)
    return text


def load_samples(store: Store) -> str:
    loaded = [load.case.slug for load in import_samples(store) if load.case is not None]
    return f"Loaded {', '.join(loaded)}" if loaded else "The sample cases are loaded"


def import_file(store: Store, request: TransferRequest) -> str:
    path = Path(request.path).expanduser()
    if not path.is_file():
        raise TransferError(
            f"there is no file {path}" if not path.exists() else f"{path} is a folder"
        )
    try:
        doc = registry.read_path(str(path), request.format)
        case = store.import_document(doc, replace=request.replace)
    except Exception as exc:
        raise TransferError(plainly(exc, path, reading=True)) from None
    return f"Imported {request.path} as {case.slug!r}: {case.evidence} evidence items"


def export_case(store: Store, case_id: int, request: TransferRequest) -> str:
    fmt = registry.export_format(request.format or "yaml")
    path = Path(request.path).expanduser()
    problem = export_problem(path)
    if problem:
        raise TransferError(problem)
    try:
        data = fmt.render(store.export_document(case_id))
        write_atomically(path, data, database_files(store.engine.url))
    except Exception as exc:
        raise TransferError(plainly(exc, path, reading=False)) from None
    return f"Exported {fmt.name} to {path} ({len(data):,} bytes)"


def export_problem(path: Path) -> str | None:
    """Why a file cannot be written at `path`, found before anything is rendered."""
    if path.is_dir():
        return f"{path} is a folder: give a file name"
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return f"there is no folder {parent}"
    return None


def said_of_history(done: str, verb: str, entry: object | None) -> str:
    """What an undo or redo tells the user: the change it reversed, or that there was none."""
    return f"{done}: {getattr(entry, 'action', '')}" if entry is not None else f"Nothing to {verb}"
