"""What the interface opens on: a named case, the demo case (imported once), or the list."""

from __future__ import annotations

from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.samples import DEMO, sample_dir
from claimmap.store.case_store import Store
from claimmap.store.engine import StoreError


def resolve_target(store: Store, case: str | int | None, demo: bool) -> tuple[int, str]:
    """The case id to open and a note for the user (empty when there is nothing to say)."""
    if isinstance(case, int):
        return case, ""
    if case is not None:
        return store.resolve_case(case).id, ""
    if not demo:
        raise ValueError("no case to open")
    path = sample_dir() / DEMO
    doc = read_case_file(path)
    try:
        return store.resolve_case(doc.case.slug or "").id, ""
    except StoreError:
        found = store.import_document(doc)
        return found.id, f"imported the sample case {found.slug!r} from {path.name}"
