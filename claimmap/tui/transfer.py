"""Import, export and sample loading for the TUI: thin calls into `formats` and the store,
run in workers. Each returns the sentence to show the user, or raises with a readable message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimmap.formats import registry
from claimmap.formats.atomic import write_atomically
from claimmap.samples import import_samples
from claimmap.store.case_store import Store
from claimmap.store.sqlite_target import database_files
from claimmap.user_errors import describe


@dataclass(frozen=True)
class TransferRequest:
    path: str
    format: str | None  # None: from the file's suffix (imports only)
    replace: bool = False


class TransferError(Exception):
    pass


def load_samples(store: Store) -> str:
    loaded = [load.case.slug for load in import_samples(store) if load.case is not None]
    return f"Loaded {', '.join(loaded)}" if loaded else "The sample cases are loaded"


def import_file(store: Store, request: TransferRequest) -> str:
    try:
        doc = registry.read_path(request.path, request.format)
        case = store.import_document(doc, replace=request.replace)
    except Exception as exc:
        raise TransferError(describe(exc)) from None
    return f"Imported {request.path} as {case.slug!r}: {case.evidence} evidence items"


def export_case(store: Store, case_id: int, request: TransferRequest) -> str:
    fmt = registry.export_format(request.format or "yaml")
    path = Path(request.path).expanduser()
    if path.is_dir():
        raise TransferError(f"{path} is a folder; give a file name")
    try:
        data = fmt.render(store.export_document(case_id))
        write_atomically(path, data, database_files(store.engine.url))
    except Exception as exc:
        raise TransferError(describe(exc)) from None
    return f"Exported {fmt.name} to {path} ({len(data):,} bytes)"


def said_of_history(done: str, verb: str, entry: object | None) -> str:
    """What an undo or redo tells the user: the change it reversed, or that there was none."""
    return f"{done}: {getattr(entry, 'action', '')}" if entry is not None else f"Nothing to {verb}"
