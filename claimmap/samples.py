"""The sample cases in a store: loading them all once, and the case `open` and `demo` start on.

Shared by the command line and the terminal interface, so both load the samples the same way.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimmap.formats.samples import DEMO, DEMO_SLUG, sample_dir
from claimmap.store.errors import StoreError

if TYPE_CHECKING:
    from claimmap.store.case_reading import CaseReading
    from claimmap.store.case_store import CaseSummary, Store


@dataclass(frozen=True)
class SampleLoad:
    path: Path
    case: CaseSummary | None  # None when a case with its slug was already stored


def import_samples(store: Store) -> list[SampleLoad]:
    """Import every sample case whose slug is not stored yet."""
    # here: opening a stored case (what `open` does) reads no case file
    from claimmap.formats.casefile_read import read_case_file

    known = {c.slug for c in store.list_cases()}
    loads = []
    for path in sorted(sample_dir().glob("*.yaml")):
        doc = read_case_file(path)
        stored = doc.case.slug in known
        loads.append(SampleLoad(path, None if stored else store.import_document(doc)))
    return loads


def resolve_target(
    store: Store | CaseReading, case: str | int | None, demo: bool
) -> tuple[int, str]:
    """The case id to open and a note for the user (empty when there is nothing to say). The
    demo case may need importing: then `store` is a Store or a SqliteEditor, never a bare
    reader (see cli/tui_commands.first_reader)."""
    if isinstance(case, int):
        return case, ""
    if case is not None:
        return store.case_id(case), ""
    if not demo:
        raise ValueError("no case to open")
    with contextlib.suppress(StoreError):
        return store.case_id(DEMO_SLUG), ""
    importer = getattr(store, "import_document", None)
    if importer is None:
        raise TypeError("the demo case is imported through a Store or an editor")
    from claimmap.demo_seed import seed_new_database
    from claimmap.store.edit_steps import EditSteps  # here: `open` needs no editor's code

    path = sample_dir() / DEMO
    # a brand-new database takes the sample's rows as they are (see demo_seed.py)
    found = seed_new_database(store) if isinstance(store, EditSteps) else None
    if found is None:
        from claimmap.formats.casefile_read import read_case_file

        found = importer(read_case_file(path))
    return found.id, f"imported the sample case {found.slug!r} from {path.name}"
