"""Import, export and sample loading for the TUI: thin calls into `formats` and the store,
run in workers. Each returns the sentence to show the user, or raises with a readable message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimmap.formats import registry
from claimmap.formats.atomic import write_atomically
from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.samples import sample_dir
from claimmap.store.case_store import Store
from claimmap.user_errors import describe


@dataclass(frozen=True)
class TransferRequest:
    path: str
    format: str | None  # None: from the file's suffix (imports only)
    replace: bool = False


class TransferError(Exception):
    pass


def load_samples(store: Store) -> str:
    known = {c.slug for c in store.list_cases()}
    loaded = []
    for path in sorted(sample_dir().glob("*.yaml")):
        doc = read_case_file(path)
        if doc.case.slug not in known:
            store.import_document(doc)
            loaded.append(doc.case.slug or path.stem)
    return f"Loaded {', '.join(map(str, loaded))}" if loaded else "The sample cases are loaded"


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
        write_atomically(path, data)
    except Exception as exc:
        raise TransferError(describe(exc)) from None
    return f"Exported {fmt.name} to {path} ({len(data):,} bytes)"
